package dev.shopreco.streams.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.support.TopologyFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filtered lists (category, excluded products, per-request exclusion) over the topology's live
 * stores, checked against the unfiltered ranking of the same model with what fails the filter taken
 * out, the filter evaluated here from the catalog's category paths. The popularity top list is 2
 * long, so filling a filtered list walks the popularity order beyond it.
 */
class FilteredListsTest {

    private static final Map<Long, String> CATALOG = new LinkedHashMap<>();
    private static final List<Long> USERS = List.of(201L, 202L, 203L, 204L, 205L, 206L, 999L);

    static {
        CATALOG.put(1001L, "Gry i konsole;Gry na konsole;Gry Xbox 360");
        CATALOG.put(1002L, "Gry i konsole;Gry na konsole;Gry Xbox 360");
        CATALOG.put(1003L, "Gry i konsole;Gry na konsole;Gry PlayStation3");
        CATALOG.put(1004L, "Gry i konsole;Gry na konsole;Gry PlayStation3");
        CATALOG.put(1005L, "Gry i konsole;Gry komputerowe");
        CATALOG.put(1006L, "Komputery;Monitory;Monitory LCD");
        CATALOG.put(1007L, "Komputery;Monitory;Monitory LCD");
        CATALOG.put(1008L, "Komputery;Drukarki i skanery");
        CATALOG.put(1009L, "Telefony i akcesoria;Telefony komórkowe");
        CATALOG.put(1010L, "Telefony i akcesoria;Telefony komórkowe");
    }

    private static final List<ProductFilter> FILTERS = List.of(
            ProductFilter.of("Gry na konsole", Set.of()),
            ProductFilter.of("gry i konsole; GRY NA KONSOLE", Set.of(1001L)),
            ProductFilter.of("Monitory", Set.of(1006L)),
            ProductFilter.of(null, Set.of(1002L, 1006L, 1009L)),
            ProductFilter.of("Telefony i akcesoria", Set.of()),
            ProductFilter.of("Komputery", Set.of()));

    private final TopologyFixture fixture = new TopologyFixture(Map.of("POPULARITY_TOP_K", "2"));
    private RecoStateView streaming;
    private ReferenceResult reference;

