package dev.shopreco.bench;

import dev.shopreco.streams.collaborative.CoOccurrence;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.knn.Postings;
import dev.shopreco.streams.knn.UserKnnIndex;
import dev.shopreco.streams.reference.BatchReference;
import dev.shopreco.streams.reference.ReferenceOptions;
import dev.shopreco.streams.reference.ReferenceResult;
import dev.shopreco.streams.state.InMemoryState;
import dev.shopreco.streams.state.UserInteraction;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What USER_KNN costs on a data set's final state: the postings the topology would publish
 * (streams-app's {@code CoOccurrence.postings}, equal to the topology's by the invariant), then, as
 * {@code UserKnnRefitter} does, the matrix of the postings (a background refit), then the neighbour
 * list of every user with a row, one at a time, as requests compute them. Per users-per-product cap
 * M: the postings, the users with a row, the candidates a list reads, CPU time and bytes allocated,
 * the bytes the matrix holds, and the p50 / p99 / max time of one list. On one thread; the read of
 * the global store that precedes a refit in the API is not included.
 */
@Command(name = "user-knn-fit",
        description = "USER_KNN on a data set's final state, per users-per-product cap M: postings, users with a "
                + "row, CPU time and bytes of the matrix (a refit), and the time of one user's neighbour list (a "
                + "request): p50, p99, max.")
public final class UserKnnFitCost implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA_DIR", description = "A data folder (products, sessions)")
    Path data;

    @Option(names = "--users-per-product", split = ",", paramLabel = "M", defaultValue = "1000",
            description = "The caps M to measure, comma-separated. Default: 1000")
    List<Integer> caps;

    @Option(names = "--k", paramLabel = "K", defaultValue = "100",
            description = "Neighbours per list (the longest default setting). Default: 100")
    int k;

    @Override
    public Integer call() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long started = System.nanoTime();
        final ReferenceResult reference = BatchReference.fromFolder(data, ReferenceOptions.defaults());
        final InMemoryState state = reference.state();
        final Map<Long, List<UserInteraction>> histories = new HashMap<>();
        state.users().forEach(user -> histories.put(user, state.interactions(user)));
        System.out.printf(Locale.ROOT, "%s: %,d interactions, %,d users, %,d products in the catalog; state built in "
                        + "%.0f s (load average %.1f)%n", data, reference.interactions().size(), histories.size(),
                reference.catalog().size(), (System.nanoTime() - started) / 1e9, load());
        for (final int cap : caps) {
            final GramSettings gram = new GramSettings(GramSettings.DEFAULT.userWindow(),
                    GramSettings.DEFAULT.keptProducts(), cap);
            final Postings postings = CoOccurrence.postings(histories, gram);
            int largest = 0;
            long squares = 0;
            for (int p = 0; p < postings.products(); p++) {
                final long users = postings.usersOf(p);
                largest = (int) Math.max(largest, users);
                squares += users * users;
            }
            final long cpu = threads.getCurrentThreadCpuTime();
            final long allocated = threads.getThreadAllocatedBytes(thread);
            final UserKnnIndex index = UserKnnIndex.of(postings, Weighting.LOG);
            final double indexSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            final long indexBytes = threads.getThreadAllocatedBytes(thread) - allocated;
            long neighbours = 0;
            double checksum = 0;
            final long[] nanos = new long[index.users()];
            for (int row = 0; row < index.users(); row++) {
                final long listStart = System.nanoTime();
                final UserKnnIndex.Neighbours list = index.neighbours(row, k);
                nanos[row] = System.nanoTime() - listStart;
                neighbours += list.size();
                checksum += list.size() == 0 ? 0 : list.similarities()[0];
            }
            Arrays.sort(nanos);
            final double listSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9 - indexSeconds;
            final long listBytes = threads.getThreadAllocatedBytes(thread) - allocated - indexBytes;
            System.out.printf(Locale.ROOT, "M = %,d (H = %d, N = %,d): %,d postings on %,d products (largest %,d "
                            + "users), %,d of %,d users with a row; candidate reads Σ users(p)² = %,d%n", cap,
                    gram.userWindow(), gram.keptProducts(), postings.size(), postings.products(), largest,
                    index.users(), histories.size(), squares);
            System.out.printf(Locale.ROOT, "  matrix: %.2f s CPU, %.1f MiB allocated, %.1f MiB held; lists of k = %d "
                            + "for every user with a row: %.2f s CPU (%.3f ms a user), %.1f MiB allocated, %,d "
                            + "neighbours in all; one list p50 %.3f ms, p99 %.3f ms, max %.3f ms; load %.1f "
                            + "[checksum %.6f]%n", indexSeconds, indexBytes / 1048576.0, index.bytes() / 1048576.0, k,
                    listSeconds, index.users() == 0 ? 0 : 1000 * listSeconds / index.users(), listBytes / 1048576.0,
                    neighbours, quantile(nanos, 0.50), quantile(nanos, 0.99), quantile(nanos, 1.0), load(), checksum);
        }
        return 0;
    }

    /** The q-quantile of sorted nanoseconds, in ms (0 when empty). */
    private static double quantile(final long[] sorted, final double q) {
        if (sorted.length == 0) {
            return 0.0;
        }
        final int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
