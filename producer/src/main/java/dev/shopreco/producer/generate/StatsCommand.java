package dev.shopreco.producer.generate;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stats}: prints a data folder's statistics as a Markdown table. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        description = "Prints the statistics of a data folder (products, users, sessions as .jsonl or .jsonl.gz) as a "
                + "Markdown table: sizes, purchase and null shares, density, popularity, repeat behaviour, drift. "
                + "Streams the sessions: memory grows with (user, product) pairs, not with events.")
public final class StatsCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The data folder to describe.")
    Path data;

    @Override
    public Integer call() throws Exception {
        System.out.print(DataSetStats.compute(data).toMarkdown());
        return 0;
    }
}
