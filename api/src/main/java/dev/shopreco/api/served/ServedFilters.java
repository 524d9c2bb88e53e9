package dev.shopreco.api.served;

import java.util.List;

/**
 * The filters a served list was made under, as {@code reco.served} records them.
 *
 * @param category  the category levels asked for, normalised and joined by {@code ;}; null: any
 * @param exclude   the product ids the request left out, ascending
 * @param exclusion which of the user's own products the list left out ({@code NONE}, {@code PURCHASED},
 *                  {@code INTERACTED}): the request's, or the configured one
 */
public record ServedFilters(String category, List<Long> exclude, String exclusion) {
}
