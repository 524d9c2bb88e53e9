package dev.shopreco.streams.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.producer.ProducerCli;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Where integration tests find the default data set. */
public final class DataSets {

    private DataSets() {
    }

    /**
     * The folder named by the system property {@code shop.data} or the variable {@code SHOP_DATA_DIR};
     * else the project's {@code data/} folder; if that is missing too, the generator's default set
     * (deterministic: the same files as {@code data/}) written into {@code scratch}.
     */
    public static Path defaultDataSet(final Path scratch) {
        final String configured = System.getProperty("shop.data", System.getenv("SHOP_DATA_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (final Path candidate : new Path[] {Path.of("data"), Path.of("../data")}) {
            if (Files.isRegularFile(candidate.resolve("products.jsonl"))) {
                return candidate;
            }
        }
        final Path generated = scratch.resolve("data");
        assertEquals(0, new CommandLine(new ProducerCli()).execute("generate", "--out", generated.toString()));
        return generated;
    }
}
