package dev.shopreco.api.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's ceiling: a Micronaut endpoint that answers a fixed JSON of the size of a real
 * answer from memory, so that a load test measures this stack (Netty, routing, HTTP codec) with no
 * state, no scoring and no served log. Off unless {@code BENCH_FIXED_ENDPOINT=true}.
 */
@Controller
@Hidden
@Requires(property = "bench.fixed-endpoint", value = "true")
public class FixedAnswerController {

    /** A real answer's shape and size (10 products, a variant). */
    private static final byte[] ANSWER = ("{\"id\":\"3f2d6c0e-9a57-4b8e-8c1b-2f0b7c9d1e11\",\"date\":\"2026-11-28 09:15:02\","
            + "\"user_id\":551,\"model\":\"CONTENT_BASE\",\"products\":[1001,1002,1003,1004,1005,1006,1007,1008,1009,"
            + "1010],\"variant\":\"CONTENT_BASE\",\"fallback\":false}").getBytes(StandardCharsets.UTF_8);

    @Get(uri = "/bench/fixed", produces = MediaType.APPLICATION_JSON)
    public byte[] fixed() {
        return ANSWER;
    }
}
