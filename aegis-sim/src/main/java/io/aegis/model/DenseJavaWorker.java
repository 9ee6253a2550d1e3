package io.aegis.model;

import io.aegis.data.Samples;

/**
 * A worker for networks of dense layers only (logreg, mlp) in plain Java float loops: the same
 * plain SGD on mean softmax cross-entropy as the DL4J worker, without its fixed cost of ~50 us per
 * native op, which dominates these small models (see BenchTrainCommand for the measurements).
 *
 * <p>While training, each weight matrix is held transposed, one array per input ({@code w[l][i][o]}),
 * and each example's activations in their own array, so every inner loop is an axpy between two
 * arrays at offset 0: the form HotSpot's C2 (JDK 17) vectorises; with different offsets into the
 * arrays it stays scalar, about 4x slower. Zero inputs (most MNIST pixels) are skipped.
 * Results depend only on the inputs and seed.
 */
final class DenseJavaWorker implements ModelWorker {
    private final Architecture arch;
    private final int layers;
    private final int[] sizes; // sizes[l] = width of layer l's input; sizes[layers] = classes
    private final int[] weightOffset; // in the flat layout, W[o][i] at weightOffset + o * in + i
    private final int[] biasOffset;
    private final float[][][] w; // w[l][i][o]
    private final float[][] b; // b[l][o]
    private final float[][][] gw;
    private final float[][] gb;
    private float[][][] act = new float[0][][]; // act[l][r] = input of layer l for example r; act[layers] = softmax output
    private float[][][] delta = new float[0][][]; // delta[l][r] = loss gradient w.r.t. act[l][r] before its ReLU
    private int capacity;

