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

    /** Smallest value of a[lo, hi). */

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
