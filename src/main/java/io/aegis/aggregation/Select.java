package io.aegis.aggregation;

/**
 * In-place selection (Hoare quickselect, median-of-three pivots, insertion sort for short
 * ranges): after {@code select(a, lo, hi, k)}, a[k] holds the value a sorted copy would have
 * there, everything in [lo, k) is <= a[k] and everything in (k, hi) is >= a[k].
 * Expected O(hi - lo) work, so coordinate-wise rules never fully sort a column.
 */
final class Select {
    private static final int SMALL = 16;

    private Select() {}

    static void select(float[] a, int lo, int hi, int k) {
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
            float p = a[mid];
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
            // [l, j] <= p, [i, r] >= p, (j, i) == p
            if (k <= j) {
                r = j;
            } else if (k >= i) {
                l = i;
            } else {
                return;
            }
        }
        for (int i = l + 1; i <= r; i++) {
            float x = a[i];
            int j = i - 1;
            while (j >= l && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

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
    static float min(float[] a, int lo, int hi) {
        float m = a[lo];
        for (int i = lo + 1; i < hi; i++) {
            if (a[i] < m) {
                m = a[i];
            }
        }
        return m;
    }

    /** Coordinate-wise median of a[lo, lo + n): the middle value, or the mean of the two middle ones. Reorders a. */
    static double median(float[] a, int lo, int n) {
        int k = lo + (n - 1) / 2;
        select(a, lo, lo + n, k);
        if ((n & 1) == 1) {
            return a[k];
        }
        return ((double) a[k] + min(a, k + 1, lo + n)) / 2.0;
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
