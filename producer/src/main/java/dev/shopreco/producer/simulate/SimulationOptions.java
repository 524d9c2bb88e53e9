package dev.shopreco.producer.simulate;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The replay's {@code --simulate-clients} options (a picocli mixin). */
public final class SimulationOptions {

    @Option(names = "--simulate-clients", paramLabel = "URL",
            description = {"While replaying, act as the shop's clients: at the first event of each session ask the API at",
                "URL for the user's list (with the replay's clock in X-Shopreco-Event-Time) and click / buy its products",
                "as --sim-* says, as VIEW_PRODUCT / BUY_PRODUCT events of that session. Implies --no-resume.",
                "At the end, waits for the API's read-out of --experiment and prints it."})
    URI api;

    @Option(names = "--sim-seed", defaultValue = "1", paramLabel = "N", description = "Seed of every draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sim-list-length", defaultValue = "10", paramLabel = "N",
            description = "n of each request. Default: ${DEFAULT-VALUE}.")
    int listLength;

    @Option(names = "--sim-horizon", defaultValue = "P30D", paramLabel = "DURATION",
            description = "A product is relevant to the user if the data has the user viewing or buying it within this "
                    + "time after the list (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration horizon;

    @Option(names = "--sim-click-relevant", defaultValue = "0.30", paramLabel = "P",
            description = "Click probability of a relevant product. Default: ${DEFAULT-VALUE}.")
    double clickRelevant;

    @Option(names = "--sim-click-other", defaultValue = "0.02", paramLabel = "P",
            description = "Click probability of any other product. Default: ${DEFAULT-VALUE}.")
    double clickOther;

    @Option(names = "--sim-buy-purchased", defaultValue = "0.50", paramLabel = "P",
            description = "Purchase probability after a click when the data has the user buying the product within the "
                    + "horizon. Default: ${DEFAULT-VALUE}.")
    double buyPurchased;

    @Option(names = "--sim-buy-viewed", defaultValue = "0.10", paramLabel = "P",
            description = "Purchase probability after a click on a product the user only views. Default: ${DEFAULT-VALUE}.")
    double buyViewed;

    @Option(names = "--sim-buy-other", defaultValue = "0.02", paramLabel = "P",
            description = "Purchase probability after a click on a product that is not relevant. Default: ${DEFAULT-VALUE}.")
    double buyOther;

    @Option(names = "--sim-max-lag", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "Ask for a list only once the API's state (GET /state/clock) is within this much event time of "
                    + "the last event sent (paces the replay to the topology). Default: ${DEFAULT-VALUE}.")
    Duration maxLag;

    @Option(names = "--sim-max-wait", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "Wait at most this long (wall clock) for it, then ask anyway. Default: ${DEFAULT-VALUE}.")
    Duration maxWait;

    @Option(names = "--experiment", defaultValue = "${env:EXPERIMENT_NAME:-seed}", paramLabel = "NAME",
            description = "The API's experiment, whose read-out is printed at the end (env EXPERIMENT_NAME). Default: ${DEFAULT-VALUE}.")
    String experiment;

    @Option(names = "--readout-timeout", defaultValue = "PT3M", paramLabel = "DURATION",
            description = "How long to wait at the end for the read-out to count every list served. Default: ${DEFAULT-VALUE}.")
    Duration readoutTimeout;

    /** Whether clients are simulated. */
    public boolean enabled() {
        return api != null;
    }

    public URI api() {
        return api;
    }

    public long seed() {
        return seed;
    }

    public int listLength() {
        return listLength;
    }

    public String experiment() {
        return experiment;
    }

    public Duration readoutTimeout() {
        return readoutTimeout;
    }

    public Duration maxLag() {
        return maxLag;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** The click model of these options. */
    public ClickModel clickModel() {
        return new ClickModel(horizon, clickRelevant, clickOther, buyPurchased, buyViewed, buyOther);
    }
}
