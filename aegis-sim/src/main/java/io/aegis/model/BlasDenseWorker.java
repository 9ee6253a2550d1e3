package io.aegis.model;

import io.aegis.data.Samples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * A worker for networks of dense layers only (logreg, mlp) that calls OpenBLAS's {@code cblas_sgemm}
 * directly (the javacpp preset ND4J itself loads) on direct buffers allocated once: the parameters are
 * one flat buffer in the shared layout (loading and storing are one copy each), activations and
 * deltas one buffer per layer. Per step that is at most three GEMMs per layer, the last of which also
 * takes the SGD step, and no allocation; the element-wise work (bias, ReLU, softmax) stays in Java.
 * Same plain SGD on mean softmax cross-entropy, same batches, as the other workers.
 */
final class BlasDenseWorker implements ModelWorker {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private final Architecture arch;
    private final int layers;
    private final int[] sizes; // sizes[l] = width of layer l's input; sizes[layers] = classes
    private final FloatBuffer params;
    private final FloatBuffer[] w; // views of params: W[o][i], row-major m x n
    private final FloatBuffer[] b;
    private FloatBuffer[] act = new FloatBuffer[0]; // act[l]: rows x sizes[l]; act[layers] = logits, then probabilities
    private FloatBuffer[] delta = new FloatBuffer[0];
    private int capacity;

    BlasDenseWorker(Architecture arch) {
        if (arch.isConvolutional()) {
            throw new IllegalArgumentException(arch.name() + " is convolutional; the BLAS dense worker handles dense layers only");
        }
        NativeBackend.configure();
        this.arch = arch;
        this.layers = arch.layers().size();
        this.sizes = new int[layers + 1];
        var shapes = arch.shapes();
        for (int l = 0; l <= layers; l++) {
            sizes[l] = shapes.get(l).size();
        }
        this.params = floats(arch.numParams());
        this.w = new FloatBuffer[layers];
        this.b = new FloatBuffer[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            int nm = sizes[l] * sizes[l + 1];
            w[l] = slice(params, offset, nm);
            b[l] = slice(params, offset + nm, sizes[l + 1]);
            offset += nm + sizes[l + 1];
        }
    }

    @Override
    public float[] train(float[] global, Samples data, TrainingParams p, long seed) {
        return train(global, data, null, p, seed);
    }

    @Override
    public float[] train(float[] global, Samples data, int[] rows, TrainingParams p, long seed) {
        Inputs.checkParams(arch, global);
        Inputs.checkSamples(arch, data, rows);
        int count = rows == null ? data.count() : rows.length;
        float[] update = new float[global.length];
        if (count == 0 || p.localSteps() == 0) {
            return update;
        }
        params.put(0, global);
        int batch = Math.min(p.batchSize(), count);
        ensureCapacity(batch);
        BatchSampler sampler = new BatchSampler(count, seed);
        int[] indices = new int[batch];
        int[] labels = new int[batch];
        float lr = (float) p.learningRate();
        int len = sizes[0];
        FloatBuffer x = act[0];
        for (int step = 0; step < p.localSteps(); step++) {
            sampler.nextBatch(indices);
            for (int r = 0; r < batch; r++) {
                int i = rows == null ? indices[r] : rows[indices[r]];
                x.put(r * len, data.features(), i * len, len);
                labels[r] = data.labels()[i];
            }
            forward(batch);
            backwardAndStep(batch, labels, lr);
        }
        params.get(0, update);
        for (int k = 0; k < update.length; k++) {
            update[k] -= global[k];
        }
        return update;
    }

