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
        params.data().setData(global);
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
            plan.input.data().setData(features);
            plan.forward();
            plan.backward(oneHot);
            Nd4j.getBlasWrapper().level1().axpy(grads.length(), -p.learningRate(), grads, params);
        }
        float[] local = params.data().asFloat();
        for (int i = 0; i < update.length; i++) {
            update[i] = local[i] - global[i];
        }
        return update;
    }

    @Override
    public Evaluation evaluate(float[] flat, Samples test) {
        Inputs.checkParams(arch, flat);
        Inputs.checkSamples(arch, test);
        params.data().setData(flat);
        int len = arch.featureLength();
        int classes = arch.numClasses();
        Inputs.Scores scores = new Inputs.Scores();
        int evalBatch = evalBatch();
        for (int from = 0; from < test.count(); from += evalBatch) {
            int rows = Math.min(evalBatch, test.count() - from);
            Plan plan = plan(rows, false);
            plan.input.data().setData(java.util.Arrays.copyOfRange(test.features(), from * len, (from + rows) * len));
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
            float[] z = logits.data().asFloat();
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
            dLogits.data().setData(d);
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
            if (training) {
                gB = g.get(NDArrayIndex.interval(0, co));
                gW = g.get(NDArrayIndex.interval(co, g.length())).reshape('c', co, s.channels(), k, k);
                dz = Nd4j.create(DataType.FLOAT, batch, co, oh, ow);
                // conv2d_bp also computes the first layer's unused image gradient; getting only the weight
                // gradient from im2col + gemm measured slower (20.6 vs 19.0 ms per MNIST step)
                dIn = Nd4j.create(DataType.FLOAT, in.shape());
                convBp = op("conv2d_bp", arrays(in, w, b, dz), arrays(dIn, gW, gB), iArgs);
            } else {
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
            Nd4j.exec(op("relu_bp", arrays(z, dOut), arrays(dz), new int[0], 0.0));
            Nd4j.exec(convBp);
            return needInputGrad ? dIn : null;
        }
    }

    /** Non-overlapping max pooling, NCHW. */
    private static final class PoolStage extends Stage {
        final DynamicCustomOp pool;
        final INDArray dIn;
        final INDArray in;
        final int[] iArgs;

        PoolStage(INDArray in, int size, boolean training) {
            this.in = in;
            long[] shape = in.shape();
            out = Nd4j.create(DataType.FLOAT, shape[0], shape[1], shape[2] / size, shape[3] / size);
            iArgs = new int[] {size, size, size, size, 0, 0, 1, 1, 0, 0, 0}; // kernel, stride, padding, dilation, valid, extra, NCHW
            pool = op("maxpool2d", arrays(in), arrays(out), iArgs);
            dIn = training ? Nd4j.create(DataType.FLOAT, shape) : null;
        }

        @Override
        void forward() {
            Nd4j.exec(pool);
        }

        @Override
        INDArray backward(INDArray dOut) {
            Nd4j.exec(op("maxpool2d_bp", arrays(in, dOut), arrays(dIn), iArgs));
            return dIn;
        }
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
