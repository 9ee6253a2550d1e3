package io.aegis.attack;

import java.util.Arrays;

/**
 * A backdoor's pixel-pattern trigger (BadNets, Gu et al. 2017): for image inputs {C, H, W} a
 * size x size square in the bottom-right corner, every channel set to {@code value} (1.0 is white
 * on features scaled to [0, 1]); for any other input shape the last {@code size} features.
 */
public final class Trigger {
    private final int[] positions;
    private final float value;
    private final int featureLength;

    public Trigger(int[] inputShape, int size, float value) {
        int length = 1;
        for (int s : inputShape) {
            length *= s;
        }
        if (size < 1) {
            throw new IllegalArgumentException("trigger size must be at least 1, got " + size);
        }
        this.featureLength = length;
        this.value = value;
        if (inputShape.length == 3) {
            int c = inputShape[0];
            int h = inputShape[1];
            int w = inputShape[2];
            if (size > Math.min(h, w)) {
                throw new IllegalArgumentException("trigger size " + size + " does not fit a " + h + " x " + w + " image");
            }
            positions = new int[c * size * size];
            int k = 0;
            for (int ch = 0; ch < c; ch++) {
                for (int r = h - size; r < h; r++) {
                    for (int col = w - size; col < w; col++) {
                        positions[k++] = ch * h * w + r * w + col;
                    }
                }
            }
        } else {
            if (size > length) {
                throw new IllegalArgumentException("trigger size " + size + " exceeds the " + length + " input features");
            }
            positions = new int[size];
            for (int k = 0; k < size; k++) {
                positions[k] = length - size + k;
            }
        }
    }

    /** Flat feature indices (within one example) the trigger sets, ascending. */
    public int[] positions() {
        return positions.clone();
    }

    public float value() {
        return value;
    }

    public int featureLength() {
        return featureLength;
    }

    /** Stamps the trigger on the example starting at {@code offset} of {@code features}. */
    void stamp(float[] features, int offset) {
        for (int p : positions) {
            features[offset + p] = value;
        }
    }

    @Override
    public String toString() {
        return "Trigger" + Arrays.toString(positions) + "=" + value;
    }
}
