package dev.shopreco.producer.generate;

import java.util.List;

/**
 * The shop's 15 leaf categories (the token list of the seed's profile table, {@code Anten RTV}
 * spelled as the seed writes it), with the share of the catalog each holds and a plausible price
 * range. Sizes are uneven on purpose: the shop sold many more monitors and games than antennas.
 */
final class Categories {

    /** One leaf category. */
    record Category(String path, int baseSize, double minPrice, double maxPrice) {
    }

    /** The catalog size the base sizes add up to (the shop's first delivery). */
    static final int BASE_CATALOG = 319;

    static final List<Category> ALL = List.of(
            new Category("Komputery;Monitory;Monitory LCD", 40, 269, 2999),
            new Category("Komputery;Drukarki i skanery;Biurowe urządzenia wielofunkcyjne", 20, 399, 4999),
            new Category("Komputery;Tablety i akcesoria;Tablety", 24, 299, 3499),
            new Category("Gry i konsole;Gry komputerowe", 38, 19.99, 199.99),
            new Category("Gry i konsole;Gry na konsole;Gry PlayStation3", 30, 29.99, 249.99),
            new Category("Gry i konsole;Gry na konsole;Gry Xbox 360", 28, 29.99, 249.99),
            new Category("Telefony i akcesoria;Telefony komórkowe", 36, 199, 3999),
            new Category("Telefony i akcesoria;Telefony stacjonarne", 14, 49, 499),
            new Category("Telefony i akcesoria;Akcesoria telefoniczne;Zestawy słuchawkowe", 16, 39, 1499),
            new Category("Telefony i akcesoria;Akcesoria telefoniczne;Zestawy głośnomówiące", 10, 99, 699),
            new Category("Sprzęt RTV;Audio;Słuchawki", 22, 29, 1299),
            new Category("Sprzęt RTV;Przenośne audio i video;Odtwarzacze mp3 i mp4", 15, 79, 1299),
            new Category("Sprzęt RTV;Video;Odtwarzacze DVD", 10, 99, 599),
            new Category("Sprzęt RTV;Video;Telewizory i akcesoria;Okulary 3D", 8, 49, 499),
            new Category("Sprzęt RTV;Video;Telewizory i akcesoria;Anten RTV", 8, 29, 399));

    private Categories() {
    }

    static int count() {
        return ALL.size();
    }

    /**
     * Category sizes for a catalog of {@code products}: the base shares scaled by largest remainder,
     * so that 319 gives the base sizes exactly and every category keeps a product while there are
     * at least 15.
     */
    static int[] sizes(final int products) {
        final int n = count();
        final int[] sizes = new int[n];
        final double[] remainder = new double[n];
        int assigned = 0;
        for (int c = 0; c < n; c++) {
            final double exact = (double) ALL.get(c).baseSize() * products / BASE_CATALOG;
            sizes[c] = products >= n ? Math.max(1, (int) Math.floor(exact)) : (int) Math.floor(exact);
            remainder[c] = exact - Math.floor(exact);
            assigned += sizes[c];
        }
        while (assigned != products) {
            int best = -1;
            for (int c = 0; c < n; c++) {
                final boolean eligible = assigned < products || sizes[c] > 1;
                if (eligible && (best < 0 || (assigned < products ? remainder[c] > remainder[best]
                        : remainder[c] < remainder[best]))) {
                    best = c;
                }
            }
            sizes[best] += assigned < products ? 1 : -1;
            remainder[best] = assigned < products ? -1 : 2;
            assigned += assigned < products ? 1 : -1;
        }
        return sizes;
    }
}
