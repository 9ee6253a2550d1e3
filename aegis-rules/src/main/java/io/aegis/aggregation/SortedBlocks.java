package io.aegis.aggregation;

/**
 * Runs a coordinate-wise statistic over chosen rows, a block of columns at a time on all cores:
 * each task copies the block's row segments (sequential reads of the matrix) into private row
 * buffers, sorts every column of the block with a {@link SortingNetwork} pruned to the ranks the
 * statistic reads, and lets a finisher turn the sorted ranks into the block's outputs.
 * Memory: one n x width buffer per task; the caller's matrix is never modified.
 */
final class SortedBlocks {
    /** Floats per block: a few hundred KB, resident in L2 while the network runs over it. */
    private static final int BLOCK_FLOATS = 1 << 16;

    private SortedBlocks() {}

    /** Writes out[c0 + j] for j < w from rows sorted (ranks lo..hi valid) column-wise. */
    interface Finisher {
        void finish(float[][] sorted, int w, double[] out, int c0);
    }

    static double[] apply(UpdateMatrix m, int[] rows, int lo, int hi, Finisher finisher) {
        int n = rows.length;
        int d = m.cols();
        double[] out = new double[d];
        int width = width(n, 16);
        int[] network = lo < 0 ? new int[0] : SortingNetwork.forRanks(n, lo, hi);
        float[] data = m.data();
        int[] offsets = offsets(m, rows);
        forBlocks(n, d, width, () -> {
            float[][] buf = new float[n][width];
            return (c0, w) -> {
                for (int r = 0; r < n; r++) {
                    System.arraycopy(data, offsets[r] + c0, buf[r], 0, w);
                }
                SortingNetwork.sort(buf, w, network);
                finisher.finish(buf, w, out, c0);
            };
        });
        return out;
    }

    /** Columns per block for n rows: a multiple of {@code multiple}, at most 1024, n x width about BLOCK_FLOATS. */
    private static int width(int n, int multiple) {
        return Math.max(multiple, Math.min(1024, BLOCK_FLOATS / Math.max(1, n) / multiple * multiple));
    }

