package dev.shopreco.streams.state;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.model.ContentBasedRecommender;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.support.TopologyFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology bumps {@link StateVersions} after each write a server reads, and a
 * {@link StoreBackedState} given them keeps shared state exactly until it changes: what makes the
 * API's answer cache safe.
 */
class StateVersionsTest {

    private final TopologyFixture fixture = new TopologyFixture();

    @BeforeEach
    void catalog() {
        fixture.product(1001, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1002, "Gry i konsole;Gry na konsole;Gry Xbox 360")
                .product(1003, "Komputery;Monitory;Monitory LCD")
                .view(1, "2021-01-04T10:00:00", 201L, 1001)
                .view(2, "2021-01-04T10:01:00", 202L, 1002)
                .view(2, "2021-01-04T10:02:00", 202L, 1002);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldBumpAUsersCounterOnceTheirEventIsInTheStore() {
        final StateVersions versions = fixture.versions();
        final long before = versions.user(203);
        final StoreBackedState state = fixture.versionedState();
        assertTrue(state.interactions(203).isEmpty());
        fixture.view(3, "2021-01-04T10:03:00", 203L, 1003);
        assertTrue(versions.user(203) > before, "the user's counter moved");
        assertEquals(List.of(1003L), state.interactions(203).stream().map(UserInteraction::productId).toList(),
                "and the event is readable");
    }

    @Test
    void shouldServeTheNewTopListAndPopularityAfterAPopularityChangeAndTheKeptOnesBefore() {
        final StoreBackedState state = fixture.versionedState();
        final List<ScoredProduct> top = state.topPopular();
        assertEquals(1002L, top.get(0).productId());
        final long popularity = fixture.versions().popularity();
        assertSame(top, state.topPopular(), "kept while nothing changed");
        // 1003 overtakes 1002: three users buy it
        fixture.buy(3, "2021-01-04T10:03:00", 203L, 1003)
                .buy(4, "2021-01-04T10:04:00", 204L, 1003)
                .buy(5, "2021-01-04T10:05:00", 205L, 1003)
                .flushWallClockWork();
        assertTrue(fixture.versions().popularity() > popularity, "the popularity counter moved");
        assertEquals(fixture.state().topPopular(), state.topPopular(), "the kept list follows the stores");
        assertEquals(1003L, state.topPopular().get(0).productId());
        assertEquals(fixture.state().popularity(1003), state.popularity(1003));
        // a user without events gets the new list as a fallback
        assertEquals(1003L, new ContentBasedRecommender(state).recommend(999, 3, Exclusion.NONE).productIds().get(0));
    }

    @Test
    void shouldRebuildTheContentIndexOnlyAfterACatalogChange() {
        final StoreBackedState state = fixture.versionedState();
        final var index = state.content();
        assertSame(index, state.content(), "no catalog scan while the catalog is unchanged");
        final long catalog = fixture.versions().catalog();
        fixture.product(1004, "Komputery;Monitory;Monitory LCD");
        assertNotEquals(catalog, fixture.versions().catalog());
        // the caller gets the index it had, and the new one is built on the view's own thread
        assertSame(index, state.content(), "a request never waits for a catalog scan");
        await().atMost(Duration.ofSeconds(10)).until(() -> state.content() != index);
        assertTrue(state.content().contains(1004));
    }
}
