package io.aegis.model;

/** A dense-only {@link Model} trained in plain Java; see {@link DenseJavaWorker}. */
final class DenseJavaModel implements Model {
    private final Architecture arch;

    DenseJavaModel(Architecture arch) {
        if (arch.isConvolutional()) {
            throw new IllegalArgumentException(arch.name() + " is convolutional; java-dense handles dense layers only");
        }
        this.arch = arch;
    }

    @Override
    public String name() {
        return arch.name();
    }

    @Override
    public int numParams() {
        return arch.numParams();
    }

    @Override
    public float[] initialParameters(long seed) {
        return arch.initialParameters(seed);
    }

    @Override
    public ModelWorker newWorker() {
        return new DenseJavaWorker(arch);
    }
}
