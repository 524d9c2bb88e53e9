package dev.shopreco.producer;

import dev.shopreco.common.config.Durations;
import dev.shopreco.common.kafka.KafkaRefusal;
import dev.shopreco.producer.generate.GenerateCommand;
import dev.shopreco.producer.generate.StatsCommand;
import dev.shopreco.producer.replay.ReplayCommand;
import java.time.Duration;
import java.util.Optional;
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
        System.exit(new CommandLine(new ProducerCli()).registerConverter(Duration.class, Durations::parse)
                .setExecutionExceptionHandler(ProducerCli::refused).execute(args));
    }

    /** Kafka refusing the credentials is the user's to fix: one clear message, exit code 3, no stack trace. */
    static int refused(final Exception e, final CommandLine command, final CommandLine.ParseResult parsed)
            throws Exception {
        final Optional<KafkaRefusal> refusal = KafkaRefusal.of(e);
        if (refusal.isEmpty()) {
            throw e;
        }
        command.getErr().println(refusal.get().getMessage());
        return 3;
    }
}