    @Override
    public Evaluation evaluate(float[] flat, Samples test) {
        Inputs.checkParams(arch, flat);
        Inputs.checkSamples(arch, test);
        params.put(0, flat);
        ensureCapacity(Math.min(Inputs.EVAL_BATCH, Math.max(1, test.count())));
        int len = sizes[0];
        int classes = sizes[layers];
        float[] probs = new float[Inputs.EVAL_BATCH * classes];
        Inputs.Scores scores = new Inputs.Scores();
        for (int from = 0; from < test.count(); from += Inputs.EVAL_BATCH) {
            int rows = Math.min(Inputs.EVAL_BATCH, test.count() - from);
            act[0].put(0, test.features(), from * len, rows * len);
            forward(rows);
            act[layers].get(0, probs, 0, rows * classes);
            scores.add(probs, test.labels(), from, rows, classes);
        }
        return scores.result();
    }

    private void forward(int rows) {
        for (int l = 0; l < layers; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            FloatBuffer out = act[l + 1];
            for (int r = 0; r < rows; r++) {
                out.put(r * m, b[l], 0, m);
            }
            // out (rows x m) += in (rows x n) . W^T (W is m x n)
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, rows, m, n, 1f, act[l], n, w[l], n, 1f, out, m);
            if (l < layers - 1) {
                for (int k = 0, end = rows * m; k < end; k++) {
                    if (out.get(k) < 0f) {
                        out.put(k, 0f);
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    softmax(out, r * m, m);
                }
            }
        }
    }

    /**
     * Back-propagates and takes the SGD step layer by layer from the top: each layer's input gradient
     * is computed with its weights before they change, then the weight step is one GEMM that adds
     * {@code -lr * dOut^T . in} to the weights in place (no gradient buffer, no separate axpy pass
     * over the parameters: the same update as gradient-then-step, up to float rounding).
     */
    private void backwardAndStep(int rows, int[] labels, float lr) {
        int classes = sizes[layers];
        float inv = 1f / rows;
        FloatBuffer probs = act[layers];
        FloatBuffer d = delta[layers];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < classes; o++) {
                int k = r * classes + o;
                d.put(k, (probs.get(k) - (labels[r] == o ? 1f : 0f)) * inv);
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            int n = sizes[l];
            int m = sizes[l + 1];
            FloatBuffer dOut = delta[l + 1];
            if (l > 0) { // the gradient w.r.t. the network's input is never needed
                FloatBuffer dIn = delta[l];
                // dIn (rows x n) = dOut (rows x m) . W (m x n), then through the ReLU that made act[l]
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, rows, n, m, 1f, dOut, m, w[l], n, 0f, dIn, n);
                FloatBuffer x = act[l];
                for (int k = 0, end = rows * n; k < end; k++) {
                    if (!(x.get(k) > 0f)) {
                        dIn.put(k, 0f);
                    }
                }
            }
            // W (m x n) += -lr * dOut^T (m x rows) . in (rows x n)
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, TRANS, NO_TRANS, m, n, rows, -lr, dOut, m, act[l], n, 1f, w[l], n);
            FloatBuffer bias = b[l];
            for (int o = 0; o < m; o++) {
                float s = 0f;
                for (int r = 0; r < rows; r++) {
                    s += dOut.get(r * m + o);
                }
                bias.put(o, bias.get(o) - lr * s);
            }
        }
    }

    private static void softmax(FloatBuffer z, int from, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, z.get(from + k));
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(z.get(from + k) - max);
        }
        for (int k = 0; k < n; k++) {
            z.put(from + k, (float) (Math.exp(z.get(from + k) - max) / sum));
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        act = new FloatBuffer[layers + 1];
        delta = new FloatBuffer[layers + 1];
        for (int l = 0; l <= layers; l++) {
            act[l] = floats(rows * sizes[l]);
            delta[l] = l == 0 ? null : floats(rows * sizes[l]);
        }
        capacity = rows;
    }

    private static FloatBuffer floats(int n) {
        return ByteBuffer.allocateDirect(Math.max(1, n) * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static FloatBuffer slice(FloatBuffer whole, int from, int length) {
        return whole.duplicate().position(from).limit(from + length).slice();
    }
}