    DenseJavaWorker(Architecture arch) {
        if (arch.isConvolutional()) {
            throw new IllegalArgumentException(arch.name() + " is convolutional; the plain-Java worker handles dense layers only");
        }
        this.arch = arch;
        this.layers = arch.layers().size();
        this.sizes = new int[layers + 1];
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        var shapes = arch.shapes();
        for (int l = 0; l <= layers; l++) {
            sizes[l] = shapes.get(l).size();
        }
        this.w = new float[layers][][];
        this.b = new float[layers][];
        this.gw = new float[layers][][];
        this.gb = new float[layers][];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = offset;
            biasOffset[l] = offset + sizes[l] * sizes[l + 1];
            offset = biasOffset[l] + sizes[l + 1];
            w[l] = new float[sizes[l]][sizes[l + 1]];
            gw[l] = new float[sizes[l]][sizes[l + 1]];
            b[l] = new float[sizes[l + 1]];
            gb[l] = new float[sizes[l + 1]];
        }
    }

    @Override
    public float[] train(float[] global, Samples data, TrainingParams params, long seed) {
        return train(global, data, null, params, seed);
    }

    @Override
    public float[] train(float[] global, Samples data, int[] rows, TrainingParams params, long seed) {
        Inputs.checkParams(arch, global);
        Inputs.checkSamples(arch, data, rows);
        int count = rows == null ? data.count() : rows.length;
        float[] update = new float[global.length];
        if (count == 0 || params.localSteps() == 0) {
            return update;
        }
        load(global);
        int batch = Math.min(params.batchSize(), count);
        ensureCapacity(batch);
        BatchSampler sampler = new BatchSampler(count, seed);
        int[] indices = new int[batch];
        int[] labels = new int[batch];
        float lr = (float) params.learningRate();
        int len = sizes[0];
        for (int step = 0; step < params.localSteps(); step++) {
            sampler.nextBatch(indices);
            for (int r = 0; r < batch; r++) {
                int i = rows == null ? indices[r] : rows[indices[r]];
                System.arraycopy(data.features(), i * len, act[0][r], 0, len);
                labels[r] = data.labels()[i];
            }
            forward(batch);
            backward(batch, labels);
            for (int l = 0; l < layers; l++) {
                for (int i = 0; i < sizes[l]; i++) {
                    axpy(-lr, gw[l][i], w[l][i], sizes[l + 1]);
                }
                axpy(-lr, gb[l], b[l], sizes[l + 1]);
            }
        }
        store(update);
        for (int k = 0; k < update.length; k++) {
            update[k] -= global[k];
        }
        return update;
    }

    @Override
    public Evaluation evaluate(float[] params, Samples test) {
        Inputs.checkParams(arch, params);
        Inputs.checkSamples(arch, test);
        load(params);
        ensureCapacity(Math.min(Inputs.EVAL_BATCH, Math.max(1, test.count())));
        int len = sizes[0];
        int classes = sizes[layers];
        float[] probs = new float[Inputs.EVAL_BATCH * classes];
        Inputs.Scores scores = new Inputs.Scores();
        for (int from = 0; from < test.count(); from += Inputs.EVAL_BATCH) {
            int rows = Math.min(Inputs.EVAL_BATCH, test.count() - from);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(test.features(), (from + r) * len, act[0][r], 0, len);
            }
            forward(rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(act[layers][r], 0, probs, r * classes, classes);
            }
            scores.add(probs, test.labels(), from, rows, classes);
        }
        return scores.result();
    }

    private void forward(int rows) {
        for (int l = 0; l < layers; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            float[][] in = act[l];
            float[][] out = act[l + 1];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b[l], 0, out[r], 0, m);
            }
            // input-major: weight row i stays in L1 while it meets every example of the batch
            for (int i = 0; i < n; i++) {
                float[] wi = w[l][i];
                for (int r = 0; r < rows; r++) {
                    float x = in[r][i];
                    if (x != 0f) {
                        axpy(x, wi, out[r], m);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                if (l < layers - 1) {
                    float[] o = out[r];
                    for (int k = 0; k < m; k++) {
                        o[k] = Math.max(o[k], 0f);
                    }
                } else {
                    softmax(out[r], m);
                }
            }
        }
    }

    private void backward(int rows, int[] labels) {
        int classes = sizes[layers];
        float inv = 1f / rows;
        for (int r = 0; r < rows; r++) {
            float[] d = delta[layers][r];
            float[] p = act[layers][r];
            for (int o = 0; o < classes; o++) {
                d[o] = (p[o] - (labels[r] == o ? 1f : 0f)) * inv;
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            int n = sizes[l];
            int m = sizes[l + 1];
            float[][] in = act[l];
            float[][] dOut = delta[l + 1];
            for (int i = 0; i < n; i++) {
                float[] gi = gw[l][i];
                java.util.Arrays.fill(gi, 0f);
                for (int r = 0; r < rows; r++) {
                    float x = in[r][i];
                    if (x != 0f) {
                        axpy(x, dOut[r], gi, m);
                    }
                }
            }
            java.util.Arrays.fill(gb[l], 0f);
            for (int r = 0; r < rows; r++) {
                axpy(1f, dOut[r], gb[l], m);
            }
            if (l > 0) { // the gradient w.r.t. the network's input is never needed
                for (int r = 0; r < rows; r++) {
                    float[] x = in[r];
                    float[] dIn = delta[l][r];
                    for (int i = 0; i < n; i++) {
                        // x is a ReLU output: the gradient passes where it is positive
                        dIn[i] = x[i] > 0f ? dot(w[l][i], dOut[r], m) : 0f;
                    }
                }
            }
        }
    }

    private static void axpy(float a, float[] x, float[] y, int n) {
        for (int k = 0; k < n; k++) {
            y[k] += a * x[k];
        }
    }

    private static float dot(float[] a, float[] b, int n) {
        float s = 0f;
        for (int k = 0; k < n; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static void softmax(float[] z, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(z[k] - max);
        }
        for (int k = 0; k < n; k++) {
            z[k] = (float) (Math.exp(z[k] - max) / sum);
        }
    }

    /** Flat layout (W[o][i]) to the working layout (w[i][o]). */
    private void load(float[] flat) {
        for (int l = 0; l < layers; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            int base = weightOffset[l];
            for (int o = 0; o < m; o++) {
                for (int i = 0; i < n; i++) {
                    w[l][i][o] = flat[base + o * n + i];
                }
            }
            System.arraycopy(flat, biasOffset[l], b[l], 0, m);
        }
    }

    private void store(float[] flat) {
        for (int l = 0; l < layers; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            int base = weightOffset[l];
            for (int o = 0; o < m; o++) {
                for (int i = 0; i < n; i++) {
                    flat[base + o * n + i] = w[l][i][o];
                }
            }
            System.arraycopy(b[l], 0, flat, biasOffset[l], m);
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        act = new float[layers + 1][][];
        delta = new float[layers + 1][][];
        for (int l = 0; l <= layers; l++) {
            act[l] = new float[rows][sizes[l]];
            delta[l] = new float[rows][sizes[l]];
        }
        capacity = rows;
    }
}
