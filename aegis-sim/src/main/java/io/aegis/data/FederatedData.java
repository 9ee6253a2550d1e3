package io.aegis.data;

/**
 * A data set split among a population of clients plus a global held-out test set.
 * Implementations may build a client's samples on demand (the synthetic set does, so that
 * 100,000 clients need not be held in memory); the same client id always gives the same samples.
 */
public interface FederatedData {

    /** Data set name as the scenario spells it. */
    String name();

    int numClients();

    /** The local training samples of client {@code id} (0-based). */
    Samples client(int id);

    /**
     * The same examples as {@link #client(int)} as a view, without copying them where the data set
     * holds them once for every client (training reads them in place; an attack that poisons them
     * still copies, through {@link SampleView#materialize()}).
     */
    default SampleView clientView(int id) {
        return new SampleView(client(id), null);
    }

    /** Number of training samples client {@code id} holds (FedAvg weights), without materialising them. */
    int clientSize(int id);

    /** The global held-out test set. */
    Samples test();

    int numClasses();

    /** Input shape of one example, e.g. {1, 28, 28} for MNIST or {54} for Spambase. */
    int[] inputShape();
}
