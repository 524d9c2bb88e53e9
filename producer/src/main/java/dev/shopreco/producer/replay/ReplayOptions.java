package dev.shopreco.producer.replay;

import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.validation.SessionEventParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * What to replay and how.
 *
 * @param data             the data folder
 * @param bootstrapServers Kafka bootstrap servers
 * @param speed            multiple of real time; 0 = as fast as possible
 * @param from             first event time to send (inclusive), or null
 * @param to               last event time to send (exclusive), or null
 * @param limit            at most this many session events, or 0 for all
 * @param resume           skip what an earlier replay of the same files already delivered
 * @param deliveryTimeout  how long a record may wait for an unavailable broker before the replay stops
 * @param maxSortEvents    an unordered sessions file up to this many lines is sorted in memory
 * @param progress         show a progress bar (terminal) or periodic log lines
 * @param eventTimeMaxAhead session events dated further ahead of the wall clock are refused
 *                          ({@code EVENT_TIME_MAX_AHEAD}, as in the topology)
 * @param client           the Kafka client settings (SASL, TLS) of the replay's clients
 */
public record ReplayOptions(
        Path data,
        String bootstrapServers,
        double speed,
        LocalDateTime from,
        LocalDateTime to,
        long limit,
        boolean resume,
        Duration deliveryTimeout,
        int maxSortEvents,
        boolean progress,
        Duration eventTimeMaxAhead,
        KafkaClientSettings client) {

    /** The defaults for {@code data} and {@code bootstrapServers}: full speed, everything, resuming, no client settings. */
    public static ReplayOptions of(final Path data, final String bootstrapServers) {
        return new ReplayOptions(data, bootstrapServers, 0, null, null, 0, true, Duration.ofMinutes(10), 5_000_000, false,
                SessionEventParser.DEFAULT_MAX_AHEAD, KafkaClientSettings.NONE);
    }

    /** Whether an event at {@code time} is inside the requested time range. */
    boolean inRange(final LocalDateTime time) {
        return (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
    }
}
