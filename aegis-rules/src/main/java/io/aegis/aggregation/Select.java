package io.aegis.aggregation;

/**
 * In-place selection (Hoare quickselect, median-of-three pivots, insertion sort for short
 * ranges): after {@code select(a, lo, hi, k)}, a[k] holds the value a sorted copy would have
 * there, everything in [lo, k) is <= a[k] and everything in (k, hi) is >= a[k].
 * Expected O(hi - lo) work; Krum uses it to pick each score's nearest neighbours without a sort.
 */
final class Select {
    private static final int SMALL = 16;

    private Select() {}

    static void select(double[] a, int lo, int hi, int k) {
        int l = lo;
        int r = hi - 1;
        while (r - l > SMALL) {
            int mid = (l + r) >>> 1;
            if (a[mid] < a[l]) {
                swap(a, mid, l);
            }
            if (a[r] < a[l]) {
                swap(a, r, l);
            }
            if (a[r] < a[mid]) {
                swap(a, r, mid);
            }
            double p = a[mid];
            int i = l;
            int j = r;
            while (i <= j) {
                while (a[i] < p) {
                    i++;
                }
                while (a[j] > p) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                r = j;
            } else if (k >= i) {
                l = i;
            } else {
                return;
            }
        }
        for (int i = l + 1; i <= r; i++) {
            double x = a[i];
            int j = i - 1;
            while (j >= l && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    /** Values sampled to guess a trimmed mean's cut points. */
    private static final int SAMPLE = 128;
    /** Sample ranks the guesses stay outside the cut ranks, so they are safe about 99% of the time. */
    private static final int GUARD = 8;

    /**
     * The sum of ranks [t, n - t) of v[0, n) (v may be reordered; scratch holds n + 128 values).
     * Two quickselects over all n values (the fallback) mispredict a branch for half the values; here a
     * sample guesses a value p1 above the t-th smallest and p2 below the t-th largest, one pass sums
     * what lies between them and sets the rest aside, and only those few (about a third of n at
     * t = n / 10) go through selection. When a guess is wrong, fewer than t values lie beyond it, and
     * the fallback runs. Either way the result is the sum of the same values.
     */
    static double middleSum(double[] v, int n, int t, double[] scratch) {
        if (t == 0) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[i];
            }
            return sum;
        }
        if (n >= 4 * SAMPLE && t < n / 2) {
            int base = n; // the sample lives after the n slots the pass may fill
            for (int i = 0; i < SAMPLE; i++) {
                scratch[base + i] = v[(int) ((long) i * n / SAMPLE)];
            }
            int k1 = Math.min(SAMPLE - 1, (int) Math.ceil((double) SAMPLE * t / n) + GUARD);
            int k2 = SAMPLE - 1 - k1;
            select(scratch, base, base + SAMPLE, base + k1);
            double p1 = scratch[base + k1];
            select(scratch, base, base + SAMPLE, base + k2);
            double p2 = scratch[base + k2];
            if (p1 < p2) {
                int low = 0;
                int high = n;
                double middle = 0;
                // without branches (which value goes where is random): each value is written to both
                // ends and kept where its comparison says; high - 1 >= low always, so no kept value is hit
                for (int i = 0; i < n; i++) {
                    double x = v[i];
                    int below = x < p1 ? 1 : 0;
                    int above = x > p2 ? 1 : 0;
                    scratch[low] = x;
                    scratch[high - 1] = x;
                    low += below;
                    high -= above;
                    middle += x * (1 - below - above);
                }
                if (low >= t && n - high >= t) {
                    // every value below p1 is among the t smallest's candidates, and the same above p2
                    if (low > t) {
                        select(scratch, 0, low, t);
                        for (int i = t; i < low; i++) {
                            middle += scratch[i];
                        }
                    }
                    if (n - high > t) {
                        select(scratch, high, n, n - t);
                        for (int i = high; i < n - t; i++) {
                            middle += scratch[i];
                        }
                    }
                    return middle;
                }
            }
        }
        select(v, 0, n, t);
        select(v, t, n, n - t - 1);
        double sum = 0;
        for (int k = t; k < n - t; k++) {
            sum += v[k];
        }
        return sum;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
