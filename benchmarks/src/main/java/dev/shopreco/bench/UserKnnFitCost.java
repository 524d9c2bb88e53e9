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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What one background refit of USER_KNN costs on a data set's final state: the postings the topology
 * would publish (streams-app's {@code CoOccurrence.postings}, equal to the topology's by the
 * invariant), then, as {@code UserKnnRefitter} does, the matrix of the postings and the neighbour
 * list of every user with a row, on one thread. Per users-per-product cap M: the postings, the
 * users with a row, the candidates a list reads, CPU time and bytes allocated. The read of the
 * global store that precedes a refit in the API is not included.
 */
@Command(name = "user-knn-fit",
        description = "USER_KNN's refit on a data set's final state, per users-per-product cap M: postings, users "
                + "with a row, CPU time and bytes allocated of the matrix and of every user's neighbour list.")
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
            for (final SortedMap<Long, ?> users : postings.byProduct().values()) {
                largest = Math.max(largest, users.size());
                squares += (long) users.size() * users.size();
            }
            final long cpu = threads.getCurrentThreadCpuTime();
            final long allocated = threads.getThreadAllocatedBytes(thread);
            final UserKnnIndex index = UserKnnIndex.of(postings, Weighting.LOG);
            final double indexSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            final long indexBytes = threads.getThreadAllocatedBytes(thread) - allocated;
            long neighbours = 0;
            double checksum = 0;
            for (int row = 0; row < index.users(); row++) {
                final UserKnnIndex.Neighbours list = index.neighbours(row, k);
                neighbours += list.size();
                checksum += list.size() == 0 ? 0 : list.similarities()[0];
            }
            final double listSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9 - indexSeconds;
            final long listBytes = threads.getThreadAllocatedBytes(thread) - allocated - indexBytes;
            System.out.printf(Locale.ROOT, "M = %,d (H = %d, N = %,d): %,d postings on %,d products (largest %,d "
                            + "users), %,d of %,d users with a row; candidate reads Σ users(p)² = %,d%n", cap,
                    gram.userWindow(), gram.keptProducts(), postings.size(), postings.byProduct().size(), largest,
                    index.users(), histories.size(), squares);
            System.out.printf(Locale.ROOT, "  matrix: %.2f s CPU, %.1f MiB allocated; lists of k = %d for every user "
                            + "with a row: %.2f s CPU (%.3f ms a user), %.1f MiB allocated, %,d neighbours in all; "
                            + "load %.1f [checksum %.6f]%n", indexSeconds, indexBytes / 1048576.0, k, listSeconds,
                    index.users() == 0 ? 0 : 1000 * listSeconds / index.users(), listBytes / 1048576.0, neighbours,
                    load(), checksum);
        }
        return 0;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
