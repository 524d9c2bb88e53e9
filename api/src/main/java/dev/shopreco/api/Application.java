package dev.shopreco.api;

import dev.shopreco.api.config.ConfigFile;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.util.Arrays;

/**
 * Starts the API: {@code java -jar api/target/api.jar}, configured by environment variables (or any
 * source Micronaut reads); {@code --help} prints every setting ({@code application.yml}) and exits.
 */
@OpenAPIDefinition(info = @Info(title = Application.TITLE, version = Application.VERSION,
        description = "Recommendations from live Kafka Streams state, with A/B routing and a served-answer log"))
public final class Application {

    /** The OpenAPI document's title. */
    public static final String TITLE = "shop-reco-api";
    /** The OpenAPI document's version. */
    public static final String VERSION = "0.1";

    private Application() {
    }

    /** What {@code --help} prints: the settings of {@code application.yml}. */
    public static String help() {
        return "Usage: java -jar api.jar [--help]\n\n"
                + "Serves recommendations from the Kafka Streams topology it hosts. Every setting below is an\n"
                + "environment variable (durations as 10s, 100ms, 5m or ISO-8601 PT10S), also settable by its\n"
                + "application.yml key (e.g. -Dstreams.threads=2).\n\n" + ConfigFile.load().table();
    }

    public static void main(final String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(help());
            return;
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
