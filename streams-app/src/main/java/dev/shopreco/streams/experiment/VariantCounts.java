package dev.shopreco.streams.experiment;

/**
 * What one variant has accumulated.
 *
 * @param users     distinct users exposed
 * @param lists     lists served
 * @param clicked   lists with at least one product viewed within the window
 * @param converted lists with at least one product bought within the window
 */
public record VariantCounts(long users, long lists, long clicked, long converted) {

    public static final VariantCounts ZERO = new VariantCounts(0, 0, 0, 0);

    VariantCounts plus(final VariantDelta delta) {
        return new VariantCounts(users + delta.users(), lists + delta.lists(), clicked + delta.clicked(),
                converted + delta.converted());
    }
}
