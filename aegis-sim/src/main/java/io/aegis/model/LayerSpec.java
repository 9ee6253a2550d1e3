package io.aegis.model;

/**
 * One layer of a model architecture. Convolutions and hidden dense layers are followed by ReLU;
 * the output layer is dense + softmax, trained with cross-entropy.
 */
public sealed interface LayerSpec {

    /** Square {@code kernel} x {@code kernel} convolution, stride 1, no padding, then ReLU. */
    record Conv(int kernel, int channels) implements LayerSpec {}

    /** Non-overlapping {@code size} x {@code size} max pooling (a trailing partial window is dropped). */
    record MaxPool(int size) implements LayerSpec {}

    /** Fully connected layer of {@code units}, then ReLU. */
    record Dense(int units) implements LayerSpec {}

    /** Fully connected output layer of {@code classes}, then softmax. */
    record Output(int classes) implements LayerSpec {}
}
