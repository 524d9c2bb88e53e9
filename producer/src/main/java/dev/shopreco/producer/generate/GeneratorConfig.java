package dev.shopreco.producer.generate;

import java.time.LocalDate;

/**
 * Everything that shapes a generated data set. Same config, same bytes.
 *
 * @param users              number of users (ids from 101)
 * @param products           catalog size (ids from 1001); 319 is the shop's first delivery
 * @param months             length of the period in calendar months
 * @param start              first day of the period
 * @param seed               the one seed every random choice derives from
 * @param sessionsPerUser    mean sessions a user starts over the whole period
 * @param eventsPerSession   mean events (views and purchases) in a session
 * @param purchaseShare      share of events that are purchases
 * @param personalStrength   0..1: how much a user's choices follow their own taste (a few favoured
 *                           categories and products) rather than the crowd's; 0 = none
 * @param popularitySkew     spread (log-normal sigma) of products' base appeal; 0 = all equally appealing
 * @param repeatRate         0..1: chance that a view goes to a product the user touched in an earlier month
 * @param drift              month-to-month variation (log-normal sigma) of each product's appeal; 0 = static
 * @param touchedShare       share of the catalog that is ever interacted with (the rest is never shown)
 * @param userNullShare      share of events with {@code user_id} null
 * @param productNullShare   share of events with {@code product_id} null
 * @param bothNullShare      share of events with both null
 * @param anonymousSessions  share of sessions with no user id on any event (unrecoverable)
 * @param neighbourhoods     number of groups of users who share a taste over products (across
 *                           categories); 0 = none
 * @param neighbourhoodStrength 0..1: share of a user's draws (those not going to a favourite)
 *                           that follow their neighbourhood's taste; ignored without neighbourhoods
 */
public record GeneratorConfig(
        int users,
        int products,
        int months,
        LocalDate start,
        long seed,
        double sessionsPerUser,
        double eventsPerSession,
        double purchaseShare,
        double personalStrength,
        double popularitySkew,
        double repeatRate,
        double drift,
        double touchedShare,
        double userNullShare,
        double productNullShare,
        double bothNullShare,
        double anonymousSessions,
        int neighbourhoods,
        double neighbourhoodStrength) {

    public static final int USERS = 1000;
    public static final int PRODUCTS = 319;
    public static final int MONTHS = 10;
    public static final String START = "2020-03-01";
    public static final long SEED = 42;
    /** The shop's 52 sessions per user over 10 months, as a rate so that a longer period means more sessions. */
    public static final double SESSIONS_PER_USER_MONTH = 5.2;
    public static final double EVENTS_PER_SESSION = 8.7;
    public static final double PURCHASE_SHARE = 0.09;
    public static final double PERSONAL_STRENGTH = 0.4;
    public static final double POPULARITY_SKEW = 0.35;
    public static final double REPEAT_RATE = 0.66;
    public static final double DRIFT = 0.3;
    public static final double TOUCHED_SHARE = 2.0 / 3;
    public static final double USER_NULL_SHARE = 0.05;
    public static final double PRODUCT_NULL_SHARE = 0.05;
    public static final double BOTH_NULL_SHARE = 0.002;
    public static final double ANONYMOUS_SESSIONS = 0.006;
    public static final int NEIGHBOURHOODS = 0;
    public static final double NEIGHBOURHOOD_STRENGTH = 0;

    public GeneratorConfig {
        require(users >= 1, "users must be at least 1");
        require(products >= 1, "products must be at least 1");
        require(months >= 1 && months <= 600, "months must be between 1 and 600");
        require(sessionsPerUser > 0, "sessions per user must be positive");
        require(eventsPerSession >= 1.2, "events per session must be at least 1.2");
        require(purchaseShare >= 0 && purchaseShare < 0.5, "purchase share must be in [0, 0.5)");
        require(personalStrength >= 0 && personalStrength <= 1, "personal strength must be in [0, 1]");
        require(popularitySkew >= 0 && popularitySkew <= 5, "popularity skew must be in [0, 5]");
        require(repeatRate >= 0 && repeatRate <= 1, "repeat rate must be in [0, 1]");
        require(drift >= 0 && drift <= 5, "drift must be in [0, 5]");
        require(touchedShare > 0 && touchedShare <= 1, "touched share must be in (0, 1]");
        require(bothNullShare <= Math.min(userNullShare, productNullShare), "both-null share exceeds a null share");
        require(userNullShare < 0.5 && productNullShare < 0.5, "null shares must be below 0.5");
        require(anonymousSessions >= 0 && anonymousSessions <= userNullShare, "anonymous sessions exceed the user-null share");
        require(neighbourhoods >= 0 && neighbourhoods <= users, "neighbourhoods must be between 0 and the number of users");
        require(neighbourhoodStrength >= 0 && neighbourhoodStrength <= 1, "neighbourhood strength must be in [0, 1]");
    }

    /** The shop's shape at the given size and seed. */
    public static GeneratorConfig defaults(final int users, final long seed) {
        return new GeneratorConfig(users, PRODUCTS, MONTHS, LocalDate.parse(START), seed, SESSIONS_PER_USER_MONTH * MONTHS,
                EVENTS_PER_SESSION, PURCHASE_SHARE, PERSONAL_STRENGTH, POPULARITY_SKEW, REPEAT_RATE, DRIFT,
                TOUCHED_SHARE, USER_NULL_SHARE, PRODUCT_NULL_SHARE, BOTH_NULL_SHARE, ANONYMOUS_SESSIONS,
                NEIGHBOURHOODS, NEIGHBOURHOOD_STRENGTH);
    }

    /** The day after the period. */
    public LocalDate end() {
        return start.plusMonths(months);
    }

    /** This config with the structure knobs replaced (the rest unchanged). */
    public GeneratorConfig withKnobs(final double personal, final double skew, final double repeat, final double drft) {
        return new GeneratorConfig(users, products, months, start, seed, sessionsPerUser, eventsPerSession,
                purchaseShare, personal, skew, repeat, drft, touchedShare, userNullShare, productNullShare,
                bothNullShare, anonymousSessions, neighbourhoods, neighbourhoodStrength);
    }

    /** This config with {@code groups} neighbourhoods of the given strength (the rest unchanged). */
    public GeneratorConfig withNeighbourhoods(final int groups, final double strength) {
        return new GeneratorConfig(users, products, months, start, seed, sessionsPerUser, eventsPerSession,
                purchaseShare, personalStrength, popularitySkew, repeatRate, drift, touchedShare, userNullShare,
                productNullShare, bothNullShare, anonymousSessions, groups, strength);
    }

    /** Whether some draws follow a neighbourhood's taste. */
    public boolean hasNeighbourhoods() {
        return neighbourhoods > 0 && neighbourhoodStrength > 0;
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
