package dev.shopreco.api.reco;

import dev.shopreco.api.streams.StoreUnavailableException;
import dev.shopreco.streams.content.ContentIndex;
import dev.shopreco.streams.content.SparseVector;
import dev.shopreco.streams.content.UserProfile;
import dev.shopreco.streams.model.PopularityRecommender;
import dev.shopreco.streams.model.ProductFilter;
import dev.shopreco.streams.state.RecoStateView;
import dev.shopreco.streams.state.ScoredProduct;
import dev.shopreco.streams.state.UserInteraction;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** Read-only answers that are not recommendations: a user's profile, the popularity list. */
@Singleton
public class StateQueries {

    private final Models models;

    public StateQueries(final Models models) {
        this.models = models;
    }

    /** The user's profile and history (empty lists for an unknown user); call on the user's owner. */
    public ProfileResponse profile(final long userId) {
        return read(() -> {
            final RecoStateView view = models.view();
            final List<UserInteraction> interactions = view.interactions(userId);
            final ContentIndex index = view.content();
            final SparseVector profile = UserProfile.of(interactions, index);
            final List<ProfileResponse.Category> categories = new ArrayList<>(profile.size());
            for (int i = 0; i < profile.size(); i++) {
                categories.add(new ProfileResponse.Category(index.term(profile.index(i)), profile.value(i)));
            }
            categories.sort(Comparator.comparingDouble(ProfileResponse.Category::relevance).reversed()
                    .thenComparing(ProfileResponse.Category::category));
            final List<ProfileResponse.Interaction> history = interactions.stream()
                    .map(i -> new ProfileResponse.Interaction(i.productId(), i.strengthSum(), i.strength(),
                            i.purchased(), Instant.ofEpochMilli(i.firstEventTime()).toString(),
                            Instant.ofEpochMilli(i.lastEventTime()).toString()))
                    .toList();
            return new ProfileResponse(userId, categories, history);
        });
    }

    /** The {@code n} most popular catalog products that pass {@code filter}; the same on every instance. */
    public PopularResponse popular(final int n, final ProductFilter filter) {
        return read(() -> new PopularResponse(PopularityRecommender.popular(models.view(), n, filter).stream()
                .map(p -> new PopularResponse.Entry(p.productId(), p.score())).toList()));
    }

    private static <T> T read(final Supplier<T> query) {
        try {
            return query.get();
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("The stores are migrating: " + e.getMessage(), e);
        }
    }
}
