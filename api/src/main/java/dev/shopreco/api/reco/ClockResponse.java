package dev.shopreco.api.reco;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far this instance's state has got in the shop's time.
 *
 * @param eventTime newest event time its topology has read (epoch ms), null before the first event
 * @param instance  this instance ({@code host:port})
 */
@Serdeable
@Schema(description = "The newest event time this instance's topology has read")
public record ClockResponse(
        @JsonProperty("event_time") @Nullable @Schema(example = "1583056800000", nullable = true) Long eventTime,
        @Schema(example = "127.0.0.1:8080") String instance) {
}
