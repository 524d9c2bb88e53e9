package dev.shopreco.bench.jmh;

import dev.shopreco.streams.collaborative.EaseWeights;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * EASE's fit on EJML and on the hand-written inverse, alternated on one thread so that both see the
 * same machine: on a shared machine whose load drifts, {@link EaseFitBenchmark} runs the two minutes
 * apart. Prints, per round, each fit's CPU time and the bytes it allocated (this thread's counters),
 * then the medians and their ratio.
 */
@Command(name = "ease-fit",
        description = "EASE's fit at N products on EJML and on the hand-written inverse, alternated round by round "
                + "on one thread: CPU time and bytes allocated per fit, medians and their ratio.")
public final class PairedEaseFit implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "2000", description = "Products fitted. Default: 2000")
    int n;

    @Option(names = "--lambda", paramLabel = "X", defaultValue = "500", description = "λ. Default: 500")
    double lambda;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Measured rounds, after one round of warm-up. Default: 5")
    int rounds;

    @Override
    public Integer call() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final double[][] gram = EaseInput.gram(n, 42);
        final double[] ejmlCpu = new double[rounds];
        final double[] handCpu = new double[rounds];
        final long[] bytes = new long[2];
        System.out.printf(Locale.ROOT, "EASE fit, N = %d, λ = %.0f; CPU time of this thread per fit (load average "
                + "%.1f at the start)%n", n, lambda, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double checksum = 0;
        for (int round = -1; round < rounds; round++) {
            for (int which = 0; which < 2; which++) {
                // alternate which goes first, so that neither always follows the other's garbage
                final boolean ejml = (which == 0) == (round % 2 == 0);
                final long allocated = threads.getThreadAllocatedBytes(thread);
                final long cpu = threads.getCurrentThreadCpuTime();
                final double[][] b = ejml ? EaseWeights.of(gram, lambda)
                        : EaseFitBenchmark.fitOnHandWrittenInverse(gram, lambda);
                final double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                bytes[ejml ? 0 : 1] = threads.getThreadAllocatedBytes(thread) - allocated;
                checksum += b[n / 2][n / 3];
                if (round >= 0) {
                    (ejml ? ejmlCpu : handCpu)[round] = seconds;
                    System.out.printf(Locale.ROOT, "  round %d %-12s %7.2f s CPU, %,d bytes allocated, load %.1f%n",
                            round + 1, ejml ? "EJML" : "hand-written", seconds, bytes[ejml ? 0 : 1],
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
        final double ejml = median(ejmlCpu);
        final double hand = median(handCpu);
        System.out.printf(Locale.ROOT, "median CPU per fit: EJML %.2f s, hand-written %.2f s: EJML takes %.2f of the "
                + "hand-written time; allocated per fit: EJML %.1f MiB, hand-written %.1f MiB (B and P are %.1f MiB "
                + "each) [checksum %.3e]%n", ejml, hand, ejml / hand, bytes[0] / 1048576.0, bytes[1] / 1048576.0,
                8.0 * n * n / 1048576.0, checksum);
        return 0;
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
