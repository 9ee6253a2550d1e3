package io.aegis.actors;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A node's copy of the recent rounds' global models. In cluster mode the coordinator sends a round's
 * model once to every worker node instead of once inside every client's Train (a 20-client round of
 * the MNIST CNN moved 20 copies of 1.7 MB to the workers); client entities then take it from here.
 * A Train can reach its entity before the model reaches the node, so a client asks for a future.
 */
public final class ModelBoard {
    /** Rounds kept behind the newest one posted: a Train delayed that long belongs to a finished round. */
    static final int KEPT = 3;

    private final TreeMap<Integer, CompletableFuture<float[]>> rounds = new TreeMap<>();
    private int newest = Integer.MIN_VALUE;

    /** This node's copy of {@code round}'s model has arrived. */
    public synchronized void post(int round, float[] model) {
        rounds.computeIfAbsent(round, r -> new CompletableFuture<>()).complete(model);
        newest = Math.max(newest, round);
        Map<Integer, CompletableFuture<float[]>> old = rounds.headMap(newest - KEPT);
        old.forEach((r, f) -> f.completeExceptionally(gone(r)));
        old.clear();
    }

    /** The model of {@code round}, now or once it is posted; failed if that round is long over. */
    public synchronized CompletableFuture<float[]> model(int round) {
        if (newest != Integer.MIN_VALUE && round < newest - KEPT) {
            return CompletableFuture.failedFuture(gone(round));
        }
        return rounds.computeIfAbsent(round, r -> new CompletableFuture<>());
    }

    private static IllegalStateException gone(int round) {
        return new IllegalStateException("the model of round " + round + " is no longer kept on this node");
    }
}
