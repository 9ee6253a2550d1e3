package io.aegis.aggregation;

/**
 * The robust STPA variant's split of a round's updates into two groups (docs/stpa.md): the leading
 * eigenvector of the cosine-similarity matrix, cut into two by exact one-dimensional 2-means.
 * <p>Why not complete linkage: it merges on the single LEAST similar pair, so under heterogeneous
 * (non-IID) honest updates, whose pairwise similarities are noisy around a small positive level rho,
 * its top split follows the noise. Honest updates and, say, sign-flipped ones form the block pattern
 * S ~ rho s s^T + noise (s = +1 honest, -1 attacker); the leading eigenvector pools every pair and
 * recovers s, and noise attackers (similarity ~ 0 to everyone) sit near 0 in it, apart from the honest.
 * Deterministic: the power iteration starts from S 1 and runs on S shifted by its Gershgorin bound
 * (so the leading eigenvalue is the largest in absolute value); the cut is the one with the least
 * within-group sum of squares, the lower cut on ties.
 */
final class SpectralSplit {
    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-12;

    private SpectralSplit() {}

    /** Two groups of local indices (ascending; the first holds index 0) for n >= 2 items. */
    static int[][] twoGroups(double[] sim, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 items to split into two groups, got " + n);
        }
        return cut(leadingEigenvector(sim, n));
    }

    /**
     * Two groups of indices of x (ascending; the first holds index 0) cut by exact 1-D 2-means on the
     * values of x: the cut with the least within-group sum of squares, the lower cut on ties.
     */
    static int[][] cut(double[] x) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 items to split into two groups, got " + n);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Integer.compare(a, b));
        double[] prefix = new double[n + 1];
        double[] prefix2 = new double[n + 1];
        for (int k = 0; k < n; k++) {
            double y = x[order[k]];
            prefix[k + 1] = prefix[k] + y;
            prefix2[k + 1] = prefix2[k] + y * y;
        }
        int bestCut = 1;
        double best = Double.POSITIVE_INFINITY;
        for (int cut = 1; cut < n; cut++) {
            double left = prefix2[cut] - prefix[cut] * prefix[cut] / cut;
            double rightSum = prefix[n] - prefix[cut];
            double right = (prefix2[n] - prefix2[cut]) - rightSum * rightSum / (n - cut);
            if (left + right < best - 1e-15) {
                best = left + right;
                bestCut = cut;
            }
        }
        boolean[] low = new boolean[n];
        for (int k = 0; k < bestCut; k++) {
            low[order[k]] = true;
        }
        int firstSize = 0;
        for (int i = 0; i < n; i++) {
            if (low[i] == low[0]) {
                firstSize++;
            }
        }
        int[] first = new int[firstSize];
        int[] second = new int[n - firstSize];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (low[i] == low[0]) {
                first[a++] = i;
            } else {
                second[b++] = i;
            }
        }
        return new int[][] {first, second};
    }

    static double[] leadingEigenvector(double[] sim, int n) {
        double shift = 0;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double abs = 0;
            for (int j = 0; j < n; j++) {
                abs += Math.abs(sim[i * n + j]);
                x[i] += sim[i * n + j];
            }
            shift = Math.max(shift, abs);
            // a tiny index-dependent tilt keeps the start off any eigenvector orthogonal to S 1 = 0
            x[i] += 1e-6 * (i + 1) / n;
        }
        normalize(x);
        double[] y = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                double s = shift * x[i];
                for (int j = 0; j < n; j++) {
                    s += sim[i * n + j] * x[j];
                }
                y[i] = s;
            }
            normalize(y);
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(y[i] - x[i]));
            }
            double[] t = x;
            x = y;
            y = t;
            if (change < TOLERANCE) {
                break;
            }
        }
        return x;
    }

    private static void normalize(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= norm;
            }
        }
    }
}
