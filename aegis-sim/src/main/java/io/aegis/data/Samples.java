package io.aegis.data;

/**
 * A set of labelled examples in one contiguous array: example i's features are
 * {@code features[i * featureLength .. (i + 1) * featureLength)}, laid out in the model's input
 * order (NCHW flattened for images, values scaled to [0, 1]), and its class is {@code labels[i]}.
 */
public record Samples(float[] features, int[] labels, int featureLength, int numClasses) {

    public Samples {
        if (labels.length * (long) featureLength != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values, expected "
                    + labels.length + " x " + featureLength);
        }
    }

    public int count() {
        return labels.length;
    }

    /** The examples at the given indices, copied, in that order. */
    public Samples subset(int[] indices) {
        float[] f = new float[indices.length * featureLength];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * featureLength, f, k * featureLength, featureLength);
            l[k] = labels[indices[k]];
        }
        return new Samples(f, l, featureLength, numClasses);
    }
}
