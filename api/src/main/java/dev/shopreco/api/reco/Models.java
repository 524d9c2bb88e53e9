package dev.shopreco.api.reco;

import dev.shopreco.api.streams.LocalState;
import dev.shopreco.streams.model.ModelSettings;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.model.Recommenders;
import dev.shopreco.streams.state.RecoStateView;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** streams-app's models over this instance's state, by API name. */
@Singleton
public class Models {

    private final LocalState state;
    private final long randomSeed;
    private final ModelSettings settings;
    private final ItemEaseRefitter itemEaseFits;
    private final UserKnnRefitter userKnnFits;
    private volatile Map<String, Recommender> models;
    private volatile RecoStateView modelsView;

    public Models(final LocalState state, final RecoSettings reco, final ModelSettings settings,
            final ItemEaseRefitter itemEaseFits, final UserKnnRefitter userKnnFits) {
        this.state = state;
        this.randomSeed = reco.randomSeed();
        this.settings = settings;
        this.itemEaseFits = itemEaseFits;
        this.userKnnFits = userKnnFits;
    }

    /** Every model's API name. */
    public List<String> names() {
        return Recommenders.names();
    }

    /**
     * The API name of the model called {@code name}: case-insensitive, {@code -} for {@code _}.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    public String canonical(final String name) {
        final String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!names().contains(upper)) {
            throw new ModelNotFoundException(name, names());
        }
        return upper;
    }

    /** The model {@code name} (an API name, see {@link #canonical}). */
    public Recommender get(final String name) {
        final RecoStateView view = state.view();
        Map<String, Recommender> current = models;
        if (current == null || modelsView != view) {
            current = Recommenders.all(view, randomSeed, settings, itemEaseFits, userKnnFits);
            models = current;
            modelsView = view;
        }
        final Recommender model = current.get(name);
        if (model == null) {
            throw new ModelNotFoundException(name, names());
        }
        return model;
    }

    /** The state the models read. */
    public RecoStateView view() {
        return state.view();
    }
}
