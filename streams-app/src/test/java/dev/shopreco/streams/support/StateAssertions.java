package dev.shopreco.streams.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.collaborative.GramRow;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.SparseVector;
import dev.shopreco.streams.content.UserProfile;
import dev.shopreco.streams.knn.Posting;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The invariant of docs/design.md §2: streaming state equals the batch reference, to 1e-9 relative. */
public final class StateAssertions {

    public static final double TOLERANCE = 1e-9;

    /** A fixed order for comparing interactions emitted by several tasks. */
    public static final Comparator<Interaction> CANONICAL = Comparator.comparingLong(Interaction::userId)
            .thenComparing(Interaction::timestamp).thenComparingLong(Interaction::sessionId)
            .thenComparingLong(Interaction::productId).thenComparing(Interaction::eventType)
            .thenComparingDouble(Interaction::strength);

    private StateAssertions() {
    }

    public static void assertClose(final double expected, final double actual, final String what) {
        final double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.max(scale, 1e-300),
                what + ": expected " + expected + " but was " + actual);
    }

    /** Every user's s(u,p) and profile, every popularity and the top-K list. */
    public static void assertSameState(final ReferenceResult reference, final RecoStateView streaming,
            final Set<Long> streamingUsers) {
        final InMemoryState expected = reference.state();
        assertEquals(new TreeSet<>(expected.users()), new TreeSet<>(streamingUsers), "users with interactions");
        for (final Long user : expected.users()) {
            assertSameUser(user, expected, streaming);
        }
        expected.popularityByProduct().forEach((product, value) ->
                assertClose(value, streaming.popularity(product), "popularity of " + product));
        assertSameTop(expected, streaming);
        assertSameGram(expected.itemGram(), streaming.itemGram());
        assertSamePostings(expected.postings(), streaming.postings());
    }

    /**
     * The same user-kNN postings: the same products, the same most recent users of each, the same
     * strength sums (to {@link #TOLERANCE}) and last event times exactly.
     */
    public static void assertSamePostings(final Postings expected, final Postings actual) {
        assertEquals(expected.byProduct().keySet(), actual.byProduct().keySet(), "products with postings");
        expected.byProduct().forEach((product, want) -> {
            final Map<Long, Posting> got = actual.byProduct().get(product);
            assertEquals(want.keySet(), got.keySet(), "the published users of product " + product);
            want.forEach((user, posting) -> {
                final String pair = "(" + product + ", " + user + ")";
                assertClose(posting.strengthSum(), got.get(user).strengthSum(), "posting sum " + pair);
                assertEquals(posting.lastEventTime(), got.get(user).lastEventTime(), "posting time " + pair);
            });
        });
    }

    /**
     * The same item Gram rows: the same products, the same co-touched columns, the same user counts
     * exactly and every weighted value to {@link #TOLERANCE} (the topology sums changes, the batch
     * whole users, so the rounding differs).
     */
    public static void assertSameGram(final ItemGram expected, final ItemGram actual) {
        assertEquals(expected.rows().keySet(), actual.rows().keySet(), "products with a Gram row");
        expected.rows().forEach((product, want) -> {
            final GramRow got = actual.row(product);
            final List<Long> wantColumns = new ArrayList<>();
            final List<Long> gotColumns = new ArrayList<>();
            for (int i = 0; i < want.size(); i++) {
                wantColumns.add(want.column(i));
            }
            for (int i = 0; i < got.size(); i++) {
                gotColumns.add(got.column(i));
            }
            assertEquals(wantColumns, gotColumns, "columns of the Gram row of " + product);
            for (int i = 0; i < want.size(); i++) {
                final String cell = "(" + product + ", " + want.column(i) + ")";
                assertEquals(want.users(i), got.users(i), "users of Gram cell " + cell);
                assertClose(want.weighted(i), got.weighted(i), "weighted Gram cell " + cell);
            }
        });
    }

    private static void assertSameUser(final long user, final InMemoryState expected, final RecoStateView streaming) {
        final List<UserInteraction> want = expected.interactions(user);
        final List<UserInteraction> got = streaming.interactions(user);
        assertEquals(want.stream().map(UserInteraction::productId).toList(),
                got.stream().map(UserInteraction::productId).toList(), "products of user " + user);
        for (int i = 0; i < want.size(); i++) {
            final UserInteraction w = want.get(i);
            final UserInteraction g = got.get(i);
            final String pair = "(" + user + ", " + w.productId() + ")";
            assertClose(w.strength(), g.strength(), "s" + pair);
            assertClose(w.strengthSum(), g.strengthSum(), "sum" + pair);
            assertEquals(w.purchased(), g.purchased(), "purchased" + pair);
            assertEquals(w.firstEventTime(), g.firstEventTime(), "first event time" + pair);
            assertEquals(w.lastEventTime(), g.lastEventTime(), "last event time" + pair);
        }
        final SparseVector wantProfile = UserProfile.of(want, expected.content());
        final SparseVector gotProfile = UserProfile.of(got, streaming.content());
        assertEquals(terms(wantProfile, expected), terms(gotProfile, streaming), "profile terms of user " + user);
        for (int i = 0; i < wantProfile.size(); i++) {
            assertClose(wantProfile.value(i), gotProfile.value(i), "profile of user " + user + " at "
                    + expected.content().term(wantProfile.index(i)));
        }
    }

    private static List<String> terms(final SparseVector vector, final RecoStateView state) {
        final List<String> terms = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            terms.add(state.content().term(vector.index(i)));
        }
        return terms;
    }

    /** Same length, same values; ids may differ only where values tie within rounding. */
    private static void assertSameTop(final InMemoryState expected, final RecoStateView streaming) {
        final List<ScoredProduct> want = expected.topPopular();
        final List<ScoredProduct> got = streaming.topPopular();
        assertEquals(want.size(), got.size(), "length of the top-K list");
        for (int i = 0; i < want.size(); i++) {
            assertClose(want.get(i).score(), got.get(i).score(), "top-K value at " + i);
            assertClose(expected.popularity(got.get(i).productId()), got.get(i).score(),
                    "top-K entry " + got.get(i));
        }
    }

    /** Same interactions; in the same order when one task produced them, as multisets otherwise. */
    public static void assertSameInteractions(final List<Interaction> expected, final List<Interaction> actual,
            final boolean sameOrder) {
        if (sameOrder) {
            assertEquals(expected, actual, "interactions in emission order");
            return;
        }
        final List<Interaction> want = new ArrayList<>(expected);
        final List<Interaction> got = new ArrayList<>(actual);
        want.sort(CANONICAL);
        got.sort(CANONICAL);
        assertEquals(want.size(), got.size(), "number of interactions");
        assertEquals(want, got, "interactions");
    }

    /** Same dead letters (reason and original text; with offsets too when {@code withOffsets}). */
    public static void assertSameRejections(final List<Rejected> expected, final List<Rejected> actual,
            final boolean withOffsets) {
        assertEquals(keys(expected, withOffsets), keys(actual, withOffsets), "rejected records");
    }

    /** Every dead letter of {@code actual} is one of {@code expected} (offsets included). */
    public static void assertContainsRejections(final List<Rejected> expected, final List<Rejected> actual) {
        final List<String> want = keys(expected, true);
        for (final String got : keys(actual, true)) {
            assertTrue(want.remove(got), "unexpected dead letter " + got);
        }
    }

    private static List<String> keys(final List<Rejected> rejected, final boolean withOffsets) {
        final List<String> keys = new ArrayList<>();
        for (final Rejected r : rejected) {
            keys.add((withOffsets ? r.line() + " " : "") + r.reason() + " " + r.stage() + " " + r.original());
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }
}
