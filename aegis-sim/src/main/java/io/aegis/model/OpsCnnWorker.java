package io.aegis.model;

import io.aegis.data.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A worker that runs a network as a fixed sequence of libnd4j ops (conv2d, maxpool2d, their _bp
 * ops, gemm) on buffers allocated once per batch size, with parameters and gradients as views of
 * two flat arrays in the shared layout: no per-step allocation and none of the layer API's
 * bookkeeping. In the oneDNN builds conv2d and maxpool2d run on oneDNN.
 */
final class OpsCnnWorker implements ModelWorker {
    private final Architecture arch;
    private final INDArray params;
    private final INDArray grads;
    private final Map<Integer, Plan> plans = new HashMap<>();

    OpsCnnWorker(Architecture arch) {
        this.arch = arch;
        this.params = Nd4j.create(DataType.FLOAT, arch.numParams());
        this.grads = Nd4j.create(DataType.FLOAT, arch.numParams());
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
        write(global, params);
        int batch = Math.min(p.batchSize(), count);
        Plan plan = plan(batch, true);
        int classes = arch.numClasses();
        int len = arch.featureLength();
        BatchSampler sampler = new BatchSampler(count, seed);
        int[] indices = new int[batch];
        float[] features = new float[batch * len];
        float[] oneHot = new float[batch * classes];
        for (int step = 0; step < p.localSteps(); step++) {
            sampler.nextBatch(indices);
            Inputs.pack(data, rows, indices, batch, features, oneHot, classes);
            write(features, plan.input);
            plan.forward();
            plan.backward(oneHot);
            Nd4j.getBlasWrapper().level1().axpy(grads.length(), -p.learningRate(), grads, params);
        }
        read(params, update); // the local model, then turned into the update in place
        for (int i = 0; i < update.length; i++) {
            update[i] -= global[i];
        }
        return update;
    }

    @Override
    public Evaluation evaluate(float[] flat, Samples test) {
        Inputs.checkParams(arch, flat);
        Inputs.checkSamples(arch, test);
        write(flat, params);
        int len = arch.featureLength();
        int classes = arch.numClasses();
        Inputs.Scores scores = new Inputs.Scores();
        int evalBatch = evalBatch();
        for (int from = 0; from < test.count(); from += evalBatch) {
            int rows = Math.min(evalBatch, test.count() - from);
            Plan plan = plan(rows, false);
            plan.input.data().asNioFloat().put(0, test.features(), from * len, rows * len);
            plan.forward();
            scores.add(plan.probabilities(), test.labels(), from, rows, classes);
        }
        return scores.result();
    }

    /** Evaluation batch: large, but with at most ~64 MB of activations per worker (CIFAR's are big). */
    private int evalBatch() {
        long perExample = 0;
        for (Architecture.Shape s : arch.shapes()) {
            perExample += 2L * s.size(); // pre- and post-activation buffers
        }
        return (int) Math.max(1, Math.min(Inputs.EVAL_BATCH, (16L << 20) / perExample));
    }

    private Plan plan(int batch, boolean training) {
        int key = training ? batch : -batch;
        Plan plan = plans.get(key);
        if (plan == null) {
            if (plans.size() >= 4) {
                plans.clear(); // odd batch sizes come and go; keep memory bounded
            }
            plan = new Plan(batch, training);
            plans.put(key, plan);
        }
        return plan;
    }

    /** The ops and buffers of one forward/backward pass at one batch size. */
    private final class Plan {
        final INDArray input;
        final List<Stage> stages = new ArrayList<>();
        final int batch;
        final INDArray logits;
        final INDArray dLogits;

