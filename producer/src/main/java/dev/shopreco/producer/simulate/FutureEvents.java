package dev.shopreco.producer.simulate;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every user does in the data, for the simulated clients to look ahead: per user and product
 * the times of views and of purchases, and the user of each session (its first event that names one).
 */
final class FutureEvents {

    private final Map<Long, Map<Long, long[]>> views;
    private final Map<Long, Map<Long, long[]>> purchases;
    private final Map<Long, Long> sessionUsers;

    private FutureEvents(final Map<Long, Map<Long, long[]>> views, final Map<Long, Map<Long, long[]>> purchases,
            final Map<Long, Long> sessionUsers) {
        this.views = views;
        this.purchases = purchases;
        this.sessionUsers = sessionUsers;
    }

    /** Reads the sessions file of {@code data} (invalid lines are skipped: the replay refuses them). */
    static FutureEvents of(final Path data) {
        final Path file = new DataFolder(data).file(DataFolder.SESSIONS);
        final Map<Long, Map<Long, List<Long>>> views = new HashMap<>();
        final Map<Long, Map<Long, List<Long>>> purchases = new HashMap<>();
        final Map<Long, Long> sessionUsers = new HashMap<>();
        try (BufferedReader reader = DataFolder.open(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || !(SessionEventParser.DEFAULT.parse(line) instanceof Parsed.Valid<SessionEvent> valid)) {
                    continue;
                }
                final SessionEvent event = valid.value();
                if (event.userId() == null) {
                    continue;
                }
                sessionUsers.putIfAbsent(event.sessionId(), event.userId());
                if (event.productId() == null) {
                    continue;
                }
                (event.eventType() == EventType.BUY_PRODUCT ? purchases : views)
                        .computeIfAbsent(event.userId(), u -> new HashMap<>())
                        .computeIfAbsent(event.productId(), p -> new ArrayList<>()).add(event.epochMillis());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new FutureEvents(sorted(views), sorted(purchases), sessionUsers);
    }

    private static Map<Long, Map<Long, long[]>> sorted(final Map<Long, Map<Long, List<Long>>> byUser) {
        final Map<Long, Map<Long, long[]>> out = new HashMap<>();
        byUser.forEach((user, products) -> {
            final Map<Long, long[]> times = new HashMap<>();
            products.forEach((product, list) -> {
                final long[] array = list.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(array);
                times.put(product, array);
            });
            out.put(user, times);
        });
        return out;
    }

    /** The session's user, or null if no event of it names one. */
    Long userOf(final long sessionId) {
        return sessionUsers.get(sessionId);
    }

    /** Whether the user views the product in (from, to]. */
    boolean viewsBetween(final long user, final long product, final long from, final long to) {
        return between(views, user, product, from, to);
    }

    /** Whether the user buys the product in (from, to]. */
    boolean buysBetween(final long user, final long product, final long from, final long to) {
        return between(purchases, user, product, from, to);
    }

    private static boolean between(final Map<Long, Map<Long, long[]>> index, final long user, final long product,
            final long from, final long to) {
        final Map<Long, long[]> products = index.get(user);
        final long[] times = products == null ? null : products.get(product);
        if (times == null) {
            return false;
        }
        // first time strictly after from
        int i = Arrays.binarySearch(times, from);
        i = i < 0 ? -i - 1 : i + 1;
        while (i < times.length && times[i] == from) {
            i++;
        }
        return i < times.length && times[i] <= to;
    }
}
