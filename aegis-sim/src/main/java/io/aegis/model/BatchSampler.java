package io.aegis.model;

import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/**
 * Mini-batch indices for local training, drawn from the training seed: the client's examples are
 * walked in epoch-shuffled order (without replacement within an epoch, like a shuffling data
 * loader), so no example is seen twice before all have been seen once; every batch has
 * min(batch size, sample count) examples and may span two epochs. The shuffle is drawn lazily
 * (Fisher-Yates one position at a time), so a client with many examples and few local steps
 * pays only for the examples it uses.
 */
final class BatchSampler {
    private final int[] order;
    private final SplittableRandom rng;
    private int next;

    BatchSampler(int count, long seed) {
        this.order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        this.rng = Seeds.stream(seed, "local-batches");
    }

    /** Fills {@code batch} with the next indices. */
    void nextBatch(int[] batch) {
        for (int k = 0; k < batch.length; k++) {
            if (next == order.length) {
                next = 0; // new epoch: reshuffle as we go, starting from the previous order
            }
            int j = next + rng.nextInt(order.length - next);
            int t = order[next];
            order[next] = order[j];
            order[j] = t;
            batch[k] = order[next++];
        }
    }
}
