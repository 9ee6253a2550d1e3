package io.aegis.aggregation;

/**
 * Runs a per-coordinate statistic over chosen rows in cache-sized column blocks on all cores.
 * Each task gathers a block of columns (transposed, so one coordinate's values are contiguous)
 * into a small private buffer: the matrix is read once, row segments sequentially, and the
 * kernel may reorder the buffer freely without touching the caller's data.
 */
final class ColumnBlocks {
    /** Floats per gathered block: sized to stay in L2 alongside the kernel's scratch. */
    private static final int BLOCK_FLOATS = 1 << 15;

    private ColumnBlocks() {}

    /** A statistic of one coordinate's n values v[from, from + n); may reorder them; scratch has n slots. */
    interface Kernel {
        double apply(float[] v, int from, int n, double[] scratch);
    }

    static double[] apply(UpdateMatrix m, int[] rows, Kernel kernel) {
        int n = rows.length;
        int d = m.cols();
        double[] out = new double[d];
        if (d == 0) {
            return out;
        }
        int width = Math.max(8, Math.min(1024, BLOCK_FLOATS / n));
        int blocks = (d + width - 1) / width;
        int tasks = Math.min(blocks, Parallel.threads() * 8);
        float[] data = m.data();
        int[] offsets = new int[n];
        for (int r = 0; r < n; r++) {
            offsets[r] = m.offset(rows[r]);
        }
        Parallel.forEach(tasks, task -> {
            float[] buf = new float[n * width];
            double[] scratch = new double[n];
            for (int b = task; b < blocks; b += tasks) {
                int c0 = b * width;
                int w = Math.min(width, d - c0);
                for (int r = 0; r < n; r++) {
                    int src = offsets[r] + c0;
                    for (int j = 0, dst = r; j < w; j++, dst += n) {
                        buf[dst] = data[src + j];
                    }
                }
                for (int j = 0; j < w; j++) {
                    out[c0 + j] = kernel.apply(buf, j * n, n, scratch);
                }
            }
        });
        return out;
    }
}
