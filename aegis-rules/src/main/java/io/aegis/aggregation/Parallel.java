package io.aegis.aggregation;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The pool the rules split their work over. A dedicated pool (not the common one, whose
 * parallelism is cores - 1) so a round's aggregation uses every core and never competes with
 * unrelated parallel streams.
 */
final class Parallel {
    private static final ForkJoinPool POOL = new ForkJoinPool(
            Math.max(1, Integer.getInteger("aegis.aggregation.threads", Runtime.getRuntime().availableProcessors())),
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("aegis-aggregation-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            },
            null, false);

    private Parallel() {}

    static int threads() {
        return POOL.getParallelism();
    }

    /** Below this many elementary operations, handing work to other threads costs more than it saves. */
    static final long INLINE_WORK = 1 << 17;

    /** Like {@link #forEach(int, IntConsumer)}, but runs inline when the whole job is small. */
    static void forEach(int tasks, long work, IntConsumer body) {
        if (work < INLINE_WORK) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        } else {
            forEach(tasks, body);
        }
    }

    /** Runs body(0..tasks-1) on the pool and waits; tiny task counts run inline. */
    static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || POOL.getParallelism() == 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        if (Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread w && w.getPool() == POOL) {
            IntStream.range(0, tasks).parallel().forEach(body);
            return;
        }
        POOL.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
}
