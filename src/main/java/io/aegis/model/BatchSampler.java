package io.aegis.model;

import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/**
 * Mini-batch indices for local training, drawn from the training seed: the client's examples are
 * walked in epoch-shuffled order (a fresh permutation whenever the previous one is used up, like a
 * shuffling data loader), so every batch has min(batch size, sample count) distinct-as-possible
 * examples and no example is seen twice before all have been seen once. A batch may span two epochs.
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
        this.next = count; // shuffle on first use
    }

    /** Fills {@code batch} with the next indices. */
    void nextBatch(int[] batch) {
        for (int k = 0; k < batch.length; k++) {
            if (next == order.length) {
                shuffle();
                next = 0;
            }
            batch[k] = order[next++];
        }
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
