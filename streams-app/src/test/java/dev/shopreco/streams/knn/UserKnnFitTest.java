package dev.shopreco.streams.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.collaborative.Weighting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/** The postings' flat layout and the fits the API (lists on demand) and the evaluator (lists kept) make of them. */
class UserKnnFitTest {

    /** 60 products, 300 users, each user on 1-12 products; the same for a seed. */
    private static Map<Long, Map<Long, Posting>> lists(final long seed) {
        final Random random = new Random(seed);
        final Map<Long, Map<Long, Posting>> lists = new HashMap<>();
        for (long user = 1; user <= 300; user++) {
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                final long product = 1000 + random.nextInt(60);
                lists.computeIfAbsent(product, p -> new HashMap<>())
                        .put(user, new Posting(1 + random.nextInt(9), 1_000L * random.nextInt(1000)));
            }
        }
        return lists;
    }

    @Test
    void shouldHoldThePostingsInProductThenUserOrderWhateverOrderTheyCameIn() {
        final Map<Long, Map<Long, Posting>> lists = lists(1);
        final List<KeyValue<PostingKey, Posting>> shuffled = new ArrayList<>();
        lists.forEach((product, users) -> users.forEach((user, posting) ->
                shuffled.add(KeyValue.pair(new PostingKey(product, user), posting))));
        Collections.shuffle(shuffled, new Random(2));
        // a pair given twice keeps the posting given last
        final PostingKey twice = shuffled.get(0).key;
        shuffled.add(KeyValue.pair(twice, new Posting(42.0, 7L)));
        final Postings postings = Postings.of(shuffled.iterator());

        final SortedMap<Long, SortedMap<Long, Posting>> expected = new TreeMap<>();
        lists.forEach((product, users) -> expected.put(product, new TreeMap<>(users)));
        assertTrue(expected.equals(Postings.of(lists).byProduct()), "from maps, the same postings");
        expected.get(twice.product()).put(twice.user(), new Posting(42.0, 7L));
        assertTrue(expected.equals(postings.byProduct()), "from shuffled entries, sorted, the last of a pair kept");
        assertEquals(expected.values().stream().mapToInt(Map::size).sum(), postings.size());
        assertEquals(expected.size(), postings.products());
        final List<long[]> visited = new ArrayList<>();
        postings.forEach((product, user, sum, time) -> visited.add(new long[] {product, user}));
        for (int i = 1; i < visited.size(); i++) {
            final long[] a = visited.get(i - 1);
            final long[] b = visited.get(i);
            assertTrue(a[0] < b[0] || a[0] == b[0] && a[1] < b[1], "ascending (product, user) at " + i);
        }
    }

    @Test
    void shouldFindOnDemandTheListsTheKeepingFitFindsForEveryUser() {
        final UserKnnIndex index = UserKnnIndex.of(Postings.of(lists(3)), Weighting.LOG);
        final UserKnnFit onDemand = UserKnnFit.onDemand(index, 50);
        final UserKnnFit kept = UserKnnFit.lazy(index, 50);
        for (long user = 1; user <= 300; user++) {
            assertLists(kept.neighbours(user), onDemand.neighbours(user), "user " + user);
            assertEquals(kept.scores(user, 5), onDemand.scores(user, 5), "scores of the 5 nearest, user " + user);
            assertEquals(kept.scores(user, 50), onDemand.scores(user, 50), "user " + user);
        }
        assertEquals(0, onDemand.neighbours(999_999).size(), "a user without postings has no neighbours");
        assertEquals(Map.of(), onDemand.scores(999_999, 10));
    }

    @Test
    void shouldGiveEachConcurrentRequestItsOwnAccumulator() throws Exception {
        final UserKnnIndex index = UserKnnIndex.of(Postings.of(lists(4)), Weighting.BINARY);
        final UserKnnFit fit = UserKnnFit.onDemand(index, 20);
        final Map<Long, UserKnnIndex.Neighbours> serial = new HashMap<>();
        for (long user = 1; user <= 300; user++) {
            serial.put(user, fit.neighbours(user));
        }
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int offset = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (long user = 1 + offset; user <= 300; user += 3) {
                            assertLists(serial.get(user), fit.neighbours(user), "user " + user);
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(index.bytes() <= 24L * index.postings() + 28L * index.users() + 12L * 60 + 8L * 8 * index.users(),
                "at most one accumulator per concurrent call: " + index.bytes());
    }

    private static void assertLists(final UserKnnIndex.Neighbours expected, final UserKnnIndex.Neighbours actual,
            final String what) {
        assertArrayEquals(expected.rows(), actual.rows(), what);
        assertArrayEquals(expected.similarities(), actual.similarities(), 0.0, what);
    }
}
