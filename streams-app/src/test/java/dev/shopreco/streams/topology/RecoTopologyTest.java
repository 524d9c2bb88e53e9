package dev.shopreco.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.common.Names;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.RejectReason;
import dev.shopreco.common.model.Rejected;
import dev.shopreco.streams.aggregate.ProductTotals;
import dev.shopreco.streams.collaborative.ChunkKey;
import dev.shopreco.streams.collaborative.CoOccurrence;
import dev.shopreco.streams.collaborative.GramRow;
import dev.shopreco.streams.collaborative.ItemGram;
import dev.shopreco.streams.content.UserProfile;
import dev.shopreco.streams.knn.Posting;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.StateVersions;
import dev.shopreco.streams.state.Strength;
import dev.shopreco.streams.state.UserInteraction;
import dev.shopreco.streams.support.Lines;
import dev.shopreco.streams.support.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The topology in a {@code TopologyTestDriver}: each case checks the behaviour it is named for, then
 * that the streaming state equals the batch reference on the same input (interactions in order,
 * dead letters with offsets, waiting events, s(u,p), profiles, popularity, top-K).
 */
class RecoTopologyTest {

    private TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private TopologyFixture catalog() {
        return fixture.product(1001, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1002, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1003, "Gry i konsole;Gry na konsole;Gry PlayStation3")
                .product(1004, "Gry i konsole;Gry komputerowe")
                .product(1005, "Komputery;Monitory;Monitory LCD")
                .product(1006, "Komputery;Monitory;Monitory LCD")
                .product(1007, "Telefony i akcesoria;Telefony komórkowe");
    }

    @Test
    void shouldRecoverALateUserAndReleaseWaitingEventsInEventTimeOrder() {
        catalog().view(1, "2021-01-04T10:00:02", null, 1001)
                .view(1, "2021-01-04T10:00:01", null, 1002)
                .buy(1, "2021-01-04T10:00:05", 101L, 1003)
                .view(1, "2021-01-04T10:00:06", null, 1004);

        final List<Interaction> out = fixture.interactions();
        assertEquals(List.of(1002L, 1001L, 1003L, 1004L), out.stream().map(Interaction::productId).toList());
        assertTrue(out.stream().allMatch(i -> i.userId() == 101L), "every event carries the recovered user");
        assertTrue(fixture.waiting().isEmpty());
        assertEquals(3, fixture.assertMatchesReference().recoveredEvents());
    }

