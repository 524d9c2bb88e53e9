package dev.shopreco.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopreco.api.streams.KafkaStreamsHost;
import dev.shopreco.common.json.Json;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Every instance's status, collected by whichever instance is asked: its own from {@link InstanceStatus},
 * the others' from their {@code GET /state/instance}, found through Kafka Streams' metadata of the
 * application's clients. An instance that does not answer within {@link #TIMEOUT} is listed as
 * {@code UNREACHABLE} with the partitions and stores the metadata gives it.
 */
@Singleton
public class SystemStatus {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaStreamsHost host;
    private final InstanceStatus local;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public SystemStatus(final KafkaStreamsHost host, final InstanceStatus local) {
        this.host = host;
        this.local = local;
    }

    /** The JSON {@code {"collected_by": ..., "instances": [...]}}, instances by {@code host:port}. */
    public CompletableFuture<String> collect(final Map<String, String> headers) {
        final HostInfo self = host.self();
        final Map<String, StreamsMetadata> others = new LinkedHashMap<>();
        final KafkaStreams streams = host.streams();
        if (streams != null) {
            try {
                for (final StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
                    if (!metadata.hostInfo().equals(self)) {
                        others.put(metadata.hostInfo().host() + ":" + metadata.hostInfo().port(), metadata);
                    }
                }
            } catch (final RuntimeException e) {
                // not running: this instance alone
            }
        }
        final List<CompletableFuture<JsonNode>> parts = new ArrayList<>();
        parts.add(CompletableFuture.completedFuture(Json.mapper().valueToTree(local.now())));
        others.forEach((id, metadata) -> parts.add(fetch(id, metadata, headers)));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            final ObjectNode body = Json.mapper().createObjectNode();
            body.put("collected_by", host.instanceId());
            final ArrayNode instances = body.putArray("instances");
            parts.stream().map(CompletableFuture::join)
                    .sorted((a, b) -> a.path("instance").asText().compareTo(b.path("instance").asText()))
                    .forEach(instances::add);
            return body.toString();
        });
    }

    private CompletableFuture<JsonNode> fetch(final String id, final StreamsMetadata metadata,
            final Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + id + "/state/instance"))
                .timeout(TIMEOUT).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return unreachable(id, metadata, "HTTP " + response.statusCode());
                    }
                    try {
                        return Json.mapper().readTree(response.body());
                    } catch (final IOException e) {
                        return unreachable(id, metadata, "not JSON: " + e.getMessage());
                    }
                })
                .exceptionally(error -> unreachable(id, metadata, String.valueOf(error.getCause() != null
                        ? error.getCause() : error)));
    }

    private static JsonNode unreachable(final String id, final StreamsMetadata metadata, final String error) {
        final ObjectNode node = Json.mapper().createObjectNode();
        node.put("instance", id);
        node.put("state", "UNREACHABLE");
        node.put("error", error);
        node.set("partitions", Json.mapper().valueToTree(InstanceStatus.byTopic(metadata.topicPartitions())));
        node.set("standby_partitions",
                Json.mapper().valueToTree(InstanceStatus.byTopic(metadata.standbyTopicPartitions())));
        node.set("stores", Json.mapper().valueToTree(new java.util.TreeSet<>(metadata.stateStoreNames())));
        return node;
    }
}
