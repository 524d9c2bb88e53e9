package dev.shopreco.streams.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terms of a product for TF-IDF (docs/design.md §3): the levels of its category path, split on
 * {@code ;}, lower-cased. The seed fed {@code TfidfVectorizer} such a split, so a level is one
 * term ("gry i konsole"), not its words.
 *
 * <p>Levels are trimmed and empty levels dropped: the seed's data has neither, and a stray space
 * or a doubled separator should not create a term of its own.
 */
public final class CategoryTokens {

    private CategoryTokens() {
    }

    /** The terms of {@code categoryPath} in path order (a level repeated in the path appears twice). */
    public static List<String> of(final String categoryPath) {
        final List<String> tokens = new ArrayList<>();
        if (categoryPath == null) {
            return tokens;
        }
        for (final String level : categoryPath.split(";", -1)) {
            final String token = level.trim().toLowerCase(Locale.ROOT);
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
