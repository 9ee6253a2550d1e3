package io.aegis.aggregation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gram matrix of large rounds through ND4J's single-precision GEMM (OpenBLAS), which runs
 * several times faster than any loop the JIT produces. Columns go in chunks: each chunk's float
 * product is exact to about 1e-7 relative and is summed in double, so error does not grow with d.
 * Chunks are dealt to a fixed number of groups summed in a fixed order, so the result does not
 * depend on the thread count. One chunk buffer per task: memory is O(n * chunk + n^2), never n x d.
 */
final class GramBlas {
    private static final int CHUNK = 4096;
    private static final int GROUPS = 4;

    private GramBlas() {}

    /** G[a][b] = <x_a - center, x_b - center> for the given rows (center null: no shift). */
    static double[] of(UpdateMatrix m, int[] rows, double[] center) {
        int n = rows.length;
        int d = m.cols();
        int chunks = (d + CHUNK - 1) / CHUNK;
        double[][] partial = new double[GROUPS][];
        float[] x = m.data();
        // large n: split rows into blocks and multiply only block pairs on or below the diagonal
        int blocks = n >= 256 ? 4 : 1;
        int size = (n + blocks - 1) / blocks;
        Parallel.forEach(GROUPS, group -> {
            double[] g = new double[n * n];
            INDArray[] buf = new INDArray[blocks];
            float[][] tmp = new float[blocks][];
            for (int p = 0; p < blocks; p++) {
                int rowsIn = Math.min(size, n - p * size);
                buf[p] = Nd4j.create(DataType.FLOAT, rowsIn, CHUNK);
                tmp[p] = new float[rowsIn * CHUNK];
            }
            for (int k = group; k < chunks; k += GROUPS) {
                int c0 = k * CHUNK;
                int w = Math.min(CHUNK, d - c0);
                for (int r = 0; r < n; r++) {
                    int src = m.offset(rows[r]) + c0;
                    float[] t = tmp[r / size];
                    int dst = (r % size) * CHUNK;
                    if (center == null) {
                        System.arraycopy(x, src, t, dst, w);
                    } else {
                        for (int j = 0; j < w; j++) {
                            t[dst + j] = (float) (x[src + j] - center[c0 + j]);
                        }
                    }
                    if (w < CHUNK) {
                        java.util.Arrays.fill(t, dst + w, dst + CHUNK, 0f);
                    }
                }
                for (int p = 0; p < blocks; p++) {
                    buf[p].data().setData(tmp[p]);
                }
                for (int p = 0; p < blocks; p++) {
                    for (int q = 0; q <= p; q++) {
                        INDArray out = Nd4j.gemm(buf[p], buf[q], false, true);
                        float[] o = out.data().asFloat();
                        int rp = (int) buf[p].size(0);
                        int rq = (int) buf[q].size(0);
                        for (int a = 0; a < rp; a++) {
                            int ga = (p * size + a) * n + q * size;
                            for (int b = 0; b < rq; b++) {
                                g[ga + b] += o[a * rq + b];
                            }
                        }
                        out.close();
                    }
                }
            }
            for (INDArray b : buf) {
                b.close();
            }
            partial[group] = g;
        });
        double[] g = new double[n * n];
        for (double[] p : partial) {
            for (int i = 0; i < n * n; i++) {
                g[i] += p[i];
            }
        }
        // the lower triangle is authoritative (diagonal blocks fill both halves, off-diagonal only the lower)
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                g[b * n + a] = g[a * n + b];
            }
        }
        return g;
    }
}
