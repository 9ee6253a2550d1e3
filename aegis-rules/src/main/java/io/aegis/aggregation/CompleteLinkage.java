package io.aegis.aggregation;

import java.util.ArrayList;
import java.util.List;

/**
 * Agglomerative clustering with complete linkage on a similarity matrix, stopped at two clusters
 * (STPA, NOTES.md Algorithm 1 step 3). The similarity of two clusters is the minimum pairwise
 * similarity between their members; the pair with the highest such similarity merges first.
 * Ties: clusters are named by their lowest member index and the lexicographically smallest
 * (a, b) pair among the most similar ones merges, so the result is deterministic.
 */
final class CompleteLinkage {
    private CompleteLinkage() {}

    /** The two clusters (ascending local indices; the first holds index 0) for n >= 2 items. */
    static int[][] twoClusters(double[] sim, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 items to split into two clusters, got " + n);
        }
        double[] link = sim.clone();
        int[] owner = new int[n];
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            owner[i] = i;
            active[i] = true;
        }
        // bestOf[a]: the most similar active b > a (lowest b on ties), -1 when none
        int[] bestOf = new int[n];
        for (int a = 0; a < n; a++) {
            bestOf[a] = bestPartner(link, n, active, a);
        }
        for (int clusters = n; clusters > 2; clusters--) {
            int a = -1;
            for (int i = 0; i < n; i++) {
                if (active[i] && bestOf[i] >= 0 && (a < 0 || link[i * n + bestOf[i]] > link[a * n + bestOf[a]])) {
                    a = i;
                }
            }
            int b = bestOf[a];
            active[b] = false;
            for (int c = 0; c < n; c++) {
                if (active[c] && c != a) {
                    double v = Math.min(link[a * n + c], link[b * n + c]);
                    link[a * n + c] = v;
                    link[c * n + a] = v;
                }
            }
            for (int i = 0; i < n; i++) {
                if (owner[i] == b) {
                    owner[i] = a;
                }
            }
            // linkages only fall when clusters merge, so only rows that pointed at a or b,
            // and a itself, can have a new best partner
            for (int i = 0; i < n; i++) {
                if (active[i] && (i == a || bestOf[i] == a || bestOf[i] == b)) {
                    bestOf[i] = bestPartner(link, n, active, i);
                }
            }
        }
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (owner[i] == owner[0] ? first : second).add(i);
        }
        return new int[][] {first.stream().mapToInt(Integer::intValue).toArray(),
                second.stream().mapToInt(Integer::intValue).toArray()};
    }

    private static int bestPartner(double[] link, int n, boolean[] active, int a) {
        int best = -1;
        for (int b = a + 1; b < n; b++) {
            if (active[b] && (best < 0 || link[a * n + b] > link[a * n + best])) {
                best = b;
            }
        }
        return best;
    }

    /** The maximum similarity between a member of x and a member of y (NOTES.md step 4). */
    static double maxCross(double[] sim, int n, int[] x, int[] y) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i : x) {
            for (int j : y) {
                best = Math.max(best, sim[i * n + j]);
            }
        }
        return best;
    }
}
