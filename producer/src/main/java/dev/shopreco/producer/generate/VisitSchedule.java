package dev.shopreco.producer.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * When users come to the shop: more at weekends and before Christmas, more in the evening than at
 * night. The day weights are normalised over the period so that a user of average activity starts
 * {@code sessionsPerUser} sessions in total, whatever the period.
 */
final class VisitSchedule {

    /** Relative visits by hour of day (local time): quiet nights, a peak from 19 to 22. */
    private static final double[] HOURS = {0.35, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.55, 0.8, 0.95, 1.0, 1.05,
        1.15, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6, 1.9, 2.0, 1.8, 1.25, 0.65};
    private static final double[] HOUR_CUMULATIVE = cumulative(HOURS);

    private final double[] dayWeight;

    VisitSchedule(final LocalDate start, final int days) {
        dayWeight = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            final LocalDate date = start.plusDays(d);
            dayWeight[d] = weekday(date.getDayOfWeek()) * season(date.getMonthValue());
            total += dayWeight[d];
        }
        for (int d = 0; d < days; d++) {
            dayWeight[d] /= total;
        }
    }

    int days() {
        return dayWeight.length;
    }

    /** The share of a user's sessions that fall on day {@code day} of the period. */
    double share(final int day) {
        return dayWeight[day];
    }

    /** A start time within the day, in seconds after midnight. */
    static int secondOfDay(final SplittableRandom rng) {
        final int hour = RandomDraws.pick(rng, HOUR_CUMULATIVE, HOURS.length);
        return hour * 3600 + rng.nextInt(3600);
    }

    private static double weekday(final DayOfWeek day) {
        return switch (day) {
            case SATURDAY, SUNDAY -> 1.2;
            case MONDAY -> 1.05;
            default -> 1.0;
        };
    }

    private static double season(final int month) {
        return switch (month) {
            case 12 -> 1.25;
            case 11 -> 1.1;
            case 7, 8 -> 0.9;
            default -> 1.0;
        };
    }

    private static double[] cumulative(final double[] weights) {
        final double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }
}
