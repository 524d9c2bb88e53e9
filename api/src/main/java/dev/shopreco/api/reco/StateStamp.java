package dev.shopreco.api.reco;

import dev.shopreco.streams.collaborative.ItemEaseFit;
import dev.shopreco.streams.content.ContentIndex;

/**
 * What a kept answer was computed from: the change counters read before the stores, and the
 * content index and ITEM_EASE fit objects it used. The answer is valid while an equal stamp is
 * read; the index and the fit compare by identity (a rebuild or a refit replaces them). equals and
 * hashCode are written out, cheaper than a record's generated ones on the request path.
 *
 * @param user       the user's counter (0 for an answer about no user)
 * @param popularity the popularity counter
 * @param everything the counter of rebalances
 * @param content    the content index used
 * @param fit        the ITEM_EASE fit used (null for an answer that reads none)
 */
record StateStamp(long user, long popularity, long everything, ContentIndex content, ItemEaseFit fit) {

    @Override
    public boolean equals(final Object other) {
        return other instanceof StateStamp that && user == that.user && popularity == that.popularity
                && everything == that.everything && content == that.content && fit == that.fit;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(user * 31 + popularity) ^ Long.hashCode(everything) ^ System.identityHashCode(content)
                ^ System.identityHashCode(fit);
    }
}