    @Test
    void shouldRefuseTheWaitingEventsOfASessionIdleLongerThanTheGap() {
        catalog().view(2, "2021-01-04T10:00:00", null, 1001)
                .view(2, "2021-01-04T10:10:00", null, 1002)
                // another session moves event time 35 min past session 2's last event
                .view(3, "2021-01-04T10:45:00", 102L, 1005)
                // the same session id after the gap starts afresh: its user does not reach back
                .view(2, "2021-01-04T10:46:00", 103L, 1006);

        final List<Rejected> dead = fixture.rejected();
        assertEquals(List.of(RejectReason.UNRESOLVED_USER, RejectReason.UNRESOLVED_USER),
                dead.stream().map(Rejected::reason).toList());
        assertEquals(List.of(0L, 1L), dead.stream().map(Rejected::line).toList(), "offsets of the refused records");
        assertEquals(List.of(102L, 103L), fixture.interactions().stream().map(Interaction::userId).toList());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldStillRecoverAUserAtExactlyTheGap() {
        catalog().view(4, "2021-01-04T10:00:00", null, 1001)
                .view(5, "2021-01-04T10:30:00", 104L, 1005)
                .view(4, "2021-01-04T10:30:00", 105L, 1002);

        assertEquals(List.of(1001L, 1002L), fixture.state().interactions(105L).stream()
                .map(UserInteraction::productId).toList(), "30 min of silence is not more than the gap");
        assertTrue(fixture.rejected().isEmpty());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldRefuseWhatIsStillWaitingOnceStreamTimeMovesPastTheGap() {
        catalog().view(6, "2021-01-04T10:00:00", null, 1001)
                .view(7, "2021-01-04T10:01:00", 106L, 1002);
        assertEquals(1, fixture.waiting().size(), "the gap has not passed: the event waits");
        assertTrue(fixture.rejected().isEmpty());

        fixture.advanceWatermarkToEnd();

        assertTrue(fixture.waiting().isEmpty());
        assertEquals(List.of(RejectReason.MISSING_PRODUCT_ID, RejectReason.UNRESOLVED_USER),
                fixture.rejected().stream().map(Rejected::reason).sorted().toList());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldRefuseAWaitingEventAfterARecordWithoutReadableTimeRanStreamTimeAhead() {
        // a record whose time cannot be read takes its record time, here months ahead of the events, so
        // Kafka Streams' stream time jumps while the watermark (event time of parsed events) does not
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001)
                .raw("9", "this is not json", Instant.parse("2021-06-01T00:00:00Z"))
                .view(8, "2021-01-04T10:05:00", null, 1002);
        assertEquals(1, fixture.waiting().size(), "session 8 names no user: its event waits");

        // the watermark passes session 8's gap; the event's time is behind stream time
        fixture.view(9, "2021-01-04T11:00:00", 102L, 1003);

        assertTrue(fixture.waiting().isEmpty(), "the sweep follows the watermark, not stream time");
        assertEquals(List.of(RejectReason.MALFORMED_JSON, RejectReason.UNRESOLVED_USER),
                fixture.rejected().stream().map(Rejected::reason).sorted().toList());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldKeepEventsForProductsNotYetInTheCatalogAndCountThem() {
        catalog().view(8, "2021-01-04T10:00:00", 107L, 1099L);
        assertEquals(1.0, unknownProductEvents());
        assertEquals(List.of(1099L), fixture.state().interactions(107L).stream().map(UserInteraction::productId)
                .toList());
        assertTrue(UserProfile.of(fixture.state().interactions(107L), fixture.state().content()).isZero(),
                "no vector yet, no profile");

        fixture.product(1099, "Komputery;Monitory");

        assertEquals(List.of("komputery", "monitory"), profileTerms(107L));
        fixture.assertMatchesReference();
    }

    @Test
    void shouldFollowACatalogChangeInTheProfile() {
        catalog().view(9, "2021-01-04T10:00:00", 108L, 1005L);
        assertEquals(List.of("komputery", "monitory", "monitory lcd"), profileTerms(108L));

        fixture.product(1005, "Telefony i akcesoria;Telefony komórkowe");

        assertEquals(List.of("telefony i akcesoria", "telefony komórkowe"), profileTerms(108L));
        fixture.assertMatchesReference();
    }

    @Test
    void shouldCountDuplicateEventsTwiceAsTheBatchDoes() {
        catalog().view(10, "2021-01-04T10:00:00", 109L, 1001L)
                .view(10, "2021-01-04T10:00:00", 109L, 1001L);

        final UserInteraction pair = fixture.state().interactions(109L).get(0);
        assertEquals(2.0, pair.strengthSum());
        assertEquals(Strength.smoothed(2.0), fixture.state().popularity(1001L));
        fixture.assertMatchesReference();
    }

    @Test
    void shouldAggregateOutOfOrderEventsByEventTime() {
        catalog().view(11, "2021-01-04T12:00:00", 110L, 1001L)
                .buy(11, "2021-01-04T11:00:00", 110L, 1001L)
                .view(12, "2021-01-04T11:50:00", null, 1002L)
                .view(12, "2021-01-04T11:49:00", 110L, 1003L);

        final UserInteraction pair = fixture.state().interactions(110L).get(0);
        assertEquals(3.0, pair.strengthSum());
        assertTrue(pair.purchased());
        assertEquals(Instant.parse("2021-01-04T11:00:00Z").toEpochMilli(), pair.firstEventTime());
        assertEquals(Instant.parse("2021-01-04T12:00:00Z").toEpochMilli(), pair.lastEventTime());
        assertEquals(List.of(1003L, 1002L), fixture.interactions().stream().filter(i -> i.sessionId() == 12)
                .map(Interaction::productId).toList(), "released in event-time order");
        fixture.assertMatchesReference();
    }

    @Test
    void shouldNotRecoverEventsThatArriveLaterThanTheGapBehindStreamTime() {
        catalog().view(15, "2021-01-04T12:00:00", 113L, 1001L)
                // 3 h late: its session is already over by the time the next event of it arrives
                .view(16, "2021-01-04T09:00:00", null, 1002L)
                .view(16, "2021-01-04T09:01:00", 114L, 1003L);

        assertEquals(List.of(RejectReason.UNRESOLVED_USER), fixture.rejected().stream().map(Rejected::reason).toList());
        assertEquals(List.of(1003L), fixture.state().interactions(114L).stream().map(UserInteraction::productId)
                .toList());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldRefuseNullEverythingAndGarbageWithAReasonAndKeepRunning() {
        catalog().raw(null, null)
                .raw("1", "")
                .rawBytes("1", new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, 0x7b})
                .raw("1", "[1, 2]")
                .raw("1", "{}")
                .raw("1", "{\"session_id\":null,\"timestamp\":null,\"user_id\":null,\"product_id\":null,"
                        + "\"event_type\":null}")
                .raw("1", "{\"session_id\":\"abc\",\"timestamp\":\"2021-01-04T10:00:00\",\"event_type\":\"VIEW_PRODUCT\"}")
                .raw("1", "{\"session_id\":5,\"timestamp\":\"yesterday\",\"event_type\":\"VIEW_PRODUCT\"}")
                .raw("1", "{\"session_id\":5,\"timestamp\":\"2021-01-04T10:00:00\",\"event_type\":\"CLICK\"}")
                .raw("1", "{\"session_id\":-5,\"timestamp\":\"2021-01-04T10:00:00\",\"event_type\":\"VIEW_PRODUCT\"}")
                .raw("1", "{\"session_id\":5,\"timestamp\":\"2021-01-04T10:00:00\",\"event_type\":\"VIEW_PRODUCT\","
                        + "\"user_id\":101,\"product_id\":null}")
                .rawBytes("1", "{\"session_id\":5,\"timestamp\":\"2021-01-04T10:00:0".getBytes(StandardCharsets.UTF_8))
                .view(13, "2021-01-04T10:00:00", 111L, 1001L);

        assertEquals(List.of(RejectReason.MALFORMED_JSON, RejectReason.MALFORMED_JSON, RejectReason.MALFORMED_JSON,
                RejectReason.NOT_AN_OBJECT, RejectReason.MISSING_FIELD, RejectReason.MISSING_FIELD,
                RejectReason.WRONG_TYPE, RejectReason.BAD_TIMESTAMP, RejectReason.UNKNOWN_EVENT_TYPE,
                RejectReason.INVALID_ID, RejectReason.MISSING_PRODUCT_ID, RejectReason.MALFORMED_JSON),
                fixture.rejected().stream().map(Rejected::reason).toList());
        assertTrue(fixture.rejected().stream().allMatch(r -> "topology".equals(r.stage())));
        assertEquals(1, fixture.interactions().size(), "the valid event after the garbage is processed");
        fixture.assertMatchesReference();
    }

    /** Issue case 1 in the topology: a user or product id of 1e400 threw in clean-sessions and stopped the task. */
    @Test
    void shouldRefuseAnIdThatOverflowsADoubleAndProcessTheNextEvent() {
        catalog().raw("21", "{\"session_id\":21,\"timestamp\":\"2021-01-04T10:00:00\",\"user_id\":1e400,"
                        + "\"product_id\":1001,\"event_type\":\"VIEW_PRODUCT\"}")
                .raw("22", "{\"session_id\":22,\"timestamp\":\"2021-01-04T10:00:00\",\"user_id\":111,"
                        + "\"product_id\":1e400,\"event_type\":\"VIEW_PRODUCT\"}")
                .raw("23", "{\"session_id\":23,\"timestamp\":\"2021-01-04T10:00:00\",\"user_id\":111,"
                        + "\"product_id\":1001,\"event_type\":\"VIEW_PRODUCT\"} trailing")
                .raw("24", "{\"session_id\":24,\"session_id\":25,\"timestamp\":\"2021-01-04T10:00:00\",\"user_id\":111,"
                        + "\"product_id\":1001,\"event_type\":\"VIEW_PRODUCT\"}")
                .view(13, "2021-01-04T10:00:01", 111L, 1001L);

        assertEquals(List.of(RejectReason.NUMBER_OUT_OF_RANGE, RejectReason.NUMBER_OUT_OF_RANGE,
                RejectReason.MALFORMED_JSON, RejectReason.DUPLICATE_KEY),
                fixture.rejected().stream().map(Rejected::reason).toList());
        assertEquals(List.of(13L), fixture.interactions().stream().map(Interaction::sessionId).toList());
        final DeadLetterMetrics counted = DeadLetterMetrics.in(fixture.appConfigs());
        assertEquals(2, counted.count(DeadLetterMetrics.STAGE_TOPOLOGY, RejectReason.NUMBER_OUT_OF_RANGE),
                "the dead-letter metric counts per stage and reason");
        fixture.assertMatchesReference();
    }

    @Test
    void shouldWeighEventsWithTheConfiguredStrengths() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("WEIGHT_VIEW_PRODUCT", "0.5", "WEIGHT_BUY_PRODUCT", "3"));
        catalog().view(14, "2021-01-04T10:00:00", 112L, 1001L)
                .buy(14, "2021-01-04T10:01:00", 112L, 1001L);

        assertEquals(List.of(0.5, 3.0), fixture.interactions().stream().map(Interaction::strength).toList());
        assertEquals(Strength.smoothed(3.5), fixture.state().interactions(112L).get(0).strength());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldMaintainPopularityIncrementallyEqualToTheBatch() {
        catalog();
        final SplittableRandom random = new SplittableRandom(7);
        LocalDateTime time = LocalDateTime.parse("2021-01-01T00:00:00");
        for (int i = 0; i < 3000; i++) {
            // mostly forward in time, sometimes back a little, sometimes a jump past the gap
            final int step = random.nextInt(100) < 2 ? 2400 : random.nextInt(-20, 90);
            time = time.plusSeconds(step);
            final long session = 1 + random.nextInt(150);
            final Long user = random.nextInt(100) < 20 ? null : 100L + (session % 40);
            final Long product = random.nextInt(100) < 3 ? null : 1001L + random.nextInt(8);
            fixture.event(session, time.toString(), user, product,
                    random.nextInt(100) < 15 ? "BUY_PRODUCT" : "VIEW_PRODUCT");
        }
        fixture.advanceWatermarkToEnd();

        final ReferenceResult reference = fixture.assertMatchesReference();
        assertTrue(reference.recoveredEvents() > 100, "the case exercises recovery");
        assertTrue(reference.rejected().stream().anyMatch(r -> r.reason() == RejectReason.UNRESOLVED_USER),
                "the case exercises the gap");
        assertTrue(fixture.waiting().isEmpty());
        assertFalse(fixture.productPopularity().isEmpty());
    }

    @Test
    void shouldKeepTheItemGramEqualToTheBatchAcrossFlushesNewPairsAndRepeats() {
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:00:10", 101L, 1002)
                .view(2, "2021-01-04T10:01:00", 102L, 1001);
        fixture.flushWallClockWork();
        final ItemGram first = fixture.state().itemGram();
        // by hand: user 101 has s = 1 for 1001 and 1002, user 102 has s = 1 for 1001
        assertEquals(2, first.users(1001));
        assertEquals(1, first.users(1002));
        final GramRow row = first.row(1001);
        assertEquals(2.0, row.weighted(row.indexOf(1001)), 1e-12);
        assertEquals(1.0, row.weighted(row.indexOf(1002)), 1e-12);
        assertEquals(1, row.users(row.indexOf(1002)));

        // a repeat (s rises), a purchase, a new pair for a known user and a late event, across flushes
        fixture.view(1, "2021-01-04T10:00:20", 101L, 1002).buy(2, "2021-01-04T10:01:30", 102L, 1002);
        fixture.flushWallClockWork();
        fixture.view(3, "2021-01-04T09:59:00", 101L, 1005).view(2, "2021-01-04T10:02:00", 102L, 1001);
        fixture.assertMatchesReference();
        final ItemGram last = fixture.state().itemGram();
        assertEquals(2, last.users(1002));
        // s(101,1002) = log2(3), s(102,1002) = log2(3): 2·log2(3)² on the diagonal
        final GramRow row1002 = last.row(1002);
        final double log3 = Math.log(3) / Math.log(2);
        assertEquals(2 * log3 * log3, row1002.weighted(row1002.indexOf(1002)), 1e-12);
        assertTrue(last.row(1005).indexOf(1001) >= 0, "the late pair (101: 1005, 1001) is in the Gram");
    }

    @Test
    void shouldCountOnlyTheProductsAUserTouchedLastInTheItemGram() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_GRAM_USER_WINDOW", "2"));
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:01:00", 101L, 1002)
                .view(1, "2021-01-04T10:02:00", 101L, 1003)
                .view(2, "2021-01-04T10:00:00", 102L, 1001).view(2, "2021-01-04T10:01:00", 102L, 1002);
        fixture.flushWallClockWork();
        // 101's window is {1002, 1003}: 1001 left when 1003 came; 102's is {1001, 1002}
        ItemGram gram = fixture.state().itemGram();
        assertEquals(1, gram.users(1001));
        assertEquals(2, gram.users(1002));
        assertTrue(gram.row(1001).indexOf(1003) < 0, "no user counts 1001 with 1003");

        // 1001 again: newer than 1002, which leaves; an event dated before the window does not enter
        fixture.view(3, "2021-01-04T11:00:00", 101L, 1001).view(4, "2021-01-04T09:00:00", 101L, 1004);
        fixture.flushWallClockWork();
        gram = fixture.state().itemGram();
        assertEquals(2, gram.users(1001));
        assertEquals(1, gram.users(1002));
        assertEquals(1, gram.row(1001).users(gram.row(1001).indexOf(1003)));
        assertEquals(null, gram.row(1004), "1004 is older than both products of 101's window");
        // a repeat of a product that left makes it the newest again: it comes back
        fixture.view(5, "2021-01-04T12:00:00", 101L, 1002);
        fixture.assertMatchesReference();
        assertEquals(2, fixture.state().itemGram().users(1002));
    }

    @Test
    void shouldKeepCellsOnlyForTheProductsWithTheMostUsersAndFollowTheirChanges() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_EASE_MAX_PRODUCTS", "2"));
        // users: 1001 three, 1002 two, 1003 one
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:00:10", 101L, 1002)
                .view(1, "2021-01-04T10:00:20", 101L, 1003)
                .view(2, "2021-01-04T10:01:00", 102L, 1001).view(2, "2021-01-04T10:01:10", 102L, 1002)
                .view(3, "2021-01-04T10:02:00", 103L, 1001);
        fixture.flushWallClockWork();
        ItemGram gram = fixture.state().itemGram();
        assertEquals(Set.of(1001L, 1002L), gram.rows().keySet());
        assertTrue(gram.row(1001).indexOf(1003) < 0, "1003 is not kept");
        fixture.assertMatchesReference();

        // 1003 reaches three users and outranks 1002 (more users): 1003 comes in with user 101's old
        // event, 1002 goes out with every cell it had
        fixture.view(4, "2021-01-04T11:00:00", 104L, 1003).view(5, "2021-01-04T11:01:00", 105L, 1003);
        fixture.flushWallClockWork();
        fixture.assertMatchesReference();
        gram = fixture.state().itemGram();
        assertEquals(Set.of(1001L, 1003L), gram.rows().keySet());
        assertEquals(1, gram.row(1001).users(gram.row(1001).indexOf(1003)), "user 101 counts both");
        assertEquals(3, gram.users(1003));
    }

