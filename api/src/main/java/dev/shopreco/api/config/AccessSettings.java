package dev.shopreco.api.config;

import java.util.List;

/**
 * Who may call the API.
 *
 * @param apiKey         the key {@code X-API-Key} must carry on the protected endpoints; empty: no key needed
 * @param allowedOrigins the origins a browser page may call the API from (CORS); empty: none
 */
public record AccessSettings(String apiKey, List<String> allowedOrigins) {

    public AccessSettings {
        apiKey = apiKey == null ? "" : apiKey;
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
