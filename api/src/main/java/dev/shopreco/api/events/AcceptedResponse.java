package dev.shopreco.api.events;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to {@code POST /events}: every event of the request is on {@code shop.sessions}.
 *
 * @param accepted the number of events written
 */
@Serdeable
@Schema(description = "Events written to shop.sessions")
public record AcceptedResponse(@Schema(example = "2") int accepted) {
}
