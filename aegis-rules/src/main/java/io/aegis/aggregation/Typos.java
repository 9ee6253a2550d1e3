package io.aegis.aggregation;

import java.util.Collection;

/**
 * "Did you mean" hints for misspelt names: one implementation for the rules' own parameter errors and
 * the scenario loader's, which delegates here (this module may depend on nothing).
 */
public final class Typos {
    private Typos() {}

    /** The closest candidate by edit distance, or null when none is close enough to be a likely typo. */
    public static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(given.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return best != null && bestDistance <= allowed ? best : null;
    }

    /** "; did you mean 'x'?" or, when nothing is close, "; valid: a, b, c". */
    public static String didYouMean(String given, Collection<String> candidates) {
        String c = closest(given, candidates);
        return c != null ? "; did you mean '" + c + "'?" : "; valid: " + String.join(", ", candidates);
    }

    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
