package dev.shopreco.streams.reference;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.streams.state.InMemoryState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch computation of docs/design.md §1, plain Java in memory: the reference the streaming state must
 * equal, and the evaluator's way to read a data folder without a broker.
 *
 * <p>From a folder, session lines are taken in the order the producer sends them: lines that fail
 * validation are refused (as the producer does, before Kafka), valid ones sorted by event time,
 * stably (a file already in order keeps its order). User recovery follows the topology's session
 * rules, including the idle gap, which the original batch did not have: an event whose session
 * names a user only after more than the gap of silence stays unresolved.
 */
public final class BatchReference {

    private BatchReference() {
    }

    /** The reference for a data folder ({@code products}, {@code sessions} as .jsonl or .jsonl.gz). */
    public static ReferenceResult fromFolder(final Path dir, final ReferenceOptions options) {
        final DataFolder folder = new DataFolder(dir);
        final List<String> products = readLines(folder.file(DataFolder.PRODUCTS));
        final Path sessionsFile = folder.file(DataFolder.SESSIONS);
        final List<Rejected> invalid = new ArrayList<>();
        final List<Arrival> valid = new ArrayList<>();
        long line = 0;
        for (final String text : readLines(sessionsFile)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            final Arrival arrival = Arrival.of(line, text);
            if (arrival.parsed() instanceof Parsed.Invalid<SessionEvent> refused) {
                invalid.add(new Rejected(refused.reason(), refused.detail(), "producer",
                        sessionsFile.getFileName().toString(), line, text));
            } else {
                valid.add(arrival);
            }
        }
        valid.sort(Comparator.comparing(a -> ((Parsed.Valid<SessionEvent>) a.parsed()).value().timestamp()));
        return compute(catalog(products), valid, invalid, options);
    }

    /**
     * The reference for records exactly as they reach the topology, in this order (offsets 0, 1, ...),
     * after the catalog lines: what a one-partition {@code TopologyTestDriver} run must produce.
     */
    public static ReferenceResult fromRecords(final List<String> productLines, final List<String> sessionRecords,
            final ReferenceOptions options) {
        final List<Arrival> arrivals = new ArrayList<>(sessionRecords.size());
        for (int i = 0; i < sessionRecords.size(); i++) {
            arrivals.add(Arrival.of(i, sessionRecords.get(i)));
        }
        return compute(catalog(productLines), arrivals, List.of(), options);
    }

    private static ReferenceResult compute(final Map<Long, Product> catalog, final List<Arrival> arrivals,
            final List<Rejected> invalidLines, final ReferenceOptions options) {
        final SessionReplay replay = new SessionReplay(options);
        long unknownProducts = 0;
        for (final Arrival arrival : arrivals) {
            if (arrival.parsed() instanceof Parsed.Valid<SessionEvent> valid && valid.value().productId() != null
                    && !catalog.containsKey(valid.value().productId())) {
                unknownProducts++;
            }
            replay.accept(arrival);
        }
        replay.finish();
        final InMemoryState state = InMemoryState.build(replay.interactions(), catalog.values(), options.topK(),
                options.gram());
        return new ReferenceResult(List.copyOf(replay.interactions()), List.copyOf(replay.rejected()),
                List.copyOf(replay.pending()), List.copyOf(invalidLines), replay.recovered(), unknownProducts,
                Map.copyOf(catalog), state);
    }

    private static Map<Long, Product> catalog(final List<String> lines) {
        final Map<Long, Product> catalog = new LinkedHashMap<>();
        for (final String line : lines) {
            if (CatalogParser.product(line) instanceof Parsed.Valid<Product> valid) {
                catalog.put(valid.value().productId(), valid.value());
            }
        }
        return catalog;
    }

    private static List<String> readLines(final Path file) {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = DataFolder.open(file)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lines.add(text);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return lines;
    }
}
