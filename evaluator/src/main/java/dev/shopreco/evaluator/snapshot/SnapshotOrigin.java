package dev.shopreco.evaluator.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a snapshot came from, recorded in the results so that an evaluation can be traced and
 * repeated: the topic end offsets it was read up to, the SHA-256 of a saved file, or a data folder.
 *
 * @param source  {@code kafka}, {@code file} or {@code data}
 * @param details JSON-ready values (strings, numbers, nested maps), in insertion order
 */
public record SnapshotOrigin(String source, Map<String, Object> details) {

    public static final String KAFKA = "kafka";
    public static final String FILE = "file";
    public static final String DATA = "data";

    public SnapshotOrigin {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** {@code source} and every detail, as one JSON-ready map. */
    public Map<String, Object> asMap() {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", source);
        map.putAll(details);
        return map;
    }
}
