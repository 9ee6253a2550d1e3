package io.aegis.aggregation;

/**
 * The Gram backend of small and middle-sized rounds when the Vector API is there: float
 * multiply-adds in eight lanes, two rows against four per pass (23 GFMA/s on one core of the
 * development machine against OpenBLAS's 7 for 20 rows: its kernels are built for square blocks,
 * not 20 rows of 4096). From 256 rows on, OpenBLAS's cache blocking wins and the native backend is
 * preferred (docs/benchmarks.md).
 */
public final class VectorGramBackend implements GramBackend {
    /** Rows from which a native BLAS's cache blocking beats this kernel (measured, docs/benchmarks.md). */
    private static final int MAX_ROWS = Integer.getInteger("aegis.gram.vector-max-rows", 256);

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public boolean suits(int n) {
        return n < MAX_ROWS;
    }

    /** The block (n x width floats) stays within 256 KiB: half the L2 of the machines measured. */
    @Override
    public int blockWidth(int n) {
        return Math.max(256, Math.min(4096, Integer.highestOneBit((1 << 16) / Math.max(1, n))));
    }

    /**
     * Each lane sums width / 8 rounded float multiply-adds, plus one chain of at most 7 for the
     * columns after the last vector; lanes are added in double. Recursive summation of m terms
     * errs by at most m u / (1 - m u) times the sum of |products| <= ||a|| ||b||.
     */
    @Override
    public double relativeError(int width) {
        int m = width / 8 + 8;
        double mu = m * 0x1p-24;
        return mu / (1 - mu) + 0x1p-50;
    }

    @Override
    public void addScaledProducts(float[] block, int n, int width, int[] exp, double[] g) {
        double[] p = new double[n * n];
        VectorKernels.lowerProducts(block, n, width, p);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                g[a * n + b] += Math.scalb(p[a * n + b], exp[a] + exp[b]);
            }
        }
    }
}
