package dev.shopreco.bench.jmh;

import dev.shopreco.streams.collaborative.EaseWeights;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EASE's fit at the sizes ITEM_EASE fits (N products, {@code ITEM_EASE_MAX_PRODUCTS}): the inverse of
 * {@code XᵀX + λI} by EJML's Cholesky ({@link CommonOps_DDRM#invertSPD}) against the hand-written one
 * ({@link HandWrittenSpdInverse}), and the whole fit ({@code B} from the Gram matrix) through
 * {@link EaseWeights} against the same steps on the hand-written inverse. Input from {@link EaseInput}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh EaseFitBenchmark -prof gc -prof dev.shopreco.bench.jmh.CpuTimeProfiler
 * </pre>
 * {@code -prof gc} adds {@code gc.alloc.rate.norm}: the bytes one fit allocates; {@link CpuTimeProfiler}
 * {@code cpu.time.norm}: the CPU time of one, which a busy machine does not inflate as it does the time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class EaseFitBenchmark {

    /** Products fitted. */
    @Param({"500", "1000", "2000"})
    public int n;

    /** ITEM_EASE's default λ ({@code ITEM_EASE_ALL_LAMBDA}). */
    @Param({"500"})
    public double lambda;

    private double[][] gram;
    private double[][] shifted;
    private DMatrixRMaj shiftedEjml;

    @Setup(Level.Trial)
    public void setUp() {
        gram = EaseInput.gram(n, 42);
        shifted = EaseInput.shifted(gram, lambda);
        shiftedEjml = new DMatrixRMaj(shifted);
    }

    @Benchmark
    public double[][] inverseHandWritten() {
        return HandWrittenSpdInverse.of(shifted);
    }

    @Benchmark
    public DMatrixRMaj inverseEjml() {
        final DMatrixRMaj p = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(shiftedEjml, p)) {
            throw new IllegalStateException("not positive definite");
        }
        return p;
    }

    @Benchmark
    public double[][] fitHandWritten() {
        return fitOnHandWrittenInverse(gram, lambda);
    }

    @Benchmark
    public double[][] fitEjml() {
        return EaseWeights.of(gram, lambda);
    }

    /** {@link EaseWeights#of}'s steps on the hand-written inverse: λ added to a copy, P, then B. */
    static double[][] fitOnHandWrittenInverse(final double[][] gram, final double lambda) {
        final int n = gram.length;
        final double[][] p = HandWrittenSpdInverse.of(EaseInput.shifted(gram, lambda));
        final double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = i == j ? 0.0 : -p[i][j] / p[j][j];
            }
        }
        return b;
    }
}
