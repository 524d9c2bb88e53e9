package dev.shopreco.producer.generate;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.CatalogParser;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes {@link DataSetStats}: reads the catalog and users, scans the sessions, derives the rest. */
final class StatsComputation {

    private final Map<Long, Integer> productIndex = new HashMap<>();
    private final List<Integer> productCategory = new ArrayList<>();
    private final Map<String, Integer> categoryIndex = new HashMap<>();
    private int products;
    private int pricesNonPositive;
    private int pricesAbove100k;
    private int ratingsMissing;
    private int users;
    private long invalid;

    private StatsComputation() {
    }

    static DataSetStats compute(final Path dir) throws IOException {
        final StatsComputation c = new StatsComputation();
        forEachLine(require(dir, DataFolder.PRODUCTS), c::product);
        forEachLine(require(dir, DataFolder.USERS), c::user);
        final SessionScan scan = new SessionScan(c.productIndex);
        forEachLine(require(dir, DataFolder.SESSIONS), line -> {
            if (SessionEventParser.DEFAULT.parse(line) instanceof Parsed.Valid<SessionEvent> v) {
                scan.accept(v.value());
            } else {
                c.invalid++;
            }
        });
        scan.finish();
        return c.derive(scan);
    }

    private void product(final String line) {
        if (!(CatalogParser.product(line) instanceof Parsed.Valid<Product> v)) {
            invalid++;
            return;
        }
        final Product p = v.value();
        products++;
        if (productIndex.putIfAbsent(p.productId(), productIndex.size()) == null) {
            productCategory.add(categoryIndex.computeIfAbsent(p.categoryPath(), k -> categoryIndex.size()));
        }
        pricesNonPositive += p.price() != null && p.price() <= 0 ? 1 : 0;
        pricesAbove100k += p.price() != null && p.price() > 100_000 ? 1 : 0;
        ratingsMissing += p.userRating() == null ? 1 : 0;
    }

    private void user(final String line) {
        if (CatalogParser.user(line) instanceof Parsed.Valid<?>) {
            users++;
        } else {
            invalid++;
        }
    }

    private DataSetStats derive(final SessionScan scan) {
        final int nUsers = scan.userIndex.size();
        final int nProducts = scan.productIndex.size();
        final double[] popularity = new double[nProducts];
        final int[] usersOfProduct = new int[nProducts];
        final double[][] userCategories = new double[nUsers][categoryIndex.size()];
        scan.pairs.forEach((u, p, strength) -> {
            popularity[p] += Math.log1p(strength) / Math.log(2);
            usersOfProduct[p]++;
            if (p < productCategory.size()) {
                userCategories[u][productCategory.get(p)] += strength;
            }
        });
        int interacted = 0;
        int byMost = 0;
        double total = 0;
        for (int p = 0; p < nProducts; p++) {
            interacted += usersOfProduct[p] > 0 ? 1 : 0;
            byMost += usersOfProduct[p] > 0.5 * nUsers ? 1 : 0;
            total += popularity[p];
        }
        final double[] sorted = popularity.clone();
        Arrays.sort(sorted);
        double top = 0;
        for (int k = 0; k < Math.min(10, sorted.length); k++) {
            top += sorted[sorted.length - 1 - k];
        }
        int touched = 0;
        for (final Long id : scan.productsSeen) {
            touched += productIndex.containsKey(id) ? 1 : 0;
        }
        final long events = scan.events;
        return new DataSetStats(products, users, scan.sessions, events,
                share(scan.purchases, events), share(scan.userNull, events), share(scan.recoverable, scan.userNull),
                share(scan.productNull, events), share(scan.bothNull, events), scan.purchasesWithoutView,
                scan.outOfOrder, touched, pricesNonPositive, pricesAbove100k, ratingsMissing,
                nUsers == 0 ? 0 : (double) scan.pairs.size() / nUsers,
                interacted == 0 ? 0 : (double) byMost / interacted, total == 0 ? 0 : top / total,
                MonthlyMeasures.repeatShare(scan.months), MonthlyMeasures.popularityCorrelation(scan.months, nProducts),
                MonthlyMeasures.categoryDivergence(userCategories), scan.first, scan.last, invalid);
    }

    private static double share(final long part, final long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static Path require(final Path dir, final String name) throws IOException {
        try {
            return new DataFolder(dir).file(name);
        } catch (final java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private interface LineConsumer {
        void accept(String line);
    }

    private static void forEachLine(final Path file, final LineConsumer consumer) throws IOException {
        try (BufferedReader reader = DataFolder.open(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    consumer.accept(line);
                }
            }
        }
    }
}
