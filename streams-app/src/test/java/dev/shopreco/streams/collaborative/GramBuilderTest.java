package dev.shopreco.streams.collaborative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopreco.streams.state.UserInteraction;
import dev.shopreco.streams.support.StateAssertions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class GramBuilderTest {

    private static UserInteraction touched(final long product, final double sum) {
        return new UserInteraction(product, sum, false, 0, 0);
    }

    @Test
    void shouldSumStrengthProductsAndCountCoTouchingUsers() {
        // s = log2(1 + sum): sum 1 -> 1, sum 3 -> 2
        final ItemGram gram = ItemGram.of(GramBuilder.of(List.of(
                List.of(touched(1, 1), touched(2, 3)),
                List.of(touched(1, 3)))));
        final GramRow row1 = gram.row(1);
        assertEquals(1.0 + 4.0, row1.weighted(row1.indexOf(1)), 1e-12);
        assertEquals(2, row1.users(row1.indexOf(1)));
        assertEquals(2.0, row1.weighted(row1.indexOf(2)), 1e-12);
        assertEquals(1, row1.users(row1.indexOf(2)));
        final GramRow row2 = gram.row(2);
        assertEquals(List.of(1L, 2L), List.of(row2.column(0), row2.column(1)));
        assertEquals(4.0, row2.weighted(row2.indexOf(2)), 1e-12);
        assertEquals(2, gram.users(1));
        assertEquals(0, gram.users(3));
    }

    @Test
    void shouldChangeTheRowsByExactlyWhatTheUsersChangesChangeInTheBatch() {
        final SplittableRandom random = new SplittableRandom(11);
        final Map<Long, TreeMap<Long, Double>> before = new TreeMap<>();
        for (long user = 1; user <= 60; user++) {
            final TreeMap<Long, Double> products = new TreeMap<>();
            for (int i = random.nextInt(1, 12); i > 0; i--) {
                products.merge(100L + random.nextInt(25), 1.0 + random.nextInt(3), Double::sum);
            }
            before.put(user, products);
        }
        // some users get repeats and new products, and lose products (they leave the window or the kept
        // set); the change is applied per user, as the flush does
        final Map<Long, TreeMap<Long, Double>> after = new TreeMap<>();
        final GramBuilder changes = new GramBuilder();
        before.forEach((user, products) -> {
            final TreeMap<Long, Double> now = new TreeMap<>(products);
            final Map<Long, Double> was = new HashMap<>();
            if (random.nextInt(3) == 0) {
                for (int i = random.nextInt(1, 5); i > 0; i--) {
                    final long product = 100L + random.nextInt(30);
                    was.putIfAbsent(product, products.containsKey(product) ? products.get(product) : Double.NaN);
                    now.merge(product, random.nextInt(2) == 0 ? 1.0 : 2.0, Double::sum);
                }
                if (random.nextBoolean()) {
                    final long gone = now.firstKey();
                    was.putIfAbsent(gone, products.containsKey(gone) ? products.get(gone) : Double.NaN);
                    now.remove(gone);
                }
                changes.addChange(history(now), was);
            }
            after.put(user, now);
        });
        final Map<Long, GramRow> updated = new TreeMap<>(GramBuilder.of(histories(before)));
        changes.rows().forEach((product, change) -> updated.merge(product, change, GramRow::plus));
        StateAssertions.assertSameGram(ItemGram.of(GramBuilder.of(histories(after))), ItemGram.of(updated));
    }

    @Test
    void shouldDropAColumnWhoseUsersComeToZeroAndKeepItsBytes() {
        final GramRow row = GramRow.of(new long[] {7, 9}, new double[] {2.5, 1.0}, new long[] {1, 2});
        final GramRow minus = GramRow.of(new long[] {7}, new double[] {-2.5}, new long[] {-1});
        final GramRow after = row.plus(minus);
        assertEquals(1, after.size());
        assertEquals(9L, after.column(0));
        assertEquals(row, GramRow.fromBytes(GramRow.toBytes(row)));
        assertThrows(SerializationException.class, () -> GramRow.fromBytes(new byte[] {1, 0, 0, 0, 2}));
        assertThrows(SerializationException.class, () -> GramRow.fromBytes("{}".getBytes()));
    }

    private static List<List<UserInteraction>> histories(final Map<Long, TreeMap<Long, Double>> users) {
        final List<List<UserInteraction>> out = new ArrayList<>();
        users.values().forEach(products -> out.add(history(products)));
        return out;
    }

    private static List<UserInteraction> history(final TreeMap<Long, Double> products) {
        final List<UserInteraction> list = new ArrayList<>();
        products.forEach((product, sum) -> list.add(touched(product, sum)));
        return list;
    }
}
