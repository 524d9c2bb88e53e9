package dev.shopreco.evaluator;

import dev.shopreco.common.model.EventType;
import dev.shopreco.common.model.Interaction;
import dev.shopreco.common.model.Product;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.evaluator.snapshot.SnapshotOrigin;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny hand-made inputs for the tests. */
public final class Fixtures {

    private static final LocalDateTime T0 = LocalDateTime.parse("2021-01-01T00:00:00");

    private Fixtures() {
    }

    /** A view of {@code product} by {@code user}, {@code minute} minutes after 2021-01-01T00:00. */
    public static Interaction view(final long user, final long product, final int minute) {
        return new Interaction(user, product, EventType.VIEW_PRODUCT, 1.0, T0.plusMinutes(minute), user * 1000);
    }

    /** A purchase, as {@link #view}. */
    public static Interaction buy(final long user, final long product, final int minute) {
        return new Interaction(user, product, EventType.BUY_PRODUCT, 2.0, T0.plusMinutes(minute), user * 1000);
    }

    /** The time {@code minute} minutes after 2021-01-01T00:00. */
    public static LocalDateTime at(final int minute) {
        return T0.plusMinutes(minute);
    }

    /** A product with a category path. */
    public static Product product(final long id, final String categoryPath) {
        return new Product(id, "product " + id, categoryPath, 1.0, null);
    }

    /**
     * Seeded rows with a taste: users 101..{@code lastUser}, each with {@code minEvents} to
     * {@code maxEvents - 1} events; a user of residue class {@code user % blocks} mostly touches the
     * block of {@code blockSize} products at {@code 1001 + class * blockSize}, one event in
     * {@code outsideOneIn} goes to any of the first {@code spread} products, and one in
     * {@code buyOneIn} is a purchase. Times are consecutive minutes.
     */
    public static List<Interaction> tasteRows(final long seed, final long lastUser, final int blocks,
            final int blockSize, final int spread, final int minEvents, final int maxEvents,
            final int outsideOneIn, final int buyOneIn) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Interaction> rows = new ArrayList<>();
        int minute = 0;
        for (long user = 101; user <= lastUser; user++) {
            final long base = 1001 + (user % blocks) * blockSize;
            for (int i = random.nextInt(minEvents, maxEvents); i > 0; i--) {
                final long product = random.nextInt(outsideOneIn) == 0 ? 1001 + random.nextInt(spread)
                        : base + random.nextInt(blockSize);
                rows.add(random.nextInt(buyOneIn) == 0 ? buy(user, product, minute++) : view(user, product, minute++));
            }
        }
        return rows;
    }

    /** A snapshot of these rows and products. */
    public static Snapshot snapshot(final List<Interaction> rows, final List<Product> products) {
        return Snapshot.of(rows, products, new SnapshotOrigin(SnapshotOrigin.DATA, Map.of("path", "test",
                "interactions", rows.size(), "products", products.size())));
    }

    /** The generated 20-user data folder of the test resources. */
    public static Path smallData() {
        try {
            return Path.of(Fixtures.class.getResource("/small-data/products.jsonl").toURI()).getParent();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
