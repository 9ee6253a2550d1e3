package io.aegis.model;

import java.util.function.Function;

/**
 * A {@link Model} of one {@link Architecture} on one implementation ("dl4j-mln", "java-dense",
 * "nd4j-ops"): they share the flat parameter layout and the initial parameters, and differ only in
 * the workers that train and evaluate.
 */
final class ArchitectureModel implements Model {
    private final Architecture arch;
    private final String implementation;
    private final Function<Architecture, ModelWorker> workers;

    ArchitectureModel(Architecture arch, String implementation, Function<Architecture, ModelWorker> workers) {
        this.arch = arch;
        this.implementation = implementation;
        this.workers = workers;
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
        return workers.apply(arch);
    }

    String implementation() {
        return implementation;
    }

    @Override
    public String toString() {
        return arch.name() + " on " + implementation;
    }
}
