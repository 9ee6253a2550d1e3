package io.aegis.aggregation;

/**
 * The Gram backend of small and middle-sized rounds when the Vector API is there: float
 * multiply-adds in eight lanes, four rows against two per pass (19-22 GFMA/s on one core of the
 * development machine against OpenBLAS's 7 for 20 rows: its kernels are built for square blocks,
 * not 20 rows of 431,080). From 256 rows on, OpenBLAS's cache blocking wins and the native backend is
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

    /**
     * Blocks of about 2 MiB (n x width floats, 2048 to 16384 columns, plus 16): packing reads each
     * row's segment as one stream, where short segments (8 KiB) left it at half the memory bandwidth.
     * The kernel walks a block in L2-sized spans ({@link VectorKernels#span(int)}). The 16 extra
     * columns keep the row stride off a power of two: at a 16 KiB stride the rows of a span fell into
     * the same cache sets and the kernel ran at half speed.
     */
    @Override
    public int blockWidth(int n) {
        return Math.max(2048, Math.min(16384, Integer.highestOneBit((1 << 19) / Math.max(1, n)))) + 16;
    }

    /**
     * Each lane sums at most run / 8 rounded float multiply-adds (a span runs over at most 2112
     * columns), plus one chain of at most 7 for the columns after the last vector; lanes and spans
     * are added in double.
     * Recursive summation of m terms errs by at most m u / (1 - m u) times the sum of |products|,
     * and over the spans those sums add up to at most ||a|| ||b||.
     */
    @Override
    public double relativeError(int width) {
        int m = Math.min(width, 2112) / 8 + 8;
        double mu = m * 0x1p-24;
        return mu / (1 - mu) + 0x1p-50;
    }

    @Override
    public void addScaledProducts(float[] block, int n, int width, int[] exp, double[] g) {
        double[] p = new double[n * n];
        VectorKernels.lowerProducts(block, n, width, p);
        JavaGramBackend.addScaled(p, n, exp, g);
    }
}
