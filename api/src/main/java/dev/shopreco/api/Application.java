package dev.shopreco.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Starts the API: {@code java -jar api/target/api.jar}, configured by environment variables. */
@OpenAPIDefinition(info = @Info(title = "shop-reco-api", version = "0.1",
        description = "Recommendations from live Kafka Streams state, with A/B routing and a served-answer log"))
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
