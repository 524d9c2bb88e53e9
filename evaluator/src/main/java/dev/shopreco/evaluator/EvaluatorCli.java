package dev.shopreco.evaluator;

import dev.shopreco.common.config.Durations;
import dev.shopreco.common.config.Variables;
import dev.shopreco.common.kafka.KafkaClientSettings;
import dev.shopreco.common.kafka.KafkaRefusal;
import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.bootstrap.BootstrapSettings;
import dev.shopreco.evaluator.protocol.EvaluationResult;
import dev.shopreco.evaluator.protocol.ModelRegistry;
import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.Protocol;
import dev.shopreco.evaluator.protocol.SeedProtocol;
import dev.shopreco.evaluator.protocol.TemporalProtocol;
import dev.shopreco.evaluator.report.MarkdownReport;
import dev.shopreco.evaluator.report.Plots;
import dev.shopreco.evaluator.report.ResultsJson;
import dev.shopreco.evaluator.run.UserRunner;
import dev.shopreco.evaluator.snapshot.DataFolderSnapshot;
import dev.shopreco.evaluator.snapshot.KafkaSnapshot;
import dev.shopreco.evaluator.snapshot.Snapshot;
import dev.shopreco.evaluator.snapshot.SnapshotFile;
import dev.shopreco.evaluator.tuning.HybridTuning;
import dev.shopreco.evaluator.tuning.Cuts;
import dev.shopreco.evaluator.tuning.ItemEaseTuning;
import dev.shopreco.evaluator.tuning.UserKnnTuning;
import dev.shopreco.streams.collaborative.GramSettings;
import dev.shopreco.streams.model.Recommenders;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluator.jar}: scores every served model on a snapshot of the cleaned interactions. */
@Command(name = "evaluator.jar", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        version = "shop-reco evaluator 0.1.0",
        description = {
            "Scores every model the API serves (" + Recommenders.NAMES + ") through the shared",
            "Recommender interface on a snapshot of the cleaned, weighted interactions (shop.interactions); the temporal",
            "protocol adds two offline reference baselines, EASE and USER_KNN_OFFLINE, tuned on a validation cut of the",
            "training part.",
            "Prints a Markdown table on stdout; writes OUT/results.json and PNG plots of recall@K and NDCG@K.",
            "Paired bootstrap over test users: intervals of recall@10 and NDCG@10, and of each served model's",
            "difference to POPULARITY and to the best offline baseline (--resamples, --confidence).",
            "Deterministic for a given snapshot and seed, whatever the number of threads.",
            "",
            "Protocols:",
            "  seed      the original's (docs/design.md §7): 80/20 stratified split of event rows, models fitted on ALL rows",
            "            (leaks the test set; reproduces the original's table), 100 sampled negatives, recall@5/@10.",
            "  temporal  ours: global time cut, models fitted before it, full catalog ranked; recall, NDCG, MAP,",
            "            coverage @10 and fallback share, for all products after the cut and for new ones only.",
            ""})
public final class EvaluatorCli implements Callable<Integer> {

    /** Exactly one snapshot source. */
    static final class Source {
        @Option(names = "--data", paramLabel = "DIR", required = true,
                description = "Data folder (products.jsonl, sessions.jsonl or .jsonl.gz) read through the batch reference, no broker needed.")
        Path data;

