package io.aegis.scenario;

import io.aegis.aggregation.Typos;
import java.util.Collection;

/** "Did you mean" hints for misspelt names (the implementation is {@link Typos}, shared with the rules). */
public final class Names {
    private Names() {}

    /** The closest candidate by edit distance, or null when none is close enough to be a likely typo. */
    public static String closest(String given, Collection<String> candidates) {
        return Typos.closest(given, candidates);
    }

    /** "; did you mean 'x'?" or, when nothing is close, "; valid: a, b, c". */
    public static String didYouMean(String given, Collection<String> candidates) {
        return Typos.didYouMean(given, candidates);
    }

    static int distance(String a, String b) {
        return Typos.distance(a, b);
    }
}
