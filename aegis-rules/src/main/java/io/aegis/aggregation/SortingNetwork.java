package io.aegis.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batcher's odd-even merge sorting network for n wires, pruned to the comparators that can affect
 * the output ranks a rule reads (the median needs only the middle one or two). Coordinate-wise
 * rules run it on a block of columns at once: every comparator becomes a min/max over two rows of
 * the block, a branch-free loop the JIT vectorizes, which beats per-column quickselect
 * (data-dependent branches) several times over on the n of federated rounds.
 */
final class SortingNetwork {
    private static final Map<Key, int[]> CACHE = new ConcurrentHashMap<>();

    private record Key(int n, int lo, int hi) {}

    private SortingNetwork() {}

    /** Comparator wire pairs (a, b), a < b, flattened; after them, ranks [lo, hi] hold sorted values. */
    static int[] forRanks(int n, int lo, int hi) {
        return CACHE.computeIfAbsent(new Key(n, lo, hi), k -> build(n, lo, hi));
    }

    private static int[] build(int n, int lo, int hi) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        List<int[]> all = new ArrayList<>();
        for (int q = 1; q < p; q <<= 1) {
            for (int r = q; r > 0; r >>= 1) {
                for (int j = r % q; j + r < p; j += 2 * r) {
                    for (int i = 0; i < Math.min(r, p - j - r); i++) {
                        if ((i + j) / (2 * q) == (i + j + r) / (2 * q)) {
                            int a = i + j;
                            int b = i + j + r;
                            // wires >= n hold +infinity padding: comparing with them never moves a value
                            if (b < n) {
                                all.add(new int[] {a, b});
                            }
                        }
                    }
                }
            }
        }
        boolean[] needed = new boolean[n];
        for (int r = lo; r <= hi; r++) {
            needed[r] = true;
        }
        List<int[]> kept = new ArrayList<>();
        for (int k = all.size() - 1; k >= 0; k--) {
            int[] c = all.get(k);
            if (needed[c[0]] || needed[c[1]]) {
                kept.add(c);
                needed[c[0]] = true;
                needed[c[1]] = true;
            }
        }
        int[] out = new int[kept.size() * 2];
        for (int k = 0; k < kept.size(); k++) {
            int[] c = kept.get(kept.size() - 1 - k);
            out[2 * k] = c[0];
            out[2 * k + 1] = c[1];
        }
        return out;
    }

    /** Applies the network to columns [0, w) of the rows (each row one wire). */
    static void sort(float[][] rows, int w, int[] network) {
        for (int k = 0; k < network.length; k += 2) {
            float[] a = rows[network[k]];
            float[] b = rows[network[k + 1]];
            for (int j = 0; j < w; j++) {
                float x = a[j];
                float y = b[j];
                a[j] = Math.min(x, y);
                b[j] = Math.max(x, y);
            }
        }
    }
}
