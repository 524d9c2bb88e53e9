package dev.shopreco.producer.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.json.Json;
import dev.shopreco.common.model.Product;
import dev.shopreco.common.model.User;
import dev.shopreco.common.progress.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a data set in the shop's schema: the catalog, the users, then the sessions day by day.
 * Each day's sessions are simulated, sorted by time and written; events of sessions that run past
 * midnight wait for the next day's slice. Memory is one day of events plus the users' state, so
 * the size is limited by disk, not heap. Every random choice comes from one seed, split into one
 * stream per concern, so the catalog does not change when only the number of users does.
 */
public final class DataGenerator {

    /** Session ids start here, as in the shop's data. */
    public static final long FIRST_SESSION_ID = 100_000;
    public static final long FIRST_USER_ID = 101;

    /** What was written. */
    public record Summary(int products, int users, long sessions, long events, long purchases,
                          LocalDate from, LocalDate to, double seconds) {

        public double eventsPerSecond() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    private DataGenerator() {
    }

    /** Generates into {@code dir}; {@code gzip} compresses the sessions file. Progress goes to {@code log} (may be null). */
    public static Summary generate(final GeneratorConfig config, final Path dir, final boolean gzip,
                                   final PrintStream log) throws IOException {
        Files.createDirectories(dir);
        final SplittableRandom root = new SplittableRandom(config.seed());
        final SplittableRandom catalogRng = root.split();
        final SplittableRandom peopleRng = root.split();
        final SplittableRandom tasteRng = root.split();
        final SplittableRandom appealRng = root.split();
        final SplittableRandom visitRng = root.split();
        // split last, so that the streams above are the same with or without neighbourhoods
        final SplittableRandom neighbourhoodRng = root.split();

        final GeneratedCatalog catalog = GeneratedCatalog.generate(config, catalogRng);
        writeProducts(dir, catalog.products());
        writeUsers(dir, config.users(), peopleRng);
        final MonthlyAppeal appeal = new MonthlyAppeal(catalog, config.months(), config.drift(), appealRng);
        final Shoppers shoppers = new Shoppers(config, catalog, appeal, tasteRng, neighbourhoodRng);
        final SessionSimulator simulator = new SessionSimulator(config, shoppers);
        final VisitSchedule schedule = new VisitSchedule(config.start(),
                (int) ChronoUnit.DAYS.between(config.start(), config.end()));

        DataFiles.deleteBoth(dir, DataFolder.SESSIONS);
        long sessions = 0;
        long events = 0;
        try (Writer writer = DataFiles.writer(dir, DataFolder.SESSIONS, gzip);
             Progress progress = Progress.start("generate", schedule.days(), "days", log)) {
            final EventLines lines = new EventLines(config.start());
            final StringBuilder text = new StringBuilder(1 << 17);
            List<GeneratedEvent> pending = new ArrayList<>();
            int month = 0;
            for (int day = 0; day < schedule.days(); day++) {
                final int m = (int) ChronoUnit.MONTHS.between(config.start(), config.start().plusDays(day));
                if (m != month) {
                    shoppers.startMonth();
                    month = m;
                }
                final long[] starts = sessionStarts(config, shoppers, schedule, day, visitRng);
                for (final long start : starts) {
                    simulator.simulate(visitRng, (int) start, FIRST_SESSION_ID + sessions++,
                            day * 86_400L + (start >>> 32), month, pending);
                }
                pending.sort(GeneratedEvent.FILE_ORDER);
                // later sessions start after midnight, so everything before it is final
                final long midnight = (day + 1) * 86_400L;
                int cut = 0;
                while (cut < pending.size() && pending.get(cut).second() < midnight) {
                    lines.append(text, pending.get(cut++));
                    if (text.length() > 1 << 16) {
                        writer.append(text);
                        text.setLength(0);
                    }
                }
                events += cut;
                pending = new ArrayList<>(pending.subList(cut, pending.size()));
                progress.stepTo(day + 1, String.format(java.util.Locale.ROOT, "%,d events", events));
            }
            for (final GeneratedEvent e : pending) {
                lines.append(text, e);
            }
            events += pending.size();
            writer.append(text);
            return new Summary(catalog.size(), config.users(), sessions, events, simulator.purchases(),
                    config.start(), config.end().minusDays(1), progress.elapsedSeconds());
        }
    }

    /** Today's session starts as {@code secondOfDay << 32 | user}, sorted: session ids follow start time. */
    private static long[] sessionStarts(final GeneratorConfig config, final Shoppers shoppers,
                                        final VisitSchedule schedule, final int day, final SplittableRandom rng) {
        long[] starts = new long[Math.max(16, config.users() / 4)];
        int n = 0;
        final double base = config.sessionsPerUser() * schedule.share(day);
        for (int u = 0; u < config.users(); u++) {
            final int k = RandomDraws.poisson(rng, base * shoppers.activity(u));
            for (int i = 0; i < k; i++) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = ((long) VisitSchedule.secondOfDay(rng) << 32) | u;
            }
        }
        final long[] sorted = Arrays.copyOf(starts, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private static void writeProducts(final Path dir, final List<Product> products) throws IOException {
        final ObjectMapper mapper = Json.mapper();
        DataFiles.deleteBoth(dir, DataFolder.PRODUCTS);
        try (Writer writer = DataFiles.writer(dir, DataFolder.PRODUCTS, false)) {
            for (final Product p : products) {
                final ObjectNode o = mapper.createObjectNode();
                o.put("product_id", p.productId());
                o.put("product_name", p.productName());
                o.put("category_path", p.categoryPath());
                o.put("price", p.price());
                o.put("user_rating", p.userRating());
                writer.write(mapper.writeValueAsString(o));
                writer.write('\n');
            }
        }
    }

    private static void writeUsers(final Path dir, final int users, final SplittableRandom rng) throws IOException {
        final ObjectMapper mapper = Json.mapper();
        DataFiles.deleteBoth(dir, DataFolder.USERS);
        try (Writer writer = DataFiles.writer(dir, DataFolder.USERS, false)) {
            for (int u = 0; u < users; u++) {
                final User user = PolishPeople.user(rng, FIRST_USER_ID + u);
                final ObjectNode o = mapper.createObjectNode();
                o.put("user_id", user.userId());
                o.put("name", user.name());
                o.put("city", user.city());
                o.put("street", user.street());
                writer.write(mapper.writeValueAsString(o));
                writer.write('\n');
            }
        }
    }
}