        @Option(names = "--snapshot", paramLabel = "FILE", required = true,
                description = "A snapshot saved earlier with --save-snapshot: repeats an evaluation exactly (its SHA-256 goes into the results).")
        Path snapshot;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true,
                description = "Read shop.interactions (read_committed) and shop.products from a running system, up to the "
                        + "end offsets taken at start (recorded in the results).")
        String bootstrapServers;
    }

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Snapshot source (exactly one):%n")
    private Source source;

    @Option(names = "--save-snapshot", paramLabel = "FILE",
            description = "Also save the snapshot to FILE (JSON Lines, gzip if it ends in .gz) for --snapshot later.")
    private Path saveSnapshot;

    @Option(names = "--protocol", defaultValue = "temporal", paramLabel = "seed|temporal",
            description = "seed (the original's, leaks the test set) or temporal (ours). Default: ${DEFAULT-VALUE}.")
    private String protocol;

    @Option(names = "--out", defaultValue = "evaluation", paramLabel = "DIR",
            description = "Folder for results.json and the plots. Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seeds the split and negatives (seed) and the Random model (both). Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--test-share", defaultValue = "0.2", paramLabel = "X",
            description = "seed: share of event rows in the test part. Default: ${DEFAULT-VALUE}.")
    private double testShare;

    @Option(names = "--min-products", defaultValue = "2", paramLabel = "N",
            description = "seed: users with fewer distinct products are left out. Default: ${DEFAULT-VALUE}.")
    private int minProducts;

    @Option(names = "--negatives", defaultValue = "100", paramLabel = "N",
            description = "seed: sampled negatives per test pair. Default: ${DEFAULT-VALUE}.")
    private int negatives;

    @Option(names = "--cut", paramLabel = "TIME",
            description = "temporal: the cut as an ISO local date-time (e.g. 2021-01-01T00:00:00); overrides --cut-quantile.")
    private LocalDateTime cut;

    @Option(names = "--cut-quantile", defaultValue = "0.8", paramLabel = "Q",
            description = "temporal: cut at this quantile of event time. Default: ${DEFAULT-VALUE}.")
    private double cutQuantile;

    @Option(names = "--max-k", defaultValue = "20", paramLabel = "K",
            description = "Curves (results.json, plots) for K = 1..K; at least 10. Default: ${DEFAULT-VALUE}.")
    private int maxK;

    @Option(names = "--resamples", defaultValue = "" + BootstrapSettings.RESAMPLES, paramLabel = "N",
            description = "Bootstrap resamples of the test users for the intervals of recall@10 and NDCG@10 and of "
                    + "the paired differences (seeded with --seed); 0 = point figures only. Default: ${DEFAULT-VALUE}.")
    private int resamples;

    @Option(names = "--confidence", defaultValue = "" + BootstrapSettings.CONFIDENCE, paramLabel = "X",
            description = "Confidence level of the bootstrap intervals, in (0, 1). Default: ${DEFAULT-VALUE}.")
    private double confidence;

    @Option(names = "--models", split = ",", paramLabel = "NAME",
            description = "Only these models (API names, or EASE / USER_KNN_OFFLINE for temporal; comma-separated). "
                    + "Default: every served model, and for temporal also EASE and USER_KNN_OFFLINE.")
    private List<String> models;

    @Option(names = "--gram-window", paramLabel = "N",
            description = "Temporal protocol: the served ITEM_EASE counts the last N products of each user in "
                    + "co-occurrence, as the topology's ITEM_GRAM_USER_WINDOW (default: ${DEFAULT-VALUE}).")
    private int gramWindow = GramSettings.DEFAULT.userWindow();

    @Option(names = "--gram-products", paramLabel = "N",
            description = "Temporal protocol: item Gram cells for the N products with the most users, as the "
                    + "topology's ITEM_EASE_MAX_PRODUCTS (default: ${DEFAULT-VALUE}).")
    private int gramProducts = GramSettings.DEFAULT.keptProducts();

    @Option(names = "--knn-users-per-product", paramLabel = "N",
            description = "Temporal protocol: the served USER_KNN reads, per kept product, its N most recent users, as "
                    + "the topology's USER_KNN_USERS_PER_PRODUCT (default: ${DEFAULT-VALUE}).")
    private int gramUsersPerProduct = GramSettings.DEFAULT.usersPerProduct();

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for the per-user work. Default: the number of processors.")
    private Integer threads;

    @Option(names = "--snapshot-timeout", defaultValue = "PT2M", paramLabel = "DURATION",
            description = "--bootstrap-servers: give up when reading stalls this long. Default: ${DEFAULT-VALUE}.")
    private Duration snapshotTimeout;

    @Option(names = "--no-progress",
            description = "No progress output (by default: a bar on a terminal, a log line every 5 s otherwise).")
    private boolean noProgress;

    @Spec
    private CommandSpec spec;

    private final PrintStream stdout;
    private final KafkaClientSettings client;

    /** A CLI that prints on {@code System.out}, its Kafka clients with no client settings (tests). */
    public EvaluatorCli() {
        this(System.out);
    }

    /** A CLI that prints its report on {@code stdout}, its Kafka clients with no client settings (tests). */
    public EvaluatorCli(final PrintStream stdout) {
        this(stdout, KafkaClientSettings.NONE);
    }

    /** A CLI that prints its report on {@code stdout} and gives its Kafka clients {@code client}. */
    public EvaluatorCli(final PrintStream stdout, final KafkaClientSettings client) {
        this.stdout = stdout;
        this.client = client;
    }

    public static void main(final String[] args) {
        final KafkaClientSettings client = KafkaClientSettings.from(Variables.ofEnvironment());
        System.exit(new CommandLine(new EvaluatorCli(System.out, client)).registerConverter(Duration.class,
                Durations::parse).setExecutionExceptionHandler((e, command, parsed) -> {
            // Kafka refusing the credentials is the user's to fix: one clear message, exit code 3
            final java.util.Optional<KafkaRefusal> refusal = KafkaRefusal.of(e, client);
            if (refusal.isEmpty()) {
                throw e;
            }
            command.getErr().println(refusal.get().getMessage());
            return 3;
        }).execute(args));
    }

    @Override
    public Integer call() {
        final long start = System.nanoTime();
        final Protocol chosen = protocol();
        final Snapshot snapshot = load();
        if (saveSnapshot != null) {
            SnapshotFile.write(snapshot, saveSnapshot);
            System.err.printf("Saved the snapshot to %s (SHA-256 %s)%n", saveSnapshot, SnapshotFile.sha256(saveSnapshot));
        }
        final ModelRegistry registry = registry(chosen);
        final int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        final EvaluationResult result = chosen.run(snapshot, registry.select(models), new UserRunner(workers, !noProgress));
        stdout.print(MarkdownReport.render(result));
        stdout.flush();
        final Path json = ResultsJson.write(result, out);
        final List<Path> plots = Plots.write(result, out);
        System.err.printf(Locale.ROOT, "Wrote %s and %d plots in %.1f s%n", json, plots.size(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /**
     * The served models, plus the offline baselines under the temporal protocol only: the seed
     * protocol fits every model on the test part too, where a tuned baseline would measure nothing.
     */
    private ModelRegistry registry(final Protocol chosen) {
        ModelRegistry registry = ModelRegistry.served(SeedProtocol.NAME.equals(chosen.name()));
        if (TemporalProtocol.NAME.equals(chosen.name())) {
            // the served ITEM_EASE and HYBRID choose their settings on the validation cut, as the baselines do
            final Cuts cuts = new Cuts(cutQuantile);
            final ItemEaseTuning itemEase = new ItemEaseTuning(cuts);
            final UserKnnTuning userKnn = new UserKnnTuning(cuts);
            registry = registry.with(itemEase.spec()).with(userKnn.spec()).with(HybridTuning.spec(itemEase, userKnn));
            for (final ModelSpec baseline : Baselines.all(cutQuantile)) {
                registry = registry.with(baseline);
            }
        }
        return registry;
    }

    private Protocol protocol() {
        final BootstrapSettings bootstrap;
        try {
            bootstrap = new BootstrapSettings(resamples, confidence, seed);
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return switch (protocol.trim().toLowerCase(Locale.ROOT)) {
            case SeedProtocol.NAME -> new SeedProtocol(new SeedProtocol.Settings(seed, testShare, minProducts,
                    negatives, maxK, bootstrap));
            case TemporalProtocol.NAME -> new TemporalProtocol(new TemporalProtocol.Settings(seed, cut, cutQuantile,
                    maxK, bootstrap, new GramSettings(gramWindow, gramProducts, gramUsersPerProduct)));
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--protocol must be seed or temporal, got '" + protocol + "'");
        };
    }

    private Snapshot load() {
        if (source.data != null) {
            return DataFolderSnapshot.read(source.data);
        }
        if (source.snapshot != null) {
            return SnapshotFile.read(source.snapshot);
        }
        return KafkaSnapshot.read(source.bootstrapServers, snapshotTimeout, client);
    }
}
