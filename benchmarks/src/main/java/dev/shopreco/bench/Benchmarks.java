package dev.shopreco.bench;

import dev.shopreco.bench.jmh.PairedEaseFit;
import dev.shopreco.bench.scale.ScaleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code java -jar benchmarks.jar}: the project's benchmarks, one subcommand each. */
@Command(name = "benchmarks.jar",
        mixinStandardHelpOptions = true,
        version = "shop-reco benchmarks 0.1.0",
        description = "Benchmarks (not tests): JMH micro-benchmarks, the topology against a raw ceiling, "
                + "and the scale run of the real jars.",
        subcommands = {ScaleCommand.class, Benchmarks.Topology.class, Benchmarks.Jmh.class, PairedEaseFit.class,
                UserKnnFitCost.class, Freshness.class,
                CommandLine.HelpCommand.class})
public final class Benchmarks {

    public static void main(final String[] args) {
        final CommandLine commandLine = new CommandLine(new Benchmarks())
                .registerConverter(java.time.Duration.class, dev.shopreco.common.config.Durations::parse);
        // JMH's options (-f, -prof, -h ...) are its own: pass them through untouched
        commandLine.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        System.exit(commandLine.execute(args));
    }

    /** JMH's own command line ({@code org.openjdk.jmh.Main}), e.g. {@code jmh EaseFitBenchmark -prof gc}. */
    @Command(name = "jmh",
            description = "Runs JMH micro-benchmarks; every argument goes to JMH (-h for its options, -l to list).")
    static final class Jmh implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "JMH_ARGS", description = "JMH's arguments")
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
            return 0;
        }
    }

    /** {@link TopologyBench}: the topology's throughput next to a raw produce/consume ceiling, in one run. */
    @Command(name = "topology",
            description = {"The topology's throughput next to the raw produce/consume ceiling of the same records on "
                    + "the same (fresh, empty) broker, in one run. -Dbench.framework=false skips the framework "
                    + "passes, -Dbench.topology=false the topology (java -Dbench...=false -jar benchmarks.jar ...)."})
    static final class Topology implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DATA_DIR", description = "the data folder to load")
        String data;

        @Parameters(index = "1", paramLabel = "BOOTSTRAP_SERVERS", description = "an empty broker, HOST:PORT")
        String bootstrap;

        @Override
        public Integer call() throws Exception {
            TopologyBench.main(new String[] {data, bootstrap});
            return 0;
        }
    }
}
