package dev.shopreco.api.config;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Micronaut's CORS support, on for exactly the origins of {@code CORS_ALLOWED_ORIGINS} and off when
 * there are none. Set here rather than in {@code application.yml}: there, a configuration without
 * origins would allow every origin.
 */
@Singleton
public class CorsOrigins implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    private final AccessSettings access;

    public CorsOrigins(final AccessSettings access) {
        this.access = access;
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(
            final BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        final HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        if (access.allowedOrigins().isEmpty()) {
            cors.setEnabled(false);
            return cors;
        }
        final CorsOriginConfiguration origins = new CorsOriginConfiguration();
        origins.setAllowedOrigins(access.allowedOrigins());
        cors.setConfigurations(Map.of("shop", origins));
        cors.setEnabled(true);
        return cors;
    }
}
