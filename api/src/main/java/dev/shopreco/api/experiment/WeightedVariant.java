package dev.shopreco.api.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A variant of the hash rule with its weight (any non-negative number; shares are weight / sum).
 *
 * @param variant the arm
 * @param weight  relative weight; 0 switches the arm off without reshuffling anyone else
 */
public record WeightedVariant(Variant variant, double weight) {

    public WeightedVariant {
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("Weight of variant " + variant.name() + " must be a finite number >= 0, got " + weight);
        }
    }

    /**
     * Parses a comma-separated list of {@code [name:]MODEL=weight}, e.g.
     * {@code A:POPULARITY=50,B:CONTENT_BASE=50} or {@code POPULARITY=90,CONTENT_BASE=10}.
     *
     * @throws IllegalArgumentException on a malformed entry, a duplicate name, or no positive weight
     */
    public static List<WeightedVariant> parseList(final String text) {
        final List<WeightedVariant> variants = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final String entry : (text == null ? "" : text).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            final int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Variant '" + entry.trim() + "' has no weight: write [name:]MODEL=weight");
            }
            final double weight;
            try {
                weight = Double.parseDouble(entry.substring(eq + 1).trim());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("Variant '" + entry.trim() + "' has a weight that is not a number", e);
            }
            final WeightedVariant variant = new WeightedVariant(Variant.parse(entry.substring(0, eq)), weight);
            if (!names.add(variant.variant().name())) {
                throw new IllegalArgumentException("Variant name '" + variant.variant().name() + "' appears twice in '" + text + "'");
            }
            variants.add(variant);
        }
        if (variants.stream().noneMatch(v -> v.weight() > 0)) {
            throw new IllegalArgumentException("The hash rule needs at least one variant with a positive weight, got '" + text + "'");
        }
        return List.copyOf(variants);
    }
}