        Plan(int batch, boolean training) {
            this.batch = batch;
            Architecture.Shape s = arch.input();
            input = Nd4j.create(DataType.FLOAT, batch, s.channels(), s.height(), s.width());
            INDArray in = input;
            List<Architecture.Shape> shapes = arch.shapes();
            int offset = 0;
            for (int l = 0; l < arch.layers().size(); l++) {
                LayerSpec spec = arch.layers().get(l);
                Architecture.Shape inShape = shapes.get(l);
                int n = arch.layerParams(l);
                INDArray p = n == 0 ? null : params.get(NDArrayIndex.interval(offset, offset + n));
                INDArray g = n == 0 ? null : grads.get(NDArrayIndex.interval(offset, offset + n));
                offset += n;
                boolean needInputGrad = training && l > 0;
                Stage stage;
                if (spec instanceof LayerSpec.Conv c) {
                    stage = new ConvStage(in, inShape, c, p, g, training, needInputGrad);
                } else if (spec instanceof LayerSpec.MaxPool m) {
                    stage = new PoolStage(in, m.size(), training);
                } else if (spec instanceof LayerSpec.Dense d) {
                    stage = new DenseStage(in, inShape.size(), d.units(), true, p, g, training, needInputGrad);
                } else {
                    stage = new DenseStage(in, inShape.size(), ((LayerSpec.Output) spec).classes(), false, p, g, training, needInputGrad);
                }
                stages.add(stage);
                in = stage.out;
            }
            logits = in;
            dLogits = training ? Nd4j.create(DataType.FLOAT, batch, arch.numClasses()) : null;
        }

        void forward() {
            for (Stage s : stages) {
                s.forward();
            }
        }

        /** Softmax of the logits, row-major. */
        float[] probabilities() {
            int classes = arch.numClasses();
            float[] z = new float[batch * classes];
            read(logits, z);
            for (int r = 0; r < batch; r++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int o = 0; o < classes; o++) {
                    max = Math.max(max, z[r * classes + o]);
                }
                double sum = 0;
                for (int o = 0; o < classes; o++) {
                    sum += Math.exp(z[r * classes + o] - max);
                }
                for (int o = 0; o < classes; o++) {
                    z[r * classes + o] = (float) (Math.exp(z[r * classes + o] - max) / sum);
                }
            }
            return z;
        }

