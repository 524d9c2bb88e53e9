package dev.shopreco.bench.scale;

import java.util.ArrayList;
import java.util.List;

/**
 * The topology's progress through the input: how many events were in its per-user state at which
 * moment, sampled over time. Rates come from the moments given fractions of the input were reached,
 * interpolated linearly between samples.
 */
final class Timeline {

    /** One sample: seconds since the API started, records committed then. */
    record Sample(double seconds, long committed) {
    }

    private final long total;
    private final List<Sample> samples = new ArrayList<>();

    /** For an input of {@code total} records. */
    Timeline(final long total) {
        this.total = total;
    }

    void add(final double seconds, final long committed) {
        samples.add(new Sample(seconds, committed));
    }

    long total() {
        return total;
    }

    /** Records committed at the latest sample. */
    long committed() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).committed();
    }

    /** When processing began: the last sample with nothing committed yet (0, the API's start, if none). */
    double started() {
        double start = 0;
        for (final Sample sample : samples) {
            if (sample.committed() > 0) {
                break;
            }
            start = sample.seconds();
        }
        return start;
    }

    /** The moment {@code records} were committed, interpolated; NaN if they have not been. */
    double reached(final double records) {
        Sample before = new Sample(started(), 0);
        for (final Sample sample : samples) {
            if (sample.committed() >= records) {
                if (sample.committed() == before.committed()) {
                    return sample.seconds();
                }
                final double share = (records - before.committed()) / (sample.committed() - before.committed());
                return before.seconds() + share * (sample.seconds() - before.seconds());
            }
            before = sample;
        }
        return Double.NaN;
    }

    /** Records per second between the moments {@code from} and {@code to} records were committed; NaN if not both. */
    double rate(final double from, final double to) {
        final double start = from == 0 ? started() : reached(from);
        final double end = reached(to);
        return (to - from) / (end - start);
    }

    /** Records per second over the first 10 % of the input; NaN until it is processed. */
    double firstTenth() {
        return rate(0, total / 10.0);
    }

    /** Records per second over the last 10 % of the input; NaN until all is processed. */
    double lastTenth() {
        return rate(total * 0.9, total);
    }

    /** Records per second over the whole input, from the start of processing; NaN until all is processed. */
    double overall() {
        return rate(0, total);
    }

    /** Records per second over the last 10 % of what was processed so far (a run stopped early). */
    double latestTenthSoFar() {
        final long done = committed();
        return done == 0 ? Double.NaN : rate(done * 0.9, done);
    }

    /** Records per second from the start of processing to now. */
    double overallSoFar() {
        final long done = committed();
        return done == 0 ? Double.NaN : rate(0, done);
    }

    /** Records per second over the samples of the last {@code seconds}. */
    double recent(final double seconds) {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        final Sample last = samples.get(samples.size() - 1);
        Sample first = last;
        for (int i = samples.size() - 2; i >= 0 && last.seconds() - samples.get(i).seconds() <= seconds; i--) {
            first = samples.get(i);
        }
        return first == last ? Double.NaN : (last.committed() - first.committed()) / (last.seconds() - first.seconds());
    }
}
