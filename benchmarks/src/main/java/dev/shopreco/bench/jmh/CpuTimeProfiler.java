package dev.shopreco.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's JVM spent per operation (every thread: the benchmark's, the JIT's, the
 * collector's), {@code -prof dev.shopreco.bench.jmh.CpuTimeProfiler}. On a shared machine the time per
 * operation measures the scheduler as much as the code; the CPU time per operation does not.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuBefore;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams) {
        cpuBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(final BenchmarkParams benchmarkParams,
            final IterationParams iterationParams, final IterationResult result) {
        final long ops = result.getMetadata().getAllOps();
        final double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        return List.of(new ScalarResult("·cpu.time.norm", ops == 0 ? Double.NaN : cpuMs / ops, "ms/op",
                AggregationPolicy.AVG));
    }
}
