package dev.shopreco.producer;

import dev.shopreco.producer.generate.GenerateCommand;
import dev.shopreco.producer.generate.StatsCommand;
import dev.shopreco.producer.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar producer.jar}: replay a data folder into Kafka, generate data sets, print their statistics. */
@Command(name = "producer.jar",
        mixinStandardHelpOptions = true,
        version = "shop-reco producer 0.1.0",
        description = "Feeds the shop's recorded sessions into Kafka and makes data sets to feed.",
        subcommands = {ReplayCommand.class, GenerateCommand.class, StatsCommand.class, CommandLine.HelpCommand.class})
public final class ProducerCli {

    public static void main(final String[] args) {
        System.exit(new CommandLine(new ProducerCli()).execute(args));
    }
}
