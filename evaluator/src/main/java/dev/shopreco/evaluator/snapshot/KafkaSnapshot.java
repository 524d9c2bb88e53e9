package dev.shopreco.evaluator.snapshot;

import dev.shopreco.common.Names;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot read from a running system: {@code shop.interactions} (the topology's cleaned, weighted
 * events) and the catalog from {@code shop.products}, each up to the end offsets taken when its read
 * starts, so the system can keep running meanwhile. The offsets go into the results.
 */
public final class KafkaSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSnapshot.class);

    private KafkaSnapshot() {
    }

    /** Reads both topics from {@code bootstrapServers} with {@code client}'s settings; {@code timeout} bounds any stall. */
    public static Snapshot read(final String bootstrapServers, final Duration timeout, final KafkaClientSettings client) {
        final TopicReader reader = new TopicReader(bootstrapServers, timeout, client);
        // a compacted topic keyed by id: the last value of a key wins, a tombstone removes it
        final Map<String, String> catalogLines = new HashMap<>();
        final Map<Integer, Long> productOffsets = reader.read(Names.TOPIC_PRODUCTS, record -> {
            if (record.value() == null) {
                catalogLines.remove(record.key());
            } else {
                catalogLines.put(record.key(), record.value());
            }
        });
        final List<Product> catalog = new ArrayList<>();
        catalogLines.values().forEach(line -> {
            if (CatalogParser.product(line) instanceof Parsed.Valid<Product> valid) {
                catalog.add(valid.value());
            }
        });
        final List<Interaction> interactions = new ArrayList<>();
        final long[] unreadable = new long[1];
        final Map<Integer, Long> interactionOffsets = reader.read(Names.TOPIC_INTERACTIONS, record -> {
            final Interaction interaction = parse(record.value());
            if (interaction == null) {
                unreadable[0]++;
            } else {
                interactions.add(interaction);
            }
        });
        if (unreadable[0] > 0) {
            // the topology skips such records too (LogAndContinue), so the state does not contain them
            LOG.warn("Skipped {} records of {} that are not interactions", unreadable[0], Names.TOPIC_INTERACTIONS);
        }
        LOG.info("Snapshot of {}: {} interactions, {} products", bootstrapServers, interactions.size(), catalog.size());
        final Map<String, Object> offsets = new LinkedHashMap<>();
        offsets.put(Names.TOPIC_INTERACTIONS, byPartition(interactionOffsets));
        offsets.put(Names.TOPIC_PRODUCTS, byPartition(productOffsets));
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("bootstrap_servers", bootstrapServers);
        details.put("end_offsets", offsets);
        details.put("interactions", interactions.size());
        details.put("products", catalog.size());
        details.put("skipped_records", unreadable[0]);
        return Snapshot.of(interactions, catalog, new SnapshotOrigin(SnapshotOrigin.KAFKA, details));
    }

    private static Interaction parse(final String value) {
        if (value == null) {
            return null;
        }
        try {
            final Interaction interaction = Json.mapper().readValue(value, Interaction.class);
            return interaction.timestamp() == null || interaction.eventType() == null ? null : interaction;
        } catch (final IOException e) {
            return null;
        }
    }

    private static Map<String, Long> byPartition(final Map<Integer, Long> offsets) {
        final Map<String, Long> text = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> text.put(Integer.toString(partition), offset));
        return text;
    }
}
