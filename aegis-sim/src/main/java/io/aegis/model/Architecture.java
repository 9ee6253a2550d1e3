package io.aegis.model;

import io.aegis.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A model's layers applied to an input shape, with the flat parameter layout every implementation
 * shares. The layout is DL4J's, so a DL4J network can take the vector as it is: per layer in order,
 * a convolution holds its bias then its kernel {@code [out][in][kh][kw]}; a dense layer holds its
 * weights with the input index fastest ({@code W[o * in + i]}) then its bias.
 */
public record Architecture(String name, int[] inputShape, List<LayerSpec> layers) {

    /** The shape a layer sees and produces: channels x height x width, or a flat vector (height = width = 1). */
    public record Shape(int channels, int height, int width) {
        public int size() {
            return channels * height * width;
        }
    }

    public Architecture {
        inputShape = inputShape.clone();
        layers = List.copyOf(layers);
        if (inputShape.length != 1 && inputShape.length != 3) {
            throw new IllegalArgumentException(name + ": input shape must be {features} or {channels, height, width}, got "
                    + Arrays.toString(inputShape));
        }
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof LayerSpec.Output)) {
            throw new IllegalArgumentException(name + ": the last layer must be the softmax output");
        }
        shapes(inputShape, layers, name); // fails early on shapes that do not fit
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    public Shape input() {
        return inputShape.length == 3 ? new Shape(inputShape[0], inputShape[1], inputShape[2]) : new Shape(inputShape[0], 1, 1);
    }

    public boolean isConvolutional() {
        return layers.stream().anyMatch(l -> l instanceof LayerSpec.Conv || l instanceof LayerSpec.MaxPool);
    }

    public int featureLength() {
        return input().size();
    }

    public int numClasses() {
        return ((LayerSpec.Output) layers.get(layers.size() - 1)).classes();
    }

    /** {@code shapes().get(i)} is the input of layer i; the last entry is the output. */
    public List<Shape> shapes() {
        return shapes(inputShape, layers, name);
    }

    /** Number of parameters of layer i. */
    public int layerParams(int i) {
        Shape in = shapes().get(i);
        LayerSpec l = layers.get(i);
        if (l instanceof LayerSpec.Conv c) {
            return c.channels() * in.channels() * c.kernel() * c.kernel() + c.channels();
        } else if (l instanceof LayerSpec.Dense d) {
            return in.size() * d.units() + d.units();
        } else if (l instanceof LayerSpec.Output o) {
            return in.size() * o.classes() + o.classes();
        }
        return 0;
    }

    public int numParams() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) {
            n += layerParams(i);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": too many parameters (" + n + ")");
        }
        return (int) n;
    }

    /**
     * Initial parameters, a pure function of the seed: He-uniform weights for the ReLU layers
     * (bound sqrt(6 / fan-in)), Glorot-uniform for the softmax layer (bound sqrt(6 / (fan-in + fan-out))),
     * zero biases.
     */
    public float[] initialParameters(long seed) {
        float[] p = new float[numParams()];
        List<Shape> shapes = shapes();
        int offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            Shape in = shapes.get(i);
            SplittableRandom rng = Seeds.stream(seed, "model-init", i);
            if (l instanceof LayerSpec.Conv c) {
                int fanIn = in.channels() * c.kernel() * c.kernel();
                offset += c.channels(); // bias first, zero
                offset = fillUniform(p, offset, c.channels() * fanIn, Math.sqrt(6.0 / fanIn), rng);
            } else if (l instanceof LayerSpec.Dense d) {
                offset = fillUniform(p, offset, in.size() * d.units(), Math.sqrt(6.0 / in.size()), rng);
                offset += d.units();
            } else if (l instanceof LayerSpec.Output o) {
                offset = fillUniform(p, offset, in.size() * o.classes(), Math.sqrt(6.0 / (in.size() + o.classes())), rng);
                offset += o.classes();
            }
        }
        return p;
    }

    private static int fillUniform(float[] p, int offset, int count, double bound, SplittableRandom rng) {
        for (int k = 0; k < count; k++) {
            p[offset + k] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return offset + count;
    }

    private static List<Shape> shapes(int[] inputShape, List<LayerSpec> layers, String name) {
        List<Shape> out = new ArrayList<>();
        Shape s = inputShape.length == 3 ? new Shape(inputShape[0], inputShape[1], inputShape[2]) : new Shape(inputShape[0], 1, 1);
        if (s.channels() < 1 || s.height() < 1 || s.width() < 1) {
            throw new IllegalArgumentException(name + ": invalid input shape " + Arrays.toString(inputShape));
        }
        out.add(s);
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Conv c) {
                s = new Shape(c.channels(), s.height() - c.kernel() + 1, s.width() - c.kernel() + 1);
            } else if (l instanceof LayerSpec.MaxPool m) {
                s = new Shape(s.channels(), s.height() / m.size(), s.width() / m.size());
            } else if (l instanceof LayerSpec.Dense d) {
                s = new Shape(d.units(), 1, 1);
            } else if (l instanceof LayerSpec.Output o) {
                s = new Shape(o.classes(), 1, 1);
            }
            if (s.height() < 1 || s.width() < 1 || s.channels() < 1) {
                throw new IllegalArgumentException(name + ": input shape " + Arrays.toString(inputShape)
                        + " is too small for layer " + l);
            }
            out.add(s);
        }
        return out;
    }
}
