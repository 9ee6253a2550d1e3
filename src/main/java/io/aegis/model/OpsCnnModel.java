package io.aegis.model;

/** A {@link Model} whose workers run the network as direct libnd4j ops; see {@link OpsCnnWorker}. */
final class OpsCnnModel implements Model {
    private final Architecture arch;

    OpsCnnModel(Architecture arch) {
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
        return new OpsCnnWorker(arch);
    }
}
