package io.aegis.nativeblas;

import io.aegis.aggregation.GramBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gram backend of large rounds: one single-precision GEMM per block through ND4J's native
 * BLAS (OpenBLAS), several times faster than any loop the JIT produces. Registered in
 * {@code META-INF/services/io.aegis.aggregation.GramBackend}; ND4J loads on first use only.
 * Gram scales every row of a block into (-1, 1) first, so the float products cannot overflow.
 */
public final class Nd4jGramBackend implements GramBackend {
    private static final int WIDTH = 4096;

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public int blockWidth(int n) {
        return WIDTH;
    }

    /**
     * Float accumulation over the block: the error of a w-term sum grows like sqrt(w) ulps for
     * BLAS's blocked summation; 2 sqrt(w) ulps is the bound Gram trusts (distances closer than
     * 2^12 times it to their cancellation are recomputed in double).
     */
    @Override
    public double relativeError(int width) {
        return 2 * Math.sqrt(width) * 0x1p-24;
    }

    @Override
    public void addScaledProducts(float[] block, int n, int width, int[] exp, double[] g) {
        // large n: row blocks, and only the block pairs on or below the diagonal (10 of 16 products)
        int parts = n >= 256 ? 4 : 1;
        int size = (n + parts - 1) / parts;
        INDArray[] rows = new INDArray[parts];
        try {
            for (int p = 0; p < parts; p++) {
                int r0 = p * size;
                int r1 = Math.min(n, r0 + size);
                rows[p] = Nd4j.create(DataType.FLOAT, r1 - r0, width);
                rows[p].data().setData(parts == 1 ? block : java.util.Arrays.copyOfRange(block, r0 * width, r1 * width));
            }
            for (int p = 0; p < parts; p++) {
                for (int q = 0; q <= p; q++) {
                    try (INDArray out = Nd4j.gemm(rows[p], rows[q], false, true)) {
                        float[] prod = out.data().asFloat();
                        int rp = (int) rows[p].size(0);
                        int rq = (int) rows[q].size(0);
                        for (int a = 0; a < rp; a++) {
                            int ga = p * size + a;
                            int last = p == q ? a + 1 : rq;
                            for (int b = 0; b < last; b++) {
                                int gb = q * size + b;
                                g[ga * n + gb] += Math.scalb((double) prod[a * rq + b], exp[ga] + exp[gb]);
                            }
                        }
                    }
                }
            }
        } finally {
            for (INDArray r : rows) {
                if (r != null) {
                    r.close();
                }
            }
        }
    }
}
