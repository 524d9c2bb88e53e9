package dev.shopreco.streams.collaborative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.streams.state.UserInteraction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The batch rules of the item Gram matrices: a user's window, the kept set, and the rows they give. */
class CoOccurrenceTest {

    private static UserInteraction at(final long product, final long lastTime) {
        return new UserInteraction(product, 1.0, false, 0, lastTime);
    }

    @Test
    void shouldCountTheProductsTouchedLastTiesByTheGreaterId() {
        final List<UserInteraction> history = List.of(at(1, 10), at(2, 30), at(3, 20), at(4, 30), at(5, 5));
        assertEquals(Set.of(4L, 2L), ids(CoOccurrence.window(history, 2)));
        assertEquals(Set.of(4L, 2L, 3L), ids(CoOccurrence.window(history, 3)));
        assertEquals(history, CoOccurrence.window(history, 9), "a short history counts whole");
    }

    @Test
    void shouldKeepTheProductsWithTheMostUsersTiesByTheSmallerId() {
        final List<List<UserInteraction>> histories = List.of(
                List.of(at(7, 0), at(8, 0), at(9, 0)),
                List.of(at(8, 0), at(9, 0)),
                List.of(at(9, 0), at(6, 0)));
        // users: 9 three, 8 two, 6 and 7 one each
        assertEquals(Set.of(9L, 8L, 6L), CoOccurrence.kept(histories, 3));
        assertEquals(Set.of(9L), CoOccurrence.kept(histories, 1));
    }

    @Test
    void shouldGiveCellsOnlyBetweenKeptProductsOfTheSameWindow() {
        final List<List<UserInteraction>> histories = List.of(
                List.of(at(1, 1), at(2, 2), at(3, 3)),
                List.of(at(1, 1), at(2, 2)),
                List.of(at(1, 5), at(3, 6)));
        // window 2: {2, 3}, {1, 2}, {1, 3}; kept 2 of users 1: 3, 2: 2, 3: 2 -> {1, 2}
        final ItemGram gram = ItemGram.of(CoOccurrence.rows(histories, new GramSettings(2, 2, 1)));
        assertEquals(Set.of(1L, 2L), gram.rows().keySet());
        assertEquals(2, gram.users(1), "user 1's window dropped product 1");
        assertEquals(2, gram.users(2));
        assertEquals(1, gram.row(1).users(gram.row(1).indexOf(2)));
    }

    private static Set<Long> ids(final List<UserInteraction> products) {
        final Set<Long> ids = new TreeSet<>();
        products.forEach(p -> ids.add(p.productId()));
        return ids;
    }
}
