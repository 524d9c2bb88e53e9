package dev.shopreco.evaluator.protocol;

import static dev.shopreco.evaluator.Fixtures.at;
import static dev.shopreco.evaluator.Fixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shopreco.common.model.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemporalSplitTest {

    @Test
    void shouldCutAtTheEightiethPercentileOfEventTime() {
        final List<Interaction> rows = new ArrayList<>();
        for (int minute = 10; minute >= 1; minute--) {
            rows.add(view(100 + minute, 1000 + minute, minute));
        }

        // ten events at minutes 1..10: rank floor(0.8 * 10) = 8 (0-based) is minute 9
        assertEquals(at(9), TemporalSplit.quantileCut(rows, 0.8));
        assertEquals(8, TemporalSplit.at(rows, at(9)).train().size(), "strictly before the cut");
    }

    @Test
    void shouldTestOnlyUsersWithEventsOnBothSides() {
        final List<Interaction> rows = List.of(
                view(101, 1001, 1), view(101, 1002, 20),
                view(102, 1001, 2),
                view(103, 1003, 30),
                view(104, 1004, 10));

        final TemporalSplit split = TemporalSplit.at(rows, at(10));

        assertEquals(List.of(101L), split.testUsers(), "102 only before, 103 only after; 104's event is at the cut");
        assertEquals(List.of(view(101, 1001, 1), view(102, 1001, 2)), split.train());
    }

    @Test
    void shouldCountAsNewOnlyProductsNotTouchedBeforeTheCut() {
        final List<Interaction> rows = List.of(
                view(101, 1001, 1), view(101, 1003, 2),
                view(101, 1001, 20), view(101, 1002, 21), view(101, 1002, 22));

        final TemporalSplit split = TemporalSplit.at(rows, at(10));

        assertEquals(Set.of(1001L, 1002L), split.relevant(101));
        assertEquals(Set.of(1002L), split.relevantNew(101));
    }
}
