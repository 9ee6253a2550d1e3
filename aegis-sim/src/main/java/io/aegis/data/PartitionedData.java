package io.aegis.data;

/**
 * A published data set split among clients by index: the training examples are held once, and a
 * client's samples are a view of them ({@link #clientView}) or copied out of them when asked for
 * ({@link #client}), so only index arrays are kept per client.
 */
public final class PartitionedData implements FederatedData {
    private final String name;
    private final Samples train;
    private final Samples test;
    private final int[][] clientIndices;
    private final int[] inputShape;

    public PartitionedData(String name, Samples train, Samples test, int[][] clientIndices, int[] inputShape) {
        this.name = name;
        this.train = train;
        this.test = test;
        this.clientIndices = clientIndices;
        this.inputShape = inputShape.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int numClients() {
        return clientIndices.length;
    }

    @Override
    public Samples client(int id) {
        return train.subset(clientIndices[id]);
    }

    @Override
    public SampleView clientView(int id) {
        return new SampleView(train, clientIndices[id]);
    }

    @Override
    public int clientSize(int id) {
        return clientIndices[id].length;
    }

    /** The training-set indices client {@code id} holds (a copy). */
    public int[] clientIndices(int id) {
        return clientIndices[id].clone();
    }

    /** The whole training set the clients share, e.g. for a centralised baseline. */
    public Samples train() {
        return train;
    }

    @Override
    public Samples test() {
        return test;
    }

    @Override
    public int numClasses() {
        return train.numClasses();
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }
}
