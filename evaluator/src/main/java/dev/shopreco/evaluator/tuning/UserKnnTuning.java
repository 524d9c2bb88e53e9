package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.baseline.Baselines;
import dev.shopreco.evaluator.baseline.Baselines.KnnSetting;
import dev.shopreco.evaluator.protocol.ModelSpec;
import dev.shopreco.evaluator.protocol.TrainingSet;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.model.UserKnnFits;
import dev.shopreco.streams.model.UserKnnRecommender;
import dev.shopreco.streams.model.UserKnnSettings;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The served USER_KNN as the temporal protocol scores it: k and weighting chosen per {@link Variant}
 * on a validation cut of the training part, over the offline user-kNN's grid, then fitted on the
 * whole training part. It is the model the API serves (streams-app's {@link UserKnnRecommender} on
 * the postings of the state, which cover what the topology's would); the chosen settings are what to
 * give the API ({@code reco.user-knn.*}) for data like this.
 *
 * <p>One instance per evaluation: the search runs once per training set and serves both USER_KNN and
 * HYBRID, whose user-kNN signal is USER_KNN with the same settings ({@link HybridTuning}).
 */
public final class UserKnnTuning {

    /**
     * What the validation cut chose.
     *
     * @param cut       the validation cut of the training set
     * @param settings  the chosen setting per list kind
     * @param described the tuning as {@code results.json} records it
     */
    public record Choice(ValidationCut cut, UserKnnSettings settings, Map<String, Object> described) {
    }

    private final Cuts cuts;
    private final Map<TrainingSet, Choice> chosen = new IdentityHashMap<>();

    /** Tuning on the validation cuts of {@code cuts} (shared with the other tuned models). */
    public UserKnnTuning(final Cuts cuts) {
        this.cuts = cuts;
    }

    /** USER_KNN, tuned as {@link #choose} says. */
    public ModelSpec spec() {
        return ModelSpec.of(Recommenders.USER_KNN, true, training -> {
            final Choice choice = choose(training);
            final Recommender model = new UserKnnRecommender(training.state(), choice.settings(),
                    UserKnnFits.lazy(training.state(), Recommenders.maxNeighbours(choice.settings())));
            return new VariantRecommender(Recommenders.USER_KNN, model, model, choice.described());
        });
    }

    /**
     * Searches the offline user-kNN's grid ({@link Baselines#knnGrid()}) on the validation cut of
     * {@code training}, per variant; the first call for a training set searches, later ones return its
     * choice.
     */
    public synchronized Choice choose(final TrainingSet training) {
        return chosen.computeIfAbsent(training, this::search);
    }

    private Choice search(final TrainingSet training) {
        final ValidationCut cut = cuts.of(training);
        final List<KnnSetting> grid = Baselines.knnGrid();
        // k only truncates the lists: one fit per weighting, with lists as long as the grid's largest k
        final int longest = grid.stream().mapToInt(KnnSetting::k).max().orElseThrow();
        final UserKnnFits fits = UserKnnFits.lazy(cut.fitPart().state(), longest);
        final Tuning<KnnSetting> tuning = Tuning.run(cut, grid, (set, setting) ->
                new UserKnnRecommender(set.state(), new UserKnnSettings(params(setting), params(setting)), fits));
        final UserKnnSettings settings = new UserKnnSettings(params(tuning.best(Variant.ALL).parameter()),
                params(tuning.best(Variant.NEW).parameter()));
        return new Choice(cut, settings, tuning.describe());
    }

    private static UserKnnSettings.Params params(final KnnSetting setting) {
        return new UserKnnSettings.Params(setting.k(), setting.weighting());
    }
}
