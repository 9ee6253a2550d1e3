package io.aegis.model;

/** A {@link Model} whose workers are DL4J {@code MultiLayerNetwork}s. */
final class MlnModel implements Model {
    private final Architecture arch;

    MlnModel(Architecture arch) {
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
        return new MlnWorker(arch);
    }

    Architecture architecture() {
        return arch;
    }
}