    @BeforeEach
    void events() {
        CATALOG.forEach(fixture::product);
        fixture.view(1, "2021-01-04T10:00:00", 201L, 1001)
                .view(1, "2021-01-04T10:00:30", 201L, 1003)
                .view(2, "2021-01-04T10:01:00", 202L, 1002)
                .view(2, "2021-01-04T10:02:00", 202L, 1002)
                .view(2, "2021-01-04T10:02:30", 202L, 1006)
                .view(3, "2021-01-04T10:03:00", 203L, 1002)
                .buy(3, "2021-01-04T10:03:30", 203L, 1009)
                .view(4, "2021-01-04T10:04:00", 204L, 1006)
                .view(4, "2021-01-04T10:04:10", 204L, 1007)
                .buy(5, "2021-01-04T10:05:00", 205L, 1001)
                .view(5, "2021-01-04T10:06:00", 205L, 1002)
                .view(5, "2021-01-04T10:06:30", 205L, 1008)
                .view(6, "2021-01-04T10:07:00", 206L, 1009)
                .buy(6, "2021-01-04T10:07:30", 206L, 1010)
                .view(6, "2021-01-04T10:08:00", 206L, 1001);
        streaming = fixture.state();
        reference = fixture.assertMatchesReference();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Whether the product passes: every asked level is one of its path's levels, and it is not excluded. */
    private static boolean passes(final long product, final ProductFilter filter) {
        final List<String> levels = Arrays.stream(CATALOG.get(product).split(";"))
                .map(l -> l.trim().toLowerCase(Locale.ROOT)).toList();
        return levels.containsAll(filter.categories()) && !filter.exclude().contains(product);
    }

    /** The model's whole unfiltered list, what fails the filter taken out, the first n. */
    private static List<Long> expected(final Recommender model, final long user, final int n,
            final Exclusion exclusion, final ProductFilter filter) {
        final List<Long> kept = new ArrayList<>();
        for (final long product : model.recommend(user, CATALOG.size(), exclusion).productIds()) {
            if (passes(product, filter) && kept.size() < n) {
                kept.add(product);
            }
        }
        return kept;
    }

    @Test
    void shouldListTheUnfilteredRankingWithWhatFailsTheFilterTakenOut() {
        final Map<String, Recommender> live = Recommenders.all(streaming, 7);
        final Map<String, Recommender> batch = Recommenders.all(reference.state(), 7);
        for (final String name : List.of(Recommenders.POPULARITY, Recommenders.CONTENT_BASE,
                Recommenders.ITEM_EASE, Recommenders.HYBRID)) {
            for (final long user : USERS) {
                for (final Exclusion exclusion : Exclusion.values()) {
                    for (final ProductFilter filter : FILTERS) {
                        for (final int n : List.of(1, 2, 3, 10)) {
                            final String what = name + " user " + user + " " + exclusion + " " + filter + " n=" + n;
                            final Recommendation answer = live.get(name).recommend(user, n, exclusion, filter);
                            assertEquals(expected(live.get(name), user, n, exclusion, filter), answer.productIds(),
                                    what);
                            assertEquals(batch.get(name).recommend(user, n, exclusion, filter), answer,
                                    what + " (batch state)");
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepNItemsWhenTheCategoryHasThatManyAndNeverPadWithOthers() {
        for (final Recommender model : Recommenders.all(streaming, 7).values()) {
            final ProductFilter consoles = ProductFilter.of("gry na konsole", Set.of());
            // 201 viewed 1001 and 1003: two of the four console games are left
            final List<Long> list = model.recommend(201, 4, Exclusion.INTERACTED, consoles).productIds();
            assertEquals(Set.of(1002L, 1004L), Set.copyOf(list), model.name());
            final List<Long> three = model.recommend(201, 3, Exclusion.NONE, consoles).productIds();
            assertEquals(3, three.size(), model.name());
            assertTrue(three.stream().allMatch(p -> passes(p, consoles)), model.name() + " " + three);
            final ProductFilter cart = ProductFilter.of(null, Set.of(1001L, 1002L));
            final List<Long> noCart = model.recommend(205, 8, Exclusion.PURCHASED, cart).productIds();
            assertEquals(8, noCart.size(), model.name() + ": ten products, the cart (with the purchase) out");
            assertTrue(noCart.stream().noneMatch(p -> p == 1001L || p == 1002L), model.name() + " " + noCart);
        }
    }

    @Test
    void shouldMatchWholeCategoryLevelsCaseInsensitively() {
        final Recommender popularity = new PopularityRecommender(streaming);
        assertEquals(Set.of(1006L, 1007L), Set.copyOf(popularity.recommend(999, 10, Exclusion.NONE,
                ProductFilter.of(" MONITORY lcd ", Set.of())).productIds()));
        assertEquals(List.of(), popularity.recommend(999, 10, Exclusion.NONE,
                ProductFilter.of("Monitor", Set.of())).productIds(), "a level is matched whole");
        assertEquals(List.of(), popularity.recommend(999, 10, Exclusion.NONE,
                ProductFilter.of("No such category", Set.of())).productIds());
        assertEquals(List.of(), popularity.recommend(999, 10, Exclusion.NONE,
                ProductFilter.of("Komputery;Telefony komórkowe", Set.of())).productIds(), "every level must match");
    }

    @Test
    void shouldDrawRandomListsFromTheFilteredProductsOnly() {
        final Recommender live = Recommenders.create(Recommenders.RANDOM, streaming, 7);
        final Recommender batch = Recommenders.create(Recommenders.RANDOM, reference.state(), 7);
        for (final long user : USERS) {
            for (final ProductFilter filter : FILTERS) {
                final Recommendation answer = live.recommend(user, 3, Exclusion.PURCHASED, filter);
                assertEquals(batch.recommend(user, 3, Exclusion.PURCHASED, filter), answer, user + " " + filter);
                assertEquals(answer, live.recommend(user, 3, Exclusion.PURCHASED, filter), "fixed per user");
                final long passing = CATALOG.keySet().stream().filter(p -> passes(p, filter)
                        && streaming.interactions(user).stream().noneMatch(i -> i.productId() == p && i.purchased()))
                        .count();
                assertEquals(Math.min(3, passing), answer.productIds().size(), user + " " + filter);
                assertTrue(answer.productIds().stream().allMatch(p -> passes(p, filter)), answer.toString());
            }
        }
    }
}
