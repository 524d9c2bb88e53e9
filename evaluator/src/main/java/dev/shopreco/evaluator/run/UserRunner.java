package dev.shopreco.evaluator.run;

import dev.shopreco.common.progress.Progress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongFunction;

/**
 * Runs the per-user work of a protocol on a fixed number of threads, with progress. Results come
 * back in the order of the users given, whatever thread computed them, so a protocol that adds
 * them up in that order gets the same figures, to the last bit, on one thread or many.
 */
public final class UserRunner {

    private final int threads;
    private final boolean progress;

    /**
     * @param threads  worker threads (at least 1)
     * @param progress show a progress bar on a terminal, periodic log lines otherwise
     */
    public UserRunner(final int threads, final boolean progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.progress = progress;
    }

    /** One thread, no progress (tests). */
    public static UserRunner sequential() {
        return new UserRunner(1, false);
    }

    /** {@code work} applied to every user, results in the order of {@code users}. */
    public <T> List<T> map(final String task, final List<Long> users, final LongFunction<T> work) {
        final ForkJoinPool pool = new ForkJoinPool(threads);
        try (Progress bar = Progress.start(task, users.size(), "users", progress ? System.err : null)) {
            return pool.submit(() -> users.parallelStream().map(user -> {
                final T result = work.apply(user);
                bar.step();
                return result;
            }).toList()).get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while evaluating", e);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