        /** Gradients of the mean softmax cross-entropy into {@code grads}. */
        void backward(float[] oneHot) {
            float[] d = probabilities();
            float inv = 1f / batch;
            for (int k = 0; k < d.length; k++) {
                d[k] = (d[k] - oneHot[k]) * inv;
            }
            write(d, dLogits);
            INDArray dOut = dLogits;
            for (int i = stages.size() - 1; i >= 0; i--) {
                dOut = stages.get(i).backward(dOut);
            }
        }
    }

    /**
     * One layer's ops. The _bp ops are built per call because their incoming gradient is the next
     * stage's buffer (building an op is a few Java objects; executing it dominates).
     */
    private abstract static class Stage {
        INDArray out;

        abstract void forward();

        /** Takes the loss gradient w.r.t. {@link #out}, fills parameter gradients, returns the gradient w.r.t. the input (or null). */
        abstract INDArray backward(INDArray dOut);
    }

    private static DynamicCustomOp op(String name, INDArray[] inputs, INDArray[] outputs, int[] iArgs, Double... tArgs) {
        var b = DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs);
        if (iArgs.length > 0) {
            b.addIntegerArguments(iArgs);
        }
        if (tArgs.length > 0) {
            b.addFloatingPointArguments(tArgs);
        }
        return b.build();
    }

    private static INDArray[] arrays(INDArray... a) {
        return a;
    }

    /** Convolution (stride 1, no padding, NCHW, weights [out][in][kh][kw]) then ReLU. */
    private static final class ConvStage extends Stage {
        final DynamicCustomOp conv;
        final DynamicCustomOp relu;
        final DynamicCustomOp convBp;
        final WeightGradient weightGradient;
        final INDArray dIn;
        final INDArray gW;
        final INDArray gB;
        final INDArray in;
        final INDArray dz;
        final INDArray z;
        final INDArray w;
        final INDArray b;
        final int k;
        final boolean needInputGrad;

        ConvStage(INDArray in, Architecture.Shape s, LayerSpec.Conv c, INDArray p, INDArray g, boolean training, boolean needInputGrad) {
            this.in = in;
            this.k = c.kernel();
            int co = c.channels();
            long batch = in.size(0);
            b = p.get(NDArrayIndex.interval(0, co));
            w = p.get(NDArrayIndex.interval(co, p.length())).reshape('c', co, s.channels(), k, k);
            long oh = s.height() - k + 1;
            long ow = s.width() - k + 1;
            z = Nd4j.create(DataType.FLOAT, batch, co, oh, ow);
            out = Nd4j.create(DataType.FLOAT, batch, co, oh, ow);
            int[] iArgs = {k, k, 1, 1, 0, 0, 1, 1, 0, 0, 1}; // kernel, stride, padding, dilation, valid mode, NCHW, weights OIHW
            conv = op("conv2d", arrays(in, w, b), arrays(z), iArgs);
            relu = op("relu", arrays(z), arrays(out), new int[0], 0.0);
            this.needInputGrad = needInputGrad;
            if (training && !needInputGrad) {
                // the first layer needs no image gradient, and libnd4j's conv2d_bp computes one anyway
                // (6.4 ms of the MNIST step at batch 32, single input channel); im2col + one GEMM: ~1 ms
                weightGradient = new WeightGradient(in, s, co, k, z, g);
                gB = gW = dz = dIn = null;
                convBp = null;
            } else if (training) {
                weightGradient = null;
                gB = g.get(NDArrayIndex.interval(0, co));
                gW = g.get(NDArrayIndex.interval(co, g.length())).reshape('c', co, s.channels(), k, k);
                dz = Nd4j.create(DataType.FLOAT, batch, co, oh, ow);
                dIn = Nd4j.create(DataType.FLOAT, in.shape());
                convBp = op("conv2d_bp", arrays(in, w, b, dz), arrays(dIn, gW, gB), iArgs);
            } else {
                weightGradient = null;
                gB = gW = dz = dIn = null;
                convBp = null;
            }
        }

        @Override
        void forward() {
            Nd4j.exec(conv);
            Nd4j.exec(relu);
        }

        @Override
        INDArray backward(INDArray dOut) {
            if (weightGradient != null) {
                weightGradient.compute(dOut);
                return null;
            }
            Nd4j.exec(op("relu_bp", arrays(z, dOut), arrays(dz), new int[0], 0.0));
            Nd4j.exec(convBp);
            return needInputGrad ? dIn : null;
        }
    }

    /**
     * Weight and bias gradients of a convolution + ReLU without the input gradient, as one GEMM: the
     * ReLU'd output gradient, a [out channels] x [batch * positions] matrix, times the transposed
     * im2col matrix of the input, [in channels * k * k + 1] x [batch * positions], whose last row is
     * ones so that the product's last column is the bias gradient.
     */
    private static final class WeightGradient {
        final INDArray in;
        final INDArray z;
        final int batch;
        final int ci;
        final int h;
        final int w;
        final int co;
        final int k;
        final int oh;
        final int ow;
        final int taps;
        final float[] x;
        final float[] zv;
        final float[] d;
        final float[] dzRows;
        final float[] cols;
        final float[] product;
        final float[] layer;
        final INDArray dzMatrix;
        final INDArray colMatrix;
        final INDArray productMatrix;
        final INDArray g;

        WeightGradient(INDArray in, Architecture.Shape s, int co, int k, INDArray z, INDArray g) {
            this.in = in;
            this.z = z;
            this.g = g;
            this.batch = (int) in.size(0);
            this.ci = s.channels();
            this.h = s.height();
            this.w = s.width();
            this.co = co;
            this.k = k;
            this.oh = h - k + 1;
            this.ow = w - k + 1;
            this.taps = ci * k * k;
            int positions = batch * oh * ow;
            x = new float[batch * ci * h * w];
            zv = new float[positions * co];
            d = new float[positions * co];
            dzRows = new float[positions * co];
            cols = new float[positions * (taps + 1)];
            java.util.Arrays.fill(cols, taps * positions, cols.length, 1f);
            product = new float[co * (taps + 1)];
            layer = new float[co * (taps + 1)];
            dzMatrix = Nd4j.create(DataType.FLOAT, co, positions);
            colMatrix = Nd4j.create(DataType.FLOAT, taps + 1, positions);
            productMatrix = Nd4j.create(DataType.FLOAT, co, taps + 1);
        }

        /**
         * All ones when {@code z > 0} (ReLU passes the gradient), else zero; without a branch, since the
         * sign of a pre-activation is random (a branch here cost ~1 ms of the MNIST step).
         */
        private static int positive(float z) {
            int bits = Float.floatToRawIntBits(z);
            return (-bits & ~bits) >> 31; // bits > 0: +0.0 and -0.0 (Integer.MIN_VALUE) give 0
        }

        void compute(INDArray dOut) {
            read(in, x);
            read(z, zv);
            read(dOut, d);
            int plane = oh * ow;
            int positions = batch * plane;
            for (int c = 0; c < co; c++) {
                for (int n = 0; n < batch; n++) {
                    int src = (n * co + c) * plane;
                    int dst = c * positions + n * plane;
                    for (int q = 0; q < plane; q++) {
                        dzRows[dst + q] = Float.intBitsToFloat(Float.floatToRawIntBits(d[src + q]) & positive(zv[src + q]));
                    }
                }
            }
            // cols[tap][n, i, j] = x[n][c][i + a][j + b]: one copy of ow values per (tap, n, i)
            for (int c = 0; c < ci; c++) {
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        int t = (c * k + a) * k + b;
                        int dst = t * positions;
                        for (int n = 0; n < batch; n++) {
                            int src = (n * ci + c) * h * w + a * w + b;
                            for (int i = 0; i < oh; i++) {
                                System.arraycopy(x, src + i * w, cols, dst, ow);
                                dst += ow;
                            }
                        }
                    }
                }
            }
            write(dzRows, dzMatrix);
            write(cols, colMatrix);
            Nd4j.gemm(dzMatrix, colMatrix, productMatrix, false, true, 1.0, 0.0);
            read(productMatrix, product);
            // the shared layout puts the co biases first, then the weights [co][taps]
            for (int c = 0; c < co; c++) {
                layer[c] = product[c * (taps + 1) + taps];
                System.arraycopy(product, c * (taps + 1), layer, co + c * taps, taps);
            }
            g.data().asNioFloat().put((int) g.offset(), layer, 0, layer.length);
        }
    }

    /**
     * Non-overlapping max pooling, NCHW, in plain Java with the winner of each window remembered for
     * the backward pass. libnd4j's maxpool2d and maxpool2d_bp took 4.5 and 6.6 ms for the MNIST CNN's
     * first pooling at batch 32 (a third of a training step); this loop takes a fraction of a millisecond.
     */
    private static final class PoolStage extends Stage {
        final INDArray in;
        final INDArray dIn;
        final int size;
        final int planes;
        final int h;
        final int w;
        final int oh;
        final int ow;
        final float[] x;
        final float[] y;
        final int[] winner;
        final float[] dy;
        final float[] dx;
        final boolean training;

        PoolStage(INDArray in, int size, boolean training) {
            if (size != 2) {
                throw new IllegalArgumentException("the ops worker pools 2 x 2 windows only, not " + size + " x " + size);
            }
            this.in = in;
            this.training = training;
            this.size = size;
            long[] shape = in.shape();
            planes = Math.toIntExact(shape[0] * shape[1]);
            h = (int) shape[2];
            w = (int) shape[3];
            oh = h / size;
            ow = w / size;
            out = Nd4j.create(DataType.FLOAT, shape[0], shape[1], oh, ow);
            x = new float[planes * h * w];
            y = new float[planes * oh * ow];
            winner = training ? new int[y.length] : null; // evaluation takes Math.max, no winners
            dy = training ? new float[y.length] : null;
            dx = training ? new float[x.length] : null;
            dIn = training ? Nd4j.create(DataType.FLOAT, shape) : null;
        }

        @Override
        void forward() {
            read(in, x);
            forward2x2();
            write(y, out);
        }

        /**
         * The CNNs' case. Which value of a window wins is random, so comparisons that branch
         * mispredict half the time (2.3 ms for the MNIST CNN's first pooling at batch 32): the winner is
         * chosen with the sign bit of a difference instead (0.8 ms), and without winners (evaluation)
         * with Math.max (0.3 ms). Ties go to the first value in row-major order.
         */
        private void forward2x2() {
            int k = 0;
            for (int p = 0; p < planes; p++) {
                int base = p * h * w;
                for (int i = 0; i < oh; i++) {
                    int row = base + 2 * i * w;
                    if (!training) {
                        for (int j = 0; j < ow; j++, k++) {
                            int r = row + 2 * j;
                            y[k] = Math.max(Math.max(x[r], x[r + 1]), Math.max(x[r + w], x[r + w + 1]));
                        }
                        continue;
                    }
                    for (int j = 0; j < ow; j++, k++) {
                        int r = row + 2 * j;
                        int top = larger(x[r], x[r + 1]);
                        int topAt = r + firstLost(x[r], x[r + 1]);
                        int bottom = larger(x[r + w], x[r + w + 1]);
                        int bottomAt = r + w + firstLost(x[r + w], x[r + w + 1]);
                        float t = Float.intBitsToFloat(top);
                        float b = Float.intBitsToFloat(bottom);
                        int below = firstLost(t, b);
                        y[k] = Float.intBitsToFloat(top ^ ((top ^ bottom) & -below));
                        winner[k] = topAt + ((bottomAt - topAt) & -below);
                    }
                }
            }
        }

        /** 1 when {@code second > first}, else 0, from the sign of their difference. */
        private static int firstLost(float first, float second) {
            return Float.floatToRawIntBits(first - second) >>> 31;
        }

        /** The bits of the larger of two values (the first on a tie), without a branch. */
        private static int larger(float first, float second) {
            int a = Float.floatToRawIntBits(first);
            int b = Float.floatToRawIntBits(second);
            return a ^ ((a ^ b) & -firstLost(first, second));
        }

        @Override
        INDArray backward(INDArray dOut) {
            read(dOut, dy);
            java.util.Arrays.fill(dx, 0f);
            for (int k = 0; k < dy.length; k++) {
                dx[winner[k]] += dy[k];
            }
            write(dx, dIn);
            return dIn;
        }
    }

    /** Copies a whole, contiguous array's values into {@code dst}. */
    private static void read(INDArray a, float[] dst) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.isView() && a.length() != a.data().length()) {
            a = a.dup('c');
        }
        a.data().asNioFloat().get(0, dst, 0, dst.length);
    }

    private static void write(float[] src, INDArray a) {
        a.data().asNioFloat().put(0, src, 0, src.length);
    }

    /** Fully connected layer, weights W[o][i] (DL4J's [in, out] in 'f' order), optionally followed by ReLU. */
    private static final class DenseStage extends Stage {
        final INDArray in2;
        final INDArray w;
        final INDArray b;
        final INDArray z;
        final INDArray dz;
        final INDArray gW;
        final INDArray gB;
        final INDArray ones;
        final INDArray dIn;
        final INDArray dIn2;
        final DynamicCustomOp relu;
        final boolean hasRelu;

        DenseStage(INDArray in, int n, int m, boolean hasRelu, INDArray p, INDArray g, boolean training, boolean needInputGrad) {
            long batch = in.size(0);
            this.hasRelu = hasRelu;
            in2 = in.reshape('c', batch, n);
            w = p.get(NDArrayIndex.interval(0, (long) n * m)).reshape('c', m, n);
            b = p.get(NDArrayIndex.interval((long) n * m, p.length())).reshape('c', 1, m);
            z = Nd4j.create(DataType.FLOAT, batch, m);
            out = hasRelu ? Nd4j.create(DataType.FLOAT, batch, m) : z;
            relu = hasRelu ? op("relu", arrays(z), arrays(out), new int[0], 0.0) : null;
            if (training) {
                gW = g.get(NDArrayIndex.interval(0, (long) n * m)).reshape('c', m, n);
                gB = g.get(NDArrayIndex.interval((long) n * m, g.length())).reshape('c', 1, m);
                dz = hasRelu ? Nd4j.create(DataType.FLOAT, batch, m) : null;
                ones = Nd4j.ones(DataType.FLOAT, 1, batch);
                dIn = needInputGrad ? Nd4j.create(DataType.FLOAT, in.shape()) : null;
                dIn2 = needInputGrad ? dIn.reshape('c', batch, n) : null;
            } else {
                gW = gB = dz = ones = dIn = dIn2 = null;
            }
        }

        @Override
        void forward() {
            Nd4j.gemm(in2, w, z, false, true, 1.0, 0.0);
            z.addiRowVector(b);
            if (hasRelu) {
                Nd4j.exec(relu);
            }
        }

        @Override
        INDArray backward(INDArray dOut) {
            INDArray d = dOut.reshape('c', z.size(0), z.size(1));
            if (hasRelu) {
                Nd4j.exec(op("relu_bp", arrays(z, d), arrays(dz), new int[0], 0.0));
                d = dz;
            }
            Nd4j.gemm(d, in2, gW, true, false, 1.0, 0.0);
            Nd4j.gemm(ones, d, gB, false, false, 1.0, 0.0);
            if (dIn2 != null) {
                Nd4j.gemm(d, w, dIn2, false, false, 1.0, 0.0);
            }
            return dIn;
        }
    }
}
