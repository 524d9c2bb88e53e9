package dev.shopreco.producer.replay;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines of a sessions file in event-time order. A file already in order (as the generator
 * writes it) is streamed in constant memory; an unordered one is sorted in memory, stably (events
 * with the same time keep their file order), if it has at most {@code maxSortEvents} lines.
 * Refused lines keep their place in the file order; a line is only ever refused, never a reason to
 * stop reading the file.
 */
final class OrderedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedSessions.class);

    private final Path file;
    private final int maxSortEvents;
    private final SessionEventParser parser;
    private long lines;
    private boolean ordered;

    private OrderedSessions(final Path file, final int maxSortEvents, final SessionEventParser parser) {
        this.file = file;
        this.maxSortEvents = maxSortEvents;
        this.parser = parser;
    }

    /** Scans {@code file} once to count its lines and check its order; {@code parser} validates each line. */
    static OrderedSessions scan(final Path file, final int maxSortEvents, final SessionEventParser parser) {
        final OrderedSessions sessions = new OrderedSessions(file, maxSortEvents, parser);
        sessions.checkOrder();
        return sessions;
    }

    long lineCount() {
        return lines;
    }

    boolean alreadyOrdered() {
        return ordered;
    }

    /** Calls {@code action} for every line, valid events in event-time order, until it returns false. */
    void forEach(final Predicate<SourceLine> action) {
        if (ordered) {
            stream(action);
            return;
        }
        if (lines > maxSortEvents) {
            throw new IllegalStateException(file + " is not in timestamp order and has " + lines
                    + " lines, more than --max-sort-events " + maxSortEvents
                    + ": sort it by timestamp first (the generator writes sorted files)");
        }
        LOG.warn("{} is not in timestamp order: sorting its {} lines in memory", file, lines);
        final List<SourceLine> all = new ArrayList<>((int) lines);
        stream(all::add);
        // refused lines have no time: they stay right after the valid line that preceded them
        final List<SourceLine> sorted = new ArrayList<>(all.size());
        final List<SourceLine> valid = new ArrayList<>();
        for (final SourceLine line : all) {
            if (line.parsed() instanceof Parsed.Valid<SessionEvent>) {
                valid.add(line);
            }
        }
        valid.sort(Comparator.comparing(OrderedSessions::time));
        final Iterator<SourceLine> nextValid = valid.iterator();
        for (final SourceLine line : all) {
            sorted.add(line.parsed() instanceof Parsed.Valid<SessionEvent> ? nextValid.next() : line);
        }
        long position = 0;
        for (final SourceLine line : sorted) {
            if (!action.test(line.at(++position))) {
                return;
            }
        }
    }

    private void checkOrder() {
        final long[] count = {0};
        final LocalDateTime[] last = {null};
        final boolean[] inOrder = {true};
        stream(line -> {
            count[0]++;
            if (line.parsed() instanceof Parsed.Valid<SessionEvent> valid) {
                final LocalDateTime time = valid.value().timestamp();
                if (last[0] != null && time.isBefore(last[0])) {
                    inOrder[0] = false;
                }
                last[0] = time;
            }
            return true;
        });
        lines = count[0];
        ordered = inOrder[0];
    }

    private void stream(final Predicate<SourceLine> action) {
        try (BufferedReader reader = DataFolder.open(file)) {
            long number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (!action.test(new SourceLine(number, number, text,
                        Parsed.guarded(parser::parse, text)))) {
                    return;
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static LocalDateTime time(final SourceLine line) {
        if (line.parsed() instanceof Parsed.Valid<SessionEvent> valid) {
            return valid.value().timestamp();
        }
        throw new NoSuchElementException("a refused line has no time");
    }
}
