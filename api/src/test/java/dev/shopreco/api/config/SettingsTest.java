package dev.shopreco.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopreco.api.experiment.Experiment;
import dev.shopreco.api.health.HealthSettings;
import dev.shopreco.api.reco.RecoSettings;
import dev.shopreco.api.served.ServedLogSettings;
import dev.shopreco.api.streams.StreamsHostSettings;
import dev.shopreco.common.config.Setting;
import dev.shopreco.common.kafka.TopicSettings;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.topology.StreamsSettings;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One configuration model: {@code application.yml} lists every setting of the API and of the
 * topology it hosts, once, with the defaults the settings records have; the factory builds the
 * records from it, in either duration syntax, and names the variable of a bad value.
 */
class SettingsTest {

    private final ConfigFile file = ConfigFile.load();

    @Test
    void theFileListsEveryTopologyAndTopicSettingOnceWithTheSameDefault() {
        final List<Setting> settings = new ArrayList<>(StreamsSettings.SETTINGS);
        settings.addAll(TopicSettings.SETTINGS);
        for (final Setting setting : settings) {
            if (setting.name().contains("<")) {
                continue;
            }
            final List<ConfigFile.Row> rows = file.rows().stream()
                    .filter(row -> row.variable().equals(setting.name())).toList();
            assertEquals(1, rows.size(), setting.name() + " in application.yml: " + rows);
            assertEquals(setting.fallback(), rows.get(0).fallback(), "default of " + setting.name());
        }
    }

    @Test
    void everySettingHasOneKeyAndAMeaning() {
        final Map<String, Long> perVariable = file.rows().stream()
                .collect(Collectors.groupingBy(ConfigFile.Row::variable, Collectors.counting()));
        perVariable.forEach((variable, count) -> assertEquals(1L, count, variable + " overrides one key"));
        file.rows().forEach(row -> assertFalse(row.meaning().isBlank(), row.key() + " has a comment"));
        assertEquals("streams.session.gap", file.keyOf("SESSION_GAP"));
        assertTrue(file.notes().stream().anyMatch(note -> note.contains("STREAMS_KAFKA_<SETTING>")), file.notes().toString());
    }

    @Test
    void helpPrintsEverySettingOfTheFile() {
        final String help = dev.shopreco.api.Application.help();
        file.rows().forEach(row -> assertTrue(help.contains(row.variable()) && help.contains(row.key()), row.key()));
        assertTrue(help.contains("SHOP_TOPIC_PARTITIONS_<TOPIC>"), help);
    }

    @Test
    void theFactoryBuildsEveryRecordFromTheFileWithEitherDurationSyntax() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "streams.session.gap", "10m", "streams.popularity.flush-interval", "PT0.25S",
                "streams.item-gram.max-products", "500", "streams.ab.grace", "6h",
                "served-log.linger", "2ms", "streams-health.stall-timeout", "PT90S",
                "streams.state-dir", "/tmp/x", "experiment.rule", "hash", "reco.time-zone", "Europe/Warsaw"))) {
            final StreamsHostSettings host = context.getBean(StreamsHostSettings.class);
            assertEquals(Duration.ofMinutes(10), host.topology().sessionGap());
            assertEquals(Duration.ofMillis(250), host.topology().popularityFlushInterval());
            assertEquals(Duration.ofHours(6), host.topology().experiment().grace());
            assertEquals(500, host.topology().gram().keptProducts());
            assertEquals(500, context.getBean(ItemEaseSettings.class).maxProducts(),
                    "ITEM_EASE_MAX_PRODUCTS is one value for the topology and ITEM_EASE");
            assertEquals(Path.of("/tmp/x"), host.stateDirFor(8080));
            assertEquals("127.0.0.1:8123", host.topologyFor(8123).applicationServer());
            assertEquals(Duration.ofMillis(2), context.getBean(ServedLogSettings.class).linger());
            assertEquals(Duration.ofSeconds(90), context.getBean(HealthSettings.class).stallTimeout());
            assertEquals("hash", context.getBean(Experiment.class).rule().name());
            assertEquals("Europe/Warsaw", context.getBean(RecoSettings.class).timeZone().getId());
            assertNotNull(context.getBean(ModelSettings.class));
        }
    }

    @Test
    void aBadValueStopsTheStartNamingItsVariable() {
        final RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of("streams.session.gap", "soon"))) {
                context.getBean(StreamsHostSettings.class);
            }
        });
        assertTrue(messages(e).contains("SESSION_GAP: 'soon' is not a duration"), messages(e));
    }

    private static String messages(final Throwable error) {
        final StringBuilder all = new StringBuilder();
        for (Throwable e = error; e != null; e = e.getCause()) {
            all.append(e.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
