package dev.shopreco.api.reco;

import dev.shopreco.streams.collaborative.Weighting;
import dev.shopreco.streams.model.HybridSettings;
import dev.shopreco.streams.model.HybridWeights;
import dev.shopreco.streams.model.ItemEaseSettings;
import dev.shopreco.streams.model.ModelSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Locale;

/**
 * ITEM_EASE's and HYBRID's settings from {@code reco.item-ease.*} and {@code reco.hybrid.*}
 * (application.yml names the environment variables).
 */
@Factory
public class ModelSettingsFactory {

    @Singleton
    ItemEaseSettings itemEaseSettings(@Value("${reco.item-ease.max-products:2000}") final int maxProducts,
            @Value("${reco.item-ease.all.lambda:500}") final double allLambda,
            @Value("${reco.item-ease.all.weighting:log}") final String allWeighting,
            @Value("${reco.item-ease.new.lambda:5000}") final double newLambda,
            @Value("${reco.item-ease.new.weighting:log}") final String newWeighting) {
        return new ItemEaseSettings(maxProducts,
                new ItemEaseSettings.Params(allLambda, weighting("reco.item-ease.all.weighting", allWeighting)),
                new ItemEaseSettings.Params(newLambda, weighting("reco.item-ease.new.weighting", newWeighting)));
    }

    @Singleton
    ModelSettings modelSettings(final ItemEaseSettings itemEase,
            @Value("${reco.hybrid.all.collaborative}") final double allCollaborative,
            @Value("${reco.hybrid.all.content}") final double allContent,
            @Value("${reco.hybrid.all.popularity}") final double allPopularity,
            @Value("${reco.hybrid.all.own}") final double allOwn,
            @Value("${reco.hybrid.new.collaborative}") final double newCollaborative,
            @Value("${reco.hybrid.new.content}") final double newContent,
            @Value("${reco.hybrid.new.popularity}") final double newPopularity,
            @Value("${reco.hybrid.new.own}") final double newOwn) {
        return new ModelSettings(itemEase, new HybridSettings(
                new HybridWeights(allCollaborative, allContent, allPopularity, allOwn),
                new HybridWeights(newCollaborative, newContent, newPopularity, newOwn)));
    }

    static Weighting weighting(final String key, final String value) {
        try {
            return Weighting.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be one of " + Arrays.stream(Weighting.values())
                    .map(Weighting::label).toList() + ", got '" + value + "'", e);
        }
    }
}
