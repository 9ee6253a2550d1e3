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
        try (INDArray x = Nd4j.create(DataType.FLOAT, n, width)) {
            x.data().setData(block);
            try (INDArray out = Nd4j.gemm(x, x, false, true)) {
                float[] p = out.data().asFloat();
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b <= a; b++) {
                        g[a * n + b] += Math.scalb((double) p[a * n + b], exp[a] + exp[b]);
                    }
                }
            }
        }
    }
}
