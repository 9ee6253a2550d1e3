package io.aegis.data;

import io.aegis.util.Seeds;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ways to split a training set among clients. Each returns, per client, the indices of its
 * examples in the training set; clients are disjoint and together hold every example once.
 */
public final class Partitions {
    public static final List<String> NAMES = List.of("iid", "dirichlet", "shards");

    private Partitions() {}

    /** Seeded shuffle, then contiguous near-equal parts (sizes differ by at most one). */
    public static int[][] iid(int n, int numClients, long seed) {
        requireEnough(n, numClients, "iid");
        int[] order = RandomDraws.permutation(n, Seeds.stream(seed, "partition-iid"));
        int[][] parts = new int[numClients][];
        for (int k = 0; k < numClients; k++) {
            int from = (int) ((long) k * n / numClients);
            int to = (int) ((long) (k + 1) * n / numClients);
            parts[k] = Arrays.copyOfRange(order, from, to);
        }
        return parts;
    }

    /**
     * Dirichlet label skew (Hsu, Qi and Brown 2019, "Measuring the effects of non-identical data
     * distribution"), in the per-class form of FedMA and NIID-Bench: for every class, proportions
     * p ~ Dirichlet(alpha) over the clients, and that class's (shuffled) examples cut at the
     * cumulative proportions. Small alpha gives each client few classes. A client left
     * empty takes one example from the currently largest client, so every client can train.
     */
    public static int[][] dirichlet(int[] labels, int numClasses, int numClients, double alpha, long seed) {
        requireEnough(labels.length, numClients, "dirichlet");
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("dirichlet alpha must be > 0, got " + alpha);
        }
        int[][] byClass = indicesByClass(labels, numClasses);
        IntList[] clients = new IntList[numClients];
        for (int k = 0; k < numClients; k++) {
            clients[k] = new IntList();
        }
        for (int c = 0; c < numClasses; c++) {
            SplittableRandom rng = Seeds.stream(seed, "partition-dirichlet", c);
            int[] members = byClass[c];
            RandomDraws.shuffle(members, rng);
            double[] p = RandomDraws.dirichlet(alpha, numClients, rng);
            double cumulative = 0;
            int from = 0;
            for (int k = 0; k < numClients; k++) {
                cumulative += p[k];
                int to = k == numClients - 1 ? members.length
                        : (int) Math.min(members.length, Math.round(cumulative * members.length));
                for (int i = from; i < to; i++) {
                    clients[k].add(members[i]);
                }
                from = Math.max(from, to);
            }
        }
        for (int k = 0; k < numClients; k++) {
            if (clients[k].size == 0) {
                int largest = 0;
                for (int j = 1; j < numClients; j++) {
                    if (clients[j].size > clients[largest].size) {
                        largest = j;
                    }
                }
                clients[k].add(clients[largest].removeLast());
            }
        }
        int[][] parts = new int[numClients][];
        for (int k = 0; k < numClients; k++) {
            parts[k] = clients[k].toArray();
        }
        return parts;
    }

    /**
     * McMahan et al. 2017 (FedAvg's pathological non-IID split): examples sorted by label (random
     * order within a label), cut into numClients * shardsPerClient equal shards, and shardsPerClient
     * shards dealt at random to each client, so a client sees about shardsPerClient classes.
     */
    public static int[][] shards(int[] labels, int numClasses, int numClients, int shardsPerClient, long seed) {
        if (shardsPerClient < 1) {
            throw new IllegalArgumentException("shards-per-client must be >= 1, got " + shardsPerClient);
        }
        int n = labels.length;
        long shardCount = (long) numClients * shardsPerClient;
        if (shardCount > n) {
            throw new IllegalArgumentException("shards: " + numClients + " clients x " + shardsPerClient
                    + " shards need at least " + shardCount + " training examples, the data set has " + n);
        }
        SplittableRandom rng = Seeds.stream(seed, "partition-shards");
        int[][] byClass = indicesByClass(labels, numClasses);
        int[] sorted = new int[n];
        int pos = 0;
        for (int[] members : byClass) {
            RandomDraws.shuffle(members, rng);
            System.arraycopy(members, 0, sorted, pos, members.length);
            pos += members.length;
        }
        int s = (int) shardCount;
        int[] deal = RandomDraws.permutation(s, rng);
        int[][] parts = new int[numClients][];
        for (int k = 0; k < numClients; k++) {
            IntList mine = new IntList();
            for (int j = 0; j < shardsPerClient; j++) {
                int shard = deal[k * shardsPerClient + j];
                int from = (int) ((long) shard * n / s);
                int to = (int) ((long) (shard + 1) * n / s);
                for (int i = from; i < to; i++) {
                    mine.add(sorted[i]);
                }
            }
            parts[k] = mine.toArray();
        }
        return parts;
    }

    static int[][] indicesByClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        return byClass;
    }

    private static void requireEnough(int n, int numClients, String scheme) {
        if (numClients < 1) {
            throw new IllegalArgumentException("need at least one client, got " + numClients);
        }
        if (numClients > n) {
            throw new IllegalArgumentException(scheme + ": " + numClients + " clients but only " + n
                    + " training examples; every client needs at least one");
        }
    }

    /** A growable int array, to avoid boxing millions of indices. */
    private static final class IntList {
        int[] a = new int[16];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int removeLast() {
            return a[--size];
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
