package io.aegis.model;

import io.aegis.data.Samples;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A worker backed by a DL4J {@code MultiLayerNetwork}: plain SGD (the stateless {@code Sgd} updater,
 * gradient averaged over the mini-batch), float32, softmax cross-entropy.
 */
final class MlnWorker implements ModelWorker {
    private final Architecture arch;
    private final MultiLayerNetwork net;
    private double learningRate;

    MlnWorker(Architecture arch) {
        this(arch, HELPERS);
    }

    MlnWorker(Architecture arch, boolean oneDnnHelpers) {
        this.arch = arch;
        this.learningRate = 0.01;
        this.net = new MultiLayerNetwork(configuration(arch, learningRate));
        net.init();
        if (oneDnnHelpers) {
            OneDnnHelpers.attach(net);
        }
    }

    /** Whether conv/pool layers run through libnd4j's oneDNN ops ({@code -Daegis.onednn-helpers=false} to compare). */
    static final boolean HELPERS = Boolean.parseBoolean(System.getProperty("aegis.onednn-helpers", "true"))
            && NativeBackend.oneDnn();

    static org.deeplearning4j.nn.conf.MultiLayerConfiguration configuration(Architecture arch, double learningRate) {
        var list = new NeuralNetConfiguration.Builder()
                .seed(0) // the parameters are always overwritten; see Architecture.initialParameters
                .dataType(DataType.FLOAT)
                .updater(new Sgd(learningRate))
                .weightInit(WeightInit.XAVIER)
                .cacheMode(CacheMode.DEVICE)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        for (LayerSpec l : arch.layers()) {
            if (l instanceof LayerSpec.Conv c) {
                list.layer(new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(1, 1).nOut(c.channels())
                        .activation(Activation.RELU).build());
            } else if (l instanceof LayerSpec.MaxPool m) {
                list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(m.size(), m.size()).stride(m.size(), m.size()).build());
            } else if (l instanceof LayerSpec.Dense d) {
                list.layer(new DenseLayer.Builder().nOut(d.units()).activation(Activation.RELU).build());
            } else if (l instanceof LayerSpec.Output o) {
                list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(o.classes())
                        .activation(Activation.SOFTMAX).build());
            }
        }
        Architecture.Shape in = arch.input();
        list.setInputType(arch.isConvolutional()
                ? InputType.convolutionalFlat(in.height(), in.width(), in.channels())
                : InputType.feedForward(in.size()));
        return list.build();
    }

    @Override
    public float[] train(float[] global, Samples data, TrainingParams params, long seed) {
        Inputs.checkParams(arch, global);
        Inputs.checkSamples(arch, data);
        float[] update = new float[global.length];
        if (data.count() == 0 || params.localSteps() == 0) {
            return update;
        }
        setLearningRate(params.learningRate());
        setParams(global);
        int batch = Math.min(params.batchSize(), data.count());
        int classes = arch.numClasses();
        int len = arch.featureLength();
        BatchSampler sampler = new BatchSampler(data.count(), seed);
        int[] indices = new int[batch];
        float[] features = new float[batch * len];
        float[] labels = new float[batch * classes];
        for (int step = 0; step < params.localSteps(); step++) {
            sampler.nextBatch(indices);
            Inputs.pack(data, indices, batch, features, labels, classes);
            net.fit(Nd4j.create(features, new long[] {batch, len}, 'c'), Nd4j.create(labels, new long[] {batch, classes}, 'c'));
        }
        float[] local = net.params().toFloatVector(); // params() is a live view: copy before using it
        for (int i = 0; i < update.length; i++) {
            update[i] = local[i] - global[i];
        }
        return update;
    }

    @Override
    public Evaluation evaluate(float[] params, Samples test) {
        Inputs.checkParams(arch, params);
        Inputs.checkSamples(arch, test);
        setParams(params);
        int classes = arch.numClasses();
        int len = arch.featureLength();
        Inputs.Scores scores = new Inputs.Scores();
        for (int from = 0; from < test.count(); from += Inputs.EVAL_BATCH) {
            int rows = Math.min(Inputs.EVAL_BATCH, test.count() - from);
            float[] features = java.util.Arrays.copyOfRange(test.features(), from * len, (from + rows) * len);
            INDArray out = net.output(Nd4j.create(features, new long[] {rows, len}, 'c'), false);
            scores.add(Nd4j.toFlattened('c', out).toFloatVector(), test.labels(), from, rows, classes);
        }
        return scores.result();
    }

    private void setParams(float[] flat) {
        net.params().assign(Nd4j.create(flat, new long[] {1, flat.length}, 'c'));
    }

    private void setLearningRate(double lr) {
        if (lr != learningRate) {
            net.setLearningRate(lr);
            learningRate = lr;
        }
    }
}