    /** Where each chosen row starts in the matrix's data. */
    private static int[] offsets(UpdateMatrix m, int[] rows) {
        int[] offsets = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            offsets[r] = m.offset(rows[r]);
        }
        return offsets;
    }

    /** Works on columns [c0, c0 + w) of a block. */
    private interface Block {
        void run(int c0, int w);
    }

    /**
     * Columns [0, d) in blocks of {@code width}, spread over the pool: each task makes its own block
     * worker (with its private buffers) once and runs it on every block it takes.
     */
    private static void forBlocks(int n, int d, int width, java.util.function.Supplier<Block> worker) {
        int blocks = (d + width - 1) / width;
        int tasks = Math.min(blocks, Parallel.threads() * 4);
        Parallel.forEach(tasks, (long) n * d, task -> {
            Block block = worker.get();
            for (int b = task; b < blocks; b += tasks) {
                int c0 = b * width;
                block.run(c0, Math.min(width, d - c0));
            }
        });
    }

    /**
     * Above this many rows, per-column quickselect (O(n) a column) beats the sorting network
     * (O(n log^2 n) comparators a column, however pruned) for the wide rank ranges the trimmed mean reads.
     */
    static final int SELECT_ABOVE = 256;

    /** Turns one column (copied into a private buffer it may reorder) into its output. */
    interface ColumnFinisher {
        double finish(double[] column, int n);
    }

    static double[] byColumn(UpdateMatrix m, int[] rows, ColumnFinisher finisher) {
        int n = rows.length;
        return apply(m, rows, -1, -1, (s, w, out, c0) -> {
            double[] column = new double[n];
            for (int j = 0; j < w; j++) {
                for (int r = 0; r < n; r++) {
                    column[r] = s[r][j];
                }
                out[c0 + j] = finisher.finish(column, n);
            }
        });
    }

    /**
     * From this many rows on, when the Vector API is available, the bisection over keys
     * ({@link VectorRanks}) replaces quickselect: 32 branch-free passes cost a fixed ~0.25 ns a value
     * where quickselect mispredicts (n = 1000, d = 431,080 on 2 cores: 1.3 s against 3.1-3.3 s). Below
     * it the pruned sorting network wins (n = 100: 62-88 ms against 126-147 ms; n = 250: 248-293 ms
     * against 294-315 ms). {@code -Daegis.ranks.search-from=N} moves the switch to compare the paths.
     */
    static final int SEARCH_FROM = Integer.getInteger("aegis.ranks.search-from", SELECT_ABOVE + 1);

    static boolean searches(int n) {
        return VectorSupport.AVAILABLE && n >= SEARCH_FROM;
    }

    /** Turns one group of 8 columns (keys row after row, see {@link VectorRanks}) into outputs. */
    interface GroupFinisher {
        void finish(int[] keys, int n, double[] out, int c0);
    }

    /**
     * Like {@link #apply}, but hands each group of 8 columns to {@code group} as keys; the last
     * d mod 8 columns go through {@code tail} one at a time.
     */
    static double[] searchGroups(UpdateMatrix m, int[] rows, GroupFinisher group, ColumnFinisher tail) {
        int n = rows.length;
        int d = m.cols();
        double[] out = new double[d];
        int lanes = VectorRanks.LANES;
        int d8 = d - d % lanes;
        int width = width(n, lanes);
        float[] data = m.data();
        int[] offsets = offsets(m, rows);
        forBlocks(n, d8, width, () -> {
            int[][] keys = new int[width / lanes][n * lanes];
            return (c0, w) -> {
                int groups = w / lanes;
                for (int r = 0; r < n; r++) {
                    int from = offsets[r] + c0;
                    for (int g = 0; g < groups; g++) {
                        VectorRanks.storeKeys(data, from + g * lanes, keys[g], r * lanes);
                    }
                }
                for (int g = 0; g < groups; g++) {
                    group.finish(keys[g], n, out, c0 + g * lanes);
                }
            };
        });
        double[] column = new double[n];
        for (int c = d8; c < d; c++) {
            for (int r = 0; r < n; r++) {
                column[r] = data[offsets[r] + c];
            }
            out[c] = tail.finish(column, n);
        }
        return out;
    }

    /** Coordinate-wise median: the middle rank, or the mean of the two middle ranks. */
    static double[] median(UpdateMatrix m, int[] rows) {
        int n = rows.length;
        int lo = (n - 1) / 2;
        int hi = n / 2;
        if (searches(n)) {
            return searchGroups(m, rows, (keys, len, out, c0) -> {
                int[] a = new int[VectorRanks.LANES];
                int[] b = new int[VectorRanks.LANES];
                VectorRanks.rankKeys(keys, len, lo, hi, a, b);
                for (int lane = 0; lane < VectorRanks.LANES; lane++) {
                    out[c0 + lane] = ((double) VectorRanks.value(a[lane]) + VectorRanks.value(b[lane])) * 0.5;
                }
            }, (v, len) -> selectMedian(v, len, lo, hi));
        }
        if (n > SELECT_ABOVE) {
            return byColumn(m, rows, (v, len) -> selectMedian(v, len, lo, hi));
        }
        return apply(m, rows, lo, hi, (s, w, out, c0) -> {
            float[] a = s[lo];
            float[] b = s[hi];
            for (int j = 0; j < w; j++) {
                out[c0 + j] = ((double) a[j] + b[j]) * 0.5;
            }
        });
    }

    private static double selectMedian(double[] v, int len, int lo, int hi) {
        Select.select(v, 0, len, lo);
        if (hi == lo) {
            return v[lo];
        }
        double next = v[hi];
        for (int k = hi + 1; k < len; k++) {
            next = Math.min(next, v[k]);
        }
        return (v[lo] + next) * 0.5;
    }

    /** Mean of ranks [t, n - t) per coordinate. */
    static double[] middleMean(UpdateMatrix m, int[] rows, int t) {
        int n = rows.length;
        double scale = 1.0 / (n - 2 * t);
        if (searches(n)) {
            return searchGroups(m, rows, (keys, len, out, c0) -> {
                int lanes = VectorRanks.LANES;
                int[] a = new int[lanes];
                int[] b = new int[lanes];
                double[] sums = new double[lanes];
                VectorRanks.rankKeys(keys, len, t, len - t - 1, a, b);
                VectorRanks.middleSums(keys, len, t, a, b, sums);
                for (int lane = 0; lane < lanes; lane++) {
                    out[c0 + lane] = sums[lane] * scale;
                }
            }, (v, len) -> Select.middleSum(v, len, t, new double[len + 128]) * scale);
        }
        if (n > SELECT_ABOVE) {
            return apply(m, rows, -1, -1, (s, w, out, c0) -> {
                double[] column = new double[n];
                double[] scratch = new double[n + 128];
                for (int j = 0; j < w; j++) {
                    for (int r = 0; r < n; r++) {
                        column[r] = s[r][j];
                    }
                    out[c0 + j] = Select.middleSum(column, n, t, scratch) * scale;
                }
            });
        }
        return apply(m, rows, t, n - t - 1, (s, w, out, c0) -> {
            for (int r = t; r < n - t; r++) {
                float[] a = s[r];
                for (int j = 0; j < w; j++) {
                    out[c0 + j] += a[j];
                }
            }
            for (int j = 0; j < w; j++) {
                out[c0 + j] *= scale;
            }
        });
    }

    /**
     * Per coordinate, the mean of the beta values closest to the median (Bulyan's second stage): in
     * sorted order they form a window grown outwards from the middle; at equal distance the
     * smaller value is taken first.
     */
    static double[] closestToMedianMean(UpdateMatrix m, int[] rows, int beta) {
        int n = rows.length;
        return apply(m, rows, 0, n - 1, (s, w, out, c0) -> {
            for (int j = 0; j < w; j++) {
                int left = (n - 1) / 2;
                int right = n / 2;
                double med = ((double) s[left][j] + s[right][j]) * 0.5;
                double sum = left == right ? s[left][j] : (double) s[left][j] + s[right][j];
                int count = right - left + 1;
                while (count < beta) {
                    if (right + 1 >= n || (left > 0 && med - s[left - 1][j] <= s[right + 1][j] - med)) {
                        sum += s[--left][j];
                    } else {
                        sum += s[++right][j];
                    }
                    count++;
                }
                out[c0 + j] = sum / beta;
            }
        });
    }
}
