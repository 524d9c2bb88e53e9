package dev.shopreco.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class HashRuleTest {

    private static final int USERS = 200_000;

    @Test
    void shouldGiveTheSameUserTheSameVariantEveryTime() {
        final HashRule first = new HashRule("salt-1", WeightedVariant.parseList("A:POPULARITY=50,B:CONTENT_BASE=50"));
        final HashRule again = new HashRule("salt-1", WeightedVariant.parseList("A:POPULARITY=50,B:CONTENT_BASE=50"));
        for (long user = 0; user < 10_000; user++) {
            assertEquals(first.variantOf(user), again.variantOf(user));
            assertEquals(first.variantOf(user), first.variantOf(user));
        }
    }

    @Test
    void shouldKeepAssignmentsAcrossReleasesOfTheHash() {
        // pinned values: a change of the hash function would silently reshuffle a running experiment
        final HashRule rule = new HashRule("shop-reco", WeightedVariant.parseList("POPULARITY=50,CONTENT_BASE=50"));
        final StringBuilder variants = new StringBuilder();
        for (long user = 101; user <= 110; user++) {
            variants.append(rule.variantOf(user).name().charAt(0));
        }
        assertEquals("CPPPCPPCCP", variants.toString(), "users 101..110, default salt and weights");
    }

    @Test
    void shouldSplitUsersByTheWeights() {
        final HashRule rule = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=70,B:CONTENT_BASE=20,C:RANDOM=10"));
        final Map<String, Integer> counts = count(rule);
        assertEquals(0.70, counts.get("A") / (double) USERS, 0.01);
        assertEquals(0.20, counts.get("B") / (double) USERS, 0.01);
        assertEquals(0.10, counts.get("C") / (double) USERS, 0.01);
    }

    @Test
    void shouldMoveOnlyTheChangedShareWhenAWeightChanges() {
        final HashRule before = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=50,B:CONTENT_BASE=50"));
        final HashRule after = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=40,B:CONTENT_BASE=60"));
        final int moved = moved(before, after, (was, is) -> {
            assertEquals("A", was, "only the arm that shrank gives users away");
            assertEquals("B", is);
        });
        // the minimum possible is the 10 % by which the shares changed
        assertEquals(0.10, moved / (double) USERS, 0.01);
    }

    @Test
    void shouldOnlyFillANewVariantWhenOneIsAdded() {
        final HashRule before = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=45,B:CONTENT_BASE=45"));
        final HashRule after = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=45,B:CONTENT_BASE=45,C:RANDOM=10"));
        final int moved = moved(before, after, (was, is) -> assertEquals("C", is, "users leave A or B only for the new arm"));
        assertEquals(0.10, moved / (double) USERS, 0.01);
    }

    @Test
    void shouldMoveOnlyItsOwnUsersWhenAVariantIsSwitchedOff() {
        final HashRule before = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=30,B:CONTENT_BASE=30,C:RANDOM=40"));
        final HashRule after = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=30,B:CONTENT_BASE=30,C:RANDOM=0"));
        for (long user = 0; user < 50_000; user++) {
            final String was = before.variantOf(user).name();
            if (!"C".equals(was)) {
                assertEquals(was, after.variantOf(user).name(), "users of A and B stay where they are");
            }
        }
    }

    @Test
    void shouldNotDependOnTheOrderOfTheVariantList() {
        final HashRule one = new HashRule("s", WeightedVariant.parseList("A:POPULARITY=30,B:CONTENT_BASE=70"));
        final HashRule other = new HashRule("s", WeightedVariant.parseList("B:CONTENT_BASE=70,A:POPULARITY=30"));
        for (long user = 0; user < 20_000; user++) {
            assertEquals(one.variantOf(user), other.variantOf(user));
        }
    }

    @Test
    void shouldAssignIndependentlyUnderAnotherSalt() {
        final List<WeightedVariant> variants = WeightedVariant.parseList("A:POPULARITY=50,B:CONTENT_BASE=50");
        final HashRule one = new HashRule("experiment-1", variants);
        final HashRule two = new HashRule("experiment-2", variants);
        int same = 0;
        for (long user = 0; user < USERS; user++) {
            if (one.variantOf(user).equals(two.variantOf(user))) {
                same++;
            }
        }
        assertEquals(0.5, same / (double) USERS, 0.01, "a new salt is a fresh coin flip per user");
    }

    @Test
    void shouldRefuseAListWithoutAPositiveWeight() {
        assertThrows(IllegalArgumentException.class, () -> WeightedVariant.parseList("A:POPULARITY=0"));
        assertThrows(IllegalArgumentException.class, () -> WeightedVariant.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> WeightedVariant.parseList("A:POPULARITY=-1,B:RANDOM=2"));
        assertThrows(IllegalArgumentException.class, () -> WeightedVariant.parseList("A:POPULARITY"));
        assertThrows(IllegalArgumentException.class, () -> WeightedVariant.parseList("A:POPULARITY=x"));
        assertThrows(IllegalArgumentException.class, () -> WeightedVariant.parseList("A:POPULARITY=1,A:RANDOM=1"));
    }

    @Test
    void shouldDrawStrictlyInsideTheUnitInterval() {
        for (final long seed : new long[] {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            for (final long user : new long[] {0L, 1L, -1L, Long.MAX_VALUE}) {
                final double u = HashRule.uniform(seed, user);
                assertTrue(u > 0.0 && u < 1.0, "log of the draw must be finite");
            }
        }
    }

    /** The users of the first {@link #USERS} whose variant differs between the rules, each checked by {@code check}. */
    private static int moved(final HashRule before, final HashRule after, final BiConsumer<String, String> check) {
        int moved = 0;
        for (long user = 0; user < USERS; user++) {
            final String was = before.variantOf(user).name();
            final String is = after.variantOf(user).name();
            if (!was.equals(is)) {
                moved++;
                check.accept(was, is);
            }
        }
        return moved;
    }

    private static Map<String, Integer> count(final HashRule rule) {
        final Map<String, Integer> counts = new HashMap<>();
        for (long user = 0; user < USERS; user++) {
            counts.merge(rule.variantOf(user).name(), 1, Integer::sum);
        }
        return counts;
    }
}
