package dev.shopreco.producer.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate}: writes a deterministic data set in the shop's schema. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes products.jsonl, users.jsonl and sessions.jsonl (sessions.jsonl.gz with --gzip) in the "
                + "shop's schema. Deterministic: the same options and seed give byte-identical files. Streams day by "
                + "day, so --users 100000 (tens of millions of events) needs no more memory than the default set. The "
                + "defaults give the shape of the shop's first data delivery (see data/README.md).",
        sortOptions = false)
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--users", paramLabel = "N", defaultValue = "" + GeneratorConfig.USERS,
            description = "Number of users, ids from 101 (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--products", paramLabel = "N", defaultValue = "" + GeneratorConfig.PRODUCTS,
            description = "Catalog size, ids from 1001; category sizes and noisy prices scale with it (default: ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--months", paramLabel = "N", defaultValue = "" + GeneratorConfig.MONTHS,
            description = "Length of the period in calendar months (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--start", paramLabel = "DATE", defaultValue = GeneratorConfig.START,
            description = "First day of the period (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + GeneratorConfig.SEED,
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gzip", description = "Compress the sessions file (sessions.jsonl.gz); products and users stay plain.")
    boolean gzip;

    @Option(names = "--sessions-per-user", paramLabel = "N",
            description = "Mean sessions per user over the whole period (default: " + GeneratorConfig.SESSIONS_PER_USER_MONTH
                    + " per month, i.e. 52 over 10 months).")
    Double sessionsPerUser;

    @Option(names = "--events-per-session", paramLabel = "X", defaultValue = "" + GeneratorConfig.EVENTS_PER_SESSION,
            description = "Mean events (views and purchases) per session (default: ${DEFAULT-VALUE}).")
    double eventsPerSession;

    @Option(names = "--purchase-share", paramLabel = "X", defaultValue = "" + GeneratorConfig.PURCHASE_SHARE,
            description = "Share of events that are purchases (default: ${DEFAULT-VALUE}).")
    double purchaseShare;

    @Option(names = "--personal-strength", paramLabel = "X", defaultValue = "" + GeneratorConfig.PERSONAL_STRENGTH,
            description = "0..1: how strongly each user favours a few categories and products of their own; "
                    + "0 = everyone follows the crowd, 1 = taste is all personal (default: ${DEFAULT-VALUE}).")
    double personalStrength;

    @Option(names = "--popularity-skew", paramLabel = "X", defaultValue = "" + GeneratorConfig.POPULARITY_SKEW,
            description = "Spread of the products' appeal (sigma of a log-normal): 0 = every live product equally "
                    + "popular, 1.5 = a few hits dominate (default: ${DEFAULT-VALUE}).")
    double popularitySkew;

    @Option(names = "--repeat-rate", paramLabel = "X", defaultValue = "" + GeneratorConfig.REPEAT_RATE,
            description = "0..1: chance that a view after the first month goes back to a product the user touched "
                    + "in an earlier month rather than to a new one; higher = more repeats, fewer distinct products "
                    + "per user (default: ${DEFAULT-VALUE}).")
    double repeatRate;

    @Option(names = "--drift", paramLabel = "X", defaultValue = "" + GeneratorConfig.DRIFT,
            description = "Month-to-month change of each product's appeal (sigma of a log-normal, gradual); "
                    + "0 = popularity never changes (default: ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--touched-share", paramLabel = "X", defaultValue = "" + GeneratorConfig.TOUCHED_SHARE,
            description = "Share of the catalog that is ever interacted with; the rest never appears in sessions "
                    + "(default: 2/3).")
    double touchedShare;

    @Option(names = "--neighbourhoods", paramLabel = "N", defaultValue = "" + GeneratorConfig.NEIGHBOURHOODS,
            description = "Split the users into N groups (neighbourhoods) that share a taste over products, spread "
                    + "across all categories: who is alike says more than which products go together. 0 = none "
                    + "(default: ${DEFAULT-VALUE}).")
    int neighbourhoods;

    @Option(names = "--neighbourhood-strength", paramLabel = "X",
            defaultValue = "" + GeneratorConfig.NEIGHBOURHOOD_STRENGTH,
            description = "0..1: share of a user's product draws that follow their neighbourhood's taste instead of "
                    + "their own categories and the crowd's (needs --neighbourhoods; default: ${DEFAULT-VALUE}).")
    double neighbourhoodStrength;

    @Override
    public Integer call() throws Exception {
        final double sessions = sessionsPerUser != null ? sessionsPerUser : GeneratorConfig.SESSIONS_PER_USER_MONTH * months;
        final GeneratorConfig config;
        try {
            config = new GeneratorConfig(users, products, months, start, seed, sessions, eventsPerSession,
                    purchaseShare, personalStrength, popularitySkew, repeatRate, drift, touchedShare,
                    GeneratorConfig.USER_NULL_SHARE, GeneratorConfig.PRODUCT_NULL_SHARE,
                    GeneratorConfig.BOTH_NULL_SHARE, GeneratorConfig.ANONYMOUS_SESSIONS, neighbourhoods,
                    neighbourhoodStrength);
        } catch (final IllegalArgumentException e) {
            // a usage error, not a crash: picocli prints the message and the usage, exit code 2
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        final DataGenerator.Summary s = DataGenerator.generate(config, out, gzip, System.err);
        System.out.printf(Locale.ROOT, "generated %s: %,d products, %,d users, %,d sessions, %,d events (%,d purchases), "
                        + "%s .. %s, in %.1f s (%,.0f events/s)%n", out, s.products(), s.users(), s.sessions(),
                s.events(), s.purchases(), s.from(), s.to(), s.seconds(), s.eventsPerSecond());
        return 0;
    }
}
