package dev.shopreco.evaluator.protocol;

import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shopreco.common.model.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeedSplitTest {

    /** {@code count} rows of {@code user}, each a distinct product. */
    private static List<Interaction> rows(final long user, final int count) {
        final List<Interaction> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(view(user, 1000 + i, i));
        }
        return rows;
    }

    private static Map<Long, Long> perUser(final List<Interaction> rows) {
        return rows.stream().collect(Collectors.groupingBy(Interaction::userId, TreeMap::new, Collectors.counting()));
    }

    @Test
    void shouldGiveEveryUserTheTestShareOfTheirRows() {
        final List<Interaction> rows = new ArrayList<>(rows(101, 10));
        rows.addAll(rows(102, 5));
        rows.addAll(rows(103, 5));

        final SeedSplit split = SeedSplit.split(rows, 0.2, 1);

        // N = 20: ceil(0.2 * 20) = 4 test rows; training 16 * 10/20 = 8, 16 * 5/20 = 4, 4
        assertEquals(Map.of(101L, 2L, 102L, 1L, 103L, 1L), perUser(split.test()));
        assertEquals(Map.of(101L, 8L, 102L, 4L, 103L, 4L), perUser(split.train()));
    }

    @Test
    void shouldGiveTheRowsLeftOverByFlooringToTheLargestRemainders() {
        final List<Interaction> rows = new ArrayList<>(rows(101, 3));
        rows.addAll(rows(102, 2));

        final SeedSplit split = SeedSplit.split(rows, 0.2, 1);

        // N = 5: 1 test row, 4 training rows; 3 * 4/5 = 2.4 and 2 * 4/5 = 1.6: floors 2 + 1, the
        // missing training row goes to 102 (remainder 0.6 > 0.4), so 101's row is the test row
        assertEquals(Map.of(101L, 1L), perUser(split.test()));
        assertEquals(Map.of(101L, 2L, 102L, 2L), perUser(split.train()));
    }

    @Test
    void shouldPutEveryRowInExactlyOnePartInInputOrder() {
        final List<Interaction> rows = new ArrayList<>(rows(101, 7));
        rows.addAll(rows(104, 9));

        final SeedSplit split = SeedSplit.split(rows, 0.2, 1);

        final List<Interaction> union = new ArrayList<>(split.train());
        union.addAll(split.test());
        assertEquals(rows.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
                union.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        assertEquals(rows.stream().filter(split.test()::contains).toList(), split.test(), "input order kept");
    }

    @Test
    void shouldDrawTheSameRowsForTheSameSeedAndOthersForAnother() {
        final List<Interaction> rows = new ArrayList<>(rows(101, 40));
        rows.addAll(rows(102, 40));

        assertEquals(SeedSplit.split(rows, 0.2, 1), SeedSplit.split(rows, 0.2, 1));
        assertNotEquals(SeedSplit.split(rows, 0.2, 1).test(), SeedSplit.split(rows, 0.2, 2).test());
        assertEquals(perUser(SeedSplit.split(rows, 0.2, 1).test()), perUser(SeedSplit.split(rows, 0.2, 2).test()),
                "the seed moves which rows, never how many per user");
    }

    @Test
    void shouldLeaveOutUsersWithFewerThanTwoDistinctProducts() {
        final List<Interaction> rows = List.of(
                view(101, 1001, 0), view(101, 1001, 1), view(101, 1001, 2),
                view(102, 1001, 0), view(102, 1002, 1),
                view(103, 1003, 5));

        final List<Interaction> kept = SeedSplit.usersWithAtLeast(rows, 2);

        assertEquals(List.of(view(102, 1001, 0), view(102, 1002, 1)), kept,
                "three rows of one product are still one product");
        assertEquals(6, SeedSplit.usersWithAtLeast(rows, 1).size());
    }

    @Test
    void shouldRefuseRowsNotOrderedByUser() {
        final List<Interaction> rows = List.of(view(102, 1, 0), view(101, 2, 0));

        assertThrows(IllegalArgumentException.class, () -> SeedSplit.split(rows, 0.2, 1));
    }
}
