package dev.shopreco.evaluator.tuning;

import dev.shopreco.evaluator.protocol.TunedModel;
import dev.shopreco.streams.model.Exclusion;
import dev.shopreco.streams.model.Recommendation;
import dev.shopreco.streams.model.Recommender;
import dev.shopreco.streams.state.ScoredProduct;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model name backed by two fits of the same model, each tuned for one {@link Variant}: lists
 * that leave out everything the user touched (the "new" question) come from the fit tuned on "new",
 * every other list from the fit tuned on "all". An offline baseline sets the bar for both questions,
 * so it gets its best settings for each; when both variants chose the same point, both fields hold
 * the same model.
 */
public final class VariantRecommender implements Recommender, TunedModel {

    private final String name;
    private final Recommender all;
    private final Recommender fresh;
    private final Map<String, Object> tuning;

    /**
     * @param name   the name in the reports
     * @param all    the fit tuned on "all"
     * @param fresh  the fit tuned on "new"
     * @param tuning what was chosen (see {@link Tuning#describe()})
     */
    public VariantRecommender(final String name, final Recommender all, final Recommender fresh,
            final Map<String, Object> tuning) {
        this.name = name;
        this.all = all;
        this.fresh = fresh;
        this.tuning = new LinkedHashMap<>(tuning);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Recommendation recommend(final long userId, final int n, final Exclusion exclusion) {
        return pick(exclusion).recommend(userId, n, exclusion);
    }

    /** Ranks with the fit tuned on "all": nothing is excluded from a candidate list. */
    @Override
    public List<ScoredProduct> rank(final long userId, final Collection<Long> candidates) {
        return all.rank(userId, candidates);
    }

    @Override
    public List<ScoredProduct> rankCatalog(final long userId, final Exclusion exclusion) {
        return pick(exclusion).rankCatalog(userId, exclusion);
    }

    @Override
    public Map<String, Object> tuning() {
        return tuning;
    }

    private Recommender pick(final Exclusion exclusion) {
        return exclusion == Variant.NEW.exclusion() ? fresh : all;
    }
}
