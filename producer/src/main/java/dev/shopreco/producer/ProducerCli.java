package dev.shopreco.producer;

import dev.shopreco.common.config.Durations;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.kafka.KafkaClientSettings;
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
        final Variables environment = Variables.ofEnvironment();
        final CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(final Class<K> type) throws Exception {
                return type == ReplayCommand.class ? type.cast(new ReplayCommand(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        System.exit(new CommandLine(new ProducerCli(), factory).registerConverter(Duration.class, Durations::parse)
                .setExecutionExceptionHandler((e, command, parsed) -> refused(e, command, environment))
                .execute(args));
    }

    /** Kafka refusing the credentials is the user's to fix: one clear message, exit code 3, no stack trace. */
    static int refused(final Exception e, final CommandLine command, final Variables environment) throws Exception {
        final Optional<KafkaRefusal> refusal = KafkaRefusal.isRefusal(e)
                ? KafkaRefusal.of(e, KafkaClientSettings.from(environment)) : Optional.empty();
        if (refusal.isEmpty()) {
            throw e;
        }
        command.getErr().println(refusal.get().getMessage());
        return 3;
    }
}
