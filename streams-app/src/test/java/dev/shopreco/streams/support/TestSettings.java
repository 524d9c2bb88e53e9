package dev.shopreco.streams.support;

import dev.shopreco.streams.topology.StreamsSettings;
import java.util.HashMap;
import java.util.Map;

/** Topology settings for tests that run the topology on a real broker. */
public final class TestSettings {

    private TestSettings() {
    }

    /**
     * The defaults with {@code overrides}, except that the item Gram is flushed, and a changed kept set
     * applied, every second (defaults: 30 s and 1 min): a test that compares the Gram rows then waits
     * for the data, not for the next timer. Flushing more often changes when the rows are published,
     * not what they hold; but each flush re-reads every changed user's window, so it costs CPU while
     * input streams in fast (the whole default data set takes several times longer to process): for
     * small data sets, or for an instance that only restores and checks.
     */
    public static StreamsSettings of(final Map<String, String> overrides) {
        final Map<String, String> variables = new HashMap<>(Map.of(
                "ITEM_GRAM_FLUSH_INTERVAL", "PT1S",
                "ITEM_GRAM_KEPT_INTERVAL", "PT1S"));
        variables.putAll(overrides);
        return StreamsSettings.from(variables);
    }
}