    @Test
    void shouldPublishTheMostRecentUsersOfEachKeptProductAndBringBackOnesWhenOthersLeave() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("USER_KNN_USERS_PER_PRODUCT", "2", "ITEM_GRAM_USER_WINDOW", "2"));
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001)
                .view(2, "2021-01-04T10:01:00", 102L, 1001).buy(2, "2021-01-04T10:01:30", 102L, 1001)
                .view(3, "2021-01-04T10:02:00", 103L, 1001);
        // 1001's most recent users: 103 and 102 (two purchases' worth of strength for 102: 1 + 2)
        Map<Long, Posting> users = fixture.state().postings().byProduct().get(1001L);
        assertEquals(Set.of(102L, 103L), users.keySet());
        assertEquals(new Posting(3.0, Instant.parse("2021-01-04T10:01:30Z").toEpochMilli()), users.get(102L));

        // 101 comes back to 1001 (newest again), and 103's window moves on to two newer products: 1001
        // leaves it, so 102 is published again in 103's place
        fixture.view(4, "2021-01-04T11:00:00", 101L, 1001)
                .view(5, "2021-01-04T11:01:00", 103L, 1002).view(5, "2021-01-04T11:02:00", 103L, 1003);
        users = fixture.state().postings().byProduct().get(1001L);
        assertEquals(Set.of(101L, 102L), users.keySet());
        assertEquals(2.0, users.get(101L).strengthSum());
        assertEquals(Set.of(103L), fixture.state().postings().byProduct().get(1002L).keySet());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldKeepThePostingsEqualToTheBatchWithEveryCapBindingAcrossFlushes() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("USER_KNN_USERS_PER_PRODUCT", "3", "ITEM_GRAM_USER_WINDOW", "3",
                "ITEM_EASE_MAX_PRODUCTS", "5"));
        catalog().product(1008, "Komputery;Monitory").product(1009, "Komputery;Drukarki");
        final SplittableRandom random = new SplittableRandom(11);
        LocalDateTime time = LocalDateTime.parse("2021-01-04T10:00:00");
        for (int i = 0; i < 600; i++) {
            // mostly forward in time, sometimes a little back (a late event that may not enter a window)
            time = time.plusSeconds(random.nextInt(-30, 120));
            final long user = 101 + random.nextInt(12);
            fixture.event(user, time.toString(), user, 1001L + random.nextInt(9),
                    random.nextInt(100) < 10 ? "BUY_PRODUCT" : "VIEW_PRODUCT");
            if (i % 150 == 149) {
                fixture.assertMatchesReference();
            }
        }
        final ReferenceResult reference = fixture.assertMatchesReference();
        assertEquals(5, reference.state().postings().byProduct().size(), "postings only for the kept products");
        // the cap binds: a product with more than 3 users whose window holds it publishes 3 of them
        final Map<Long, Integer> inWindows = new java.util.HashMap<>();
        for (final long user : reference.state().users()) {
            CoOccurrence.window(reference.state().interactions(user), 3)
                    .forEach(p -> inWindows.merge(p.productId(), 1, Integer::sum));
        }
        reference.state().postings().byProduct().forEach((product, users) ->
                assertEquals(Math.min(3, inWindows.get(product)), users.size(), "users of " + product));
        assertTrue(reference.state().postings().byProduct().keySet().stream().anyMatch(p -> inWindows.get(p) > 3));
    }

    @Test
    void shouldFlushTheItemGramAtOnceWhenEnoughChangesWait() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_GRAM_MAX_PENDING", "3"));
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:00:10", 101L, 1002);
        fixture.flushWallClockWork();
        // no wall-clock time passes from here on: the third pending change flushes
        fixture.view(2, "2021-01-04T11:00:00", 102L, 1001).view(2, "2021-01-04T11:00:10", 102L, 1002);
        assertEquals(1, gramInStore().users(1001), "two changes wait");
        fixture.view(3, "2021-01-04T12:00:00", 103L, 1001);
        assertEquals(3, gramInStore().users(1001));
        assertEquals(2, gramInStore().users(1002));
    }

    @Test
    void shouldFlushTheItemGramOnChangesNotTheClockWhileInputWaits() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_GRAM_MAX_PENDING", "3", "FLUSH_BACKLOG", "100"));
        fixture.inputWaiting(100);
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:00:10", 101L, 1002);
        fixture.flushWallClockWork();
        assertEquals(1, gramInStore().users(1001), "no kept set applied yet: the clock applies the first one");
        fixture.view(2, "2021-01-04T11:00:00", 102L, 1001).view(2, "2021-01-04T11:00:10", 102L, 1002);
        fixture.driver().advanceWallClockTime(java.time.Duration.ofMinutes(10));
        assertEquals(1, gramInStore().users(1001), "100 records wait: two changes wait for a third");
        fixture.view(3, "2021-01-04T12:00:00", 103L, 1001);
        assertEquals(3, gramInStore().users(1001), "the third change flushes");
        assertEquals(2, gramInStore().users(1002));
        fixture.view(3, "2021-01-04T12:00:10", 103L, 1002);
        fixture.inputWaiting(99);
        assertEquals(2, gramInStore().users(1002), "a backlog under the setting: the next tick flushes");
        fixture.driver().advanceWallClockTime(fixture.settings().itemGramFlushInterval());
        assertEquals(3, gramInStore().users(1002));
        fixture.assertMatchesReference();
    }

    @Test
    void shouldFlushPopularityOnlyEveryBacklogIntervalWhileInputWaits() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("FLUSH_BACKLOG", "100", "POPULARITY_BACKLOG_FLUSH_INTERVAL", "PT1M"));
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001);
        fixture.flushWallClockWork();
        assertEquals(1, usersInPopularityStore(1001));
        fixture.inputWaiting(100);
        fixture.view(2, "2021-01-04T11:00:00", 102L, 1001);
        fixture.driver().advanceWallClockTime(java.time.Duration.ofSeconds(20));
        fixture.driver().advanceWallClockTime(java.time.Duration.ofSeconds(20));
        assertEquals(1, usersInPopularityStore(1001), "100 records wait: the change waits for the minute");
        fixture.driver().advanceWallClockTime(java.time.Duration.ofSeconds(30));
        assertEquals(2, usersInPopularityStore(1001), "a minute since the last flush");
        fixture.view(3, "2021-01-04T12:00:00", 103L, 1001);
        fixture.inputWaiting(99);
        fixture.driver().advanceWallClockTime(fixture.settings().popularityFlushInterval());
        assertEquals(3, usersInPopularityStore(1001), "a backlog under the setting: the live period");
        fixture.assertMatchesReference();
    }

    @Test
    void shouldApplyAChangedKeptSetOnceTheBacklogIsWorkedOff() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_EASE_MAX_PRODUCTS", "1", "ITEM_GRAM_KEPT_INTERVAL", "PT0S",
                "ITEM_GRAM_MAX_PENDING", "1", "FLUSH_BACKLOG", "100", "POPULARITY_BACKLOG_FLUSH_INTERVAL", "PT1S"));
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:00:10", 101L, 1002)
                .view(2, "2021-01-04T10:01:00", 102L, 1001);
        assertEquals(Set.of(1001L), fixture.state().itemGram().rows().keySet());
        fixture.inputWaiting(100);
        // 1002 reaches four users: the kept set becomes {1002}; every change flushes the Gram (max pending 1)
        fixture.view(3, "2021-01-04T10:02:00", 103L, 1002).view(4, "2021-01-04T10:03:00", 104L, 1002)
                .view(6, "2021-01-04T10:03:30", 106L, 1002);
        fixture.driver().advanceWallClockTime(java.time.Duration.ofSeconds(2));
        assertEquals(Set.of(1002L), keptInStore(), "the kept set is published");
        fixture.view(5, "2021-01-04T10:04:00", 105L, 1001);
        assertEquals(Set.of(1001L), gramInStore().rows().keySet(), "a backlog waits: the change waits");
        assertEquals(3, gramInStore().users(1001), "the rows count over the kept set applied");
        fixture.inputWaiting(0);
        fixture.driver().advanceWallClockTime(fixture.settings().itemGramFlushInterval());
        assertEquals(Set.of(1002L), gramInStore().rows().keySet(), "the first tick after the backlog");
        fixture.assertMatchesReference();
    }

    @Test
    void shouldCountAWindowSpreadOverALongHistoryExactly() {
        // a window of 4 among 40 products: the range read from its first to its last product meets the
        // 36 others in between, gives up after 16 entries and looks the rest up one by one
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_GRAM_USER_WINDOW", "4", "ITEM_EASE_MAX_PRODUCTS", "50"));
        for (long product = 2001; product <= 2040; product++) {
            fixture.product(product, "Gry i konsole;Gry komputerowe");
        }
        LocalDateTime time = LocalDateTime.parse("2021-01-04T10:00:00");
        // user 101 touches 2002..2039 first, then 2001, 2040, 2020 and 2021 last: those four are its window
        for (long product = 2002; product <= 2039; product++) {
            time = time.plusMinutes(1);
            fixture.view(1, time.toString(), 101L, product);
        }
        for (final long product : new long[] {2001, 2040, 2020, 2021}) {
            time = time.plusMinutes(1);
            fixture.view(1, time.toString(), 101L, product);
        }
        // another user shares the window's products, so their rows have cells to check
        fixture.view(2, time.plusMinutes(1).toString(), 102L, 2001).view(2, time.plusMinutes(2).toString(), 102L, 2040);
        fixture.flushWallClockWork();
        time = time.plusMinutes(10);
        fixture.buy(1, time.toString(), 101L, 2040);
        assertEquals(2, fixture.state().itemGram().users(2040));
        fixture.assertMatchesReference();
    }

    /** The users of {@code product} in the partitioned {@code product-popularity} store, without letting time pass. */
    private long usersInPopularityStore(final long product) {
        final ProductTotals totals = fixture.driver().<Long, ProductTotals>getKeyValueStore(
                Names.STORE_PRODUCT_POPULARITY).get(product);
        return totals == null ? 0 : totals.users();
    }

    /** The kept set as the global store holds it now. */
    private Set<Long> keptInStore() {
        final Set<Long> kept = new java.util.TreeSet<>();
        try (KeyValueIterator<Long, Long> it = fixture.driver().<Long, Long>getKeyValueStore(
                Names.STORE_ITEM_GRAM_KEPT).all()) {
            it.forEachRemaining(entry -> kept.add(entry.key));
        }
        return kept;
    }

    /** The item Gram rows as the global store holds them now, without letting wall-clock time pass. */
    private ItemGram gramInStore() {
        final KeyValueStore<ChunkKey, GramRow> store = fixture.driver().getKeyValueStore(Names.STORE_ITEM_GRAM_ALL);
        try (KeyValueIterator<ChunkKey, GramRow> it = store.all()) {
            return ItemGram.fromChunks(it);
        }
    }

    /**
     * The Gram rows and postings are sums of changes whose batching depends on wall-clock timing: when
     * the flushes run, when a full pending buffer forces one, when a backlog holds the clock's back, when
     * a changed kept set is applied.
     * Whatever that timing, at rest they equal the batch computation: random settings, events (late
     * ones too) and pauses, seeded.
     */
    @Test
    void shouldEqualTheBatchWhateverTheFlushAndKeptSetTiming() {
        for (int seed = 0; seed < 6; seed++) {
            final SplittableRandom random = new SplittableRandom(seed);
            final Map<String, String> env = Map.of(
                    "ITEM_GRAM_USER_WINDOW", Integer.toString(2 + random.nextInt(4)),
                    "ITEM_EASE_MAX_PRODUCTS", Integer.toString(2 + random.nextInt(6)),
                    "ITEM_GRAM_MAX_PENDING", Integer.toString(1 + random.nextInt(30)),
                    "ITEM_GRAM_KEPT_INTERVAL", random.nextBoolean() ? "PT0S" : "PT" + (1 + random.nextInt(40)) + "S",
                    "USER_KNN_USERS_PER_PRODUCT", Integer.toString(1 + random.nextInt(5)));
            fixture.close();
            fixture = new TopologyFixture(env);
            for (long product = 1001; product <= 1010; product++) {
                fixture.product(product, product % 2 == 0 ? "Komputery;Monitory" : "Gry i konsole;Gry komputerowe");
            }
            LocalDateTime time = LocalDateTime.parse("2021-01-04T10:00:00");
            final int events = 100 + random.nextInt(300);
            for (int i = 0; i < events; i++) {
                time = time.plusSeconds(random.nextInt(-60, 120));
                final long user = 101 + random.nextInt(15);
                // a few popular products and a tail, so that the kept set changes as counts move
                final long product = 1001L + (long) Math.min(9, Math.abs(random.nextGaussian() * 4));
                fixture.event(user, time.toString(), user, product,
                        random.nextInt(100) < 10 ? "BUY_PRODUCT" : "VIEW_PRODUCT");
                if (random.nextInt(100) < 15) {
                    fixture.driver().advanceWallClockTime(java.time.Duration.ofSeconds(random.nextInt(45)));
                }
                if (random.nextInt(100) < 5) {
                    // a backlog comes or goes: the clock's flushes stop or resume
                    fixture.inputWaiting(random.nextBoolean() ? 0 : fixture.settings().flushBacklog());
                }
            }
            fixture.inputWaiting(0);
            try {
                fixture.assertMatchesReference();
            } catch (final AssertionError e) {
                throw new AssertionError("seed " + seed + ", " + env + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void shouldApplyAChangedKeptSetAtMostOncePerInterval() {
        fixture.close();
        fixture = new TopologyFixture(Map.of("ITEM_EASE_MAX_PRODUCTS", "1", "ITEM_GRAM_KEPT_INTERVAL", "PT1M"));
        catalog().view(1, "2021-01-04T10:00:00", 101L, 1001).view(1, "2021-01-04T10:00:10", 101L, 1002)
                .view(2, "2021-01-04T10:01:00", 102L, 1001);
        // the first flush applies the kept set at once: {1001}, two users
        assertEquals(Set.of(1001L), fixture.state().itemGram().rows().keySet());
        // 1002 reaches three users: the kept set becomes {1002}, applied a minute after the last change
        fixture.view(3, "2021-01-04T10:02:00", 103L, 1002).view(4, "2021-01-04T10:03:00", 104L, 1002);
        assertEquals(Set.of(1001L), fixture.state().itemGram().rows().keySet(), "within a minute");
        fixture.driver().advanceWallClockTime(java.time.Duration.ofMinutes(1));
        assertEquals(Set.of(1002L), fixture.state().itemGram().rows().keySet());
        fixture.assertMatchesReference();
    }

    @Test
    void shouldRefuseBadCatalogAndUserRecordsWithAReasonAndKeepTheGoodOnes() {
        catalog();
        fixture.rawProduct("1008", "{\"product_id\": 1e400}")
                .rawProduct("1009", "not json")
                .rawProduct("1010", "{\"product_id\": 1010, \"product_id\": 1011}")
                .rawProduct(null, Lines.product(1011, "Gry"))
                .rawUser("101", "{\"name\": \"no id\"}")
                .rawUser("103", Lines.user(102))
                .rawUser("102", Lines.user(102));
        final List<Rejected> refused = fixture.rejected();
        assertEquals(List.of(RejectReason.NUMBER_OUT_OF_RANGE, RejectReason.MALFORMED_JSON, RejectReason.DUPLICATE_KEY,
                RejectReason.INVALID_ID, RejectReason.MISSING_FIELD, RejectReason.INVALID_ID),
                refused.stream().map(Rejected::reason).toList());
        assertEquals(List.of("shop.products", "shop.products", "shop.products", "shop.products", "shop.users",
                "shop.users"), refused.stream().map(Rejected::source).toList());
        assertTrue(fixture.state().content().contains(1007), "valid products are in the catalog");
        assertFalse(fixture.state().content().contains(1010));
        assertFalse(fixture.state().content().contains(1011), "a product must be keyed by its id");
        assertEquals(Lines.user(102), fixture.driver().<String, String>getKeyValueStore(Names.STORE_USERS).get("102"));
        // a tombstone removes the product from every instance's catalog
        fixture.rawProduct("1007", null);
        assertFalse(fixture.state().content().contains(1007));
    }

    @Test
    void shouldNameEveryNodeStoreAndInternalTopic() {
        final TopologyDescription description = RecoTopology.build(fixture.settings(), new StateVersions()).describe();
        final Set<String> nodes = new TreeSet<>();
        final Set<String> stores = new TreeSet<>();
        final Set<String> topics = new TreeSet<>();
        for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
            sub.nodes().forEach(node -> collect(node, nodes, stores, topics));
        }
        for (final TopologyDescription.GlobalStore global : description.globalStores()) {
            collect(global.source(), nodes, stores, topics);
            collect(global.processor(), nodes, stores, topics);
        }
        assertTrue(nodes.stream().noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-")),
                "generated names: " + nodes);
        assertEquals(Set.of("catalog", "users", "popularity-all", "popularity-top", "session-state",
                "session-watermark", "user-interactions", "user-windows", "popularity-deltas", "product-popularity",
                "popularity-top-builder", "ab-served-lists", "ab-recent-events", "ab-exposed-users",
                "ab-experiment-counts", "item-gram-pending", "item-gram", "item-gram-all", "item-gram-kept",
                "item-gram-kept-builder", "user-knn-postings", "user-knn-recency", "user-knn-published",
                "user-knn-postings-all"), stores);
        assertEquals(Set.of("shop.products", "shop.users", "shop.sessions", "shop.sessions.rejected",
                "shop.interactions", "reco.popularity", "reco.popularity.top", "popularity-by-product-repartition",
                "popularity-top-repartition", "reco.served", "ab-deltas-by-experiment-repartition",
                "item-gram-by-product-repartition", "reco.item-gram", "reco.item-gram.kept", "reco.catalog",
                "user-knn-postings-by-product-repartition", "reco.user-knn.postings"), topics);
    }

    private static void collect(final TopologyDescription.Node node, final Set<String> nodes, final Set<String> stores,
            final Set<String> topics) {
        nodes.add(node.name());
        if (node instanceof TopologyDescription.Processor processor) {
            stores.addAll(processor.stores());
        } else if (node instanceof TopologyDescription.Source source) {
            topics.addAll(source.topicSet());
        } else if (node instanceof TopologyDescription.Sink sink) {
            topics.add(sink.topic());
        }
    }

    private List<String> profileTerms(final long user) {
        final var state = fixture.state();
        final var profile = UserProfile.of(state.interactions(user), state.content());
        final List<String> terms = new ArrayList<>();
        for (int i = 0; i < profile.size(); i++) {
            terms.add(state.content().term(profile.index(i)));
        }
        return terms;
    }

    private double unknownProductEvents() {
        double total = 0;
        for (final Map.Entry<MetricName, ? extends Metric> e : fixture.driver().metrics().entrySet()) {
            if (e.getKey().name().equals("unknown-product-events-total")) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }
}
