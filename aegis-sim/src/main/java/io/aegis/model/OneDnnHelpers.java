package io.aegis.model;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Puts DL4J's oneDNN helpers on a network's convolution and pooling layers. DL4J 1.0.0-M2.1 never
 * does so itself: helper creation is off unless {@code org.eclipse.deeplearning4j.helpers.disable=false},
 * and even then {@code BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, which no longer exists in M2.1,
 * so every helper is dropped as "unsupported". The helpers themselves call libnd4j's conv2d and
 * maxpool2d ops, which use oneDNN in the oneDNN builds.
 */
final class OneDnnHelpers {
    private OneDnnHelpers() {}

    static void attach(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                set(ConvolutionLayer.class, layer, new MKLDNNConvHelper(DataType.FLOAT));
            } else if (layer instanceof SubsamplingLayer) {
                set(SubsamplingLayer.class, layer, new MKLDNNSubsamplingHelper(DataType.FLOAT));
            }
        }
    }

    private static void set(Class<?> owner, Object layer, Object helper) {
        try {
            Field f = owner.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot attach oneDNN helper to " + owner.getSimpleName(), e);
        }
    }
}
