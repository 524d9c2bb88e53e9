package dev.shopreco.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopreco.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON reading for tests. */
public final class Jsons {

    private Jsons() {
    }

    public static JsonNode read(final String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
