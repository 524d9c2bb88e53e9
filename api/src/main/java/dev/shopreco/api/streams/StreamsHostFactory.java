package dev.shopreco.api.streams;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The hosted Kafka Streams instance's settings, from {@code application.yml} (each overridable by environment). */
@Factory
public class StreamsHostFactory {

    @Singleton
    StreamsHostSettings streamsHostSettings(
            @Value("${kafka.bootstrap.servers}") final String bootstrapServers,
            @Value("${streams.application-id:shop-reco}") final String applicationId,
            @Value("${streams.state-dir:}") final String stateDir,
            @Value("${streams.application-server:}") final String applicationServer,
            @Value("${streams.advertised-host:127.0.0.1}") final String advertisedHost,
            @Value("${streams.create-topics:true}") final boolean createTopics) {
        return new StreamsHostSettings(bootstrapServers, applicationId, stateDir, applicationServer, advertisedHost,
                createTopics);
    }
}
