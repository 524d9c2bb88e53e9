package dev.shopreco.bench;

import dev.shopreco.bench.jmh.PairedEaseFit;
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
        description = "Benchmarks (not tests): JMH micro-benchmarks and the EASE fit comparison.",
        subcommands = {Benchmarks.Jmh.class, PairedEaseFit.class, CommandLine.HelpCommand.class})
public final class Benchmarks {

    public static void main(final String[] args) {
        final CommandLine commandLine = new CommandLine(new Benchmarks());
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
}
