package io.aegis.sim;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.UpdateMatrix;
import io.aegis.data.Samples;
import io.aegis.model.Evaluation;
import io.aegis.model.Model;
import io.aegis.model.ModelWorker;
import io.aegis.model.TrainingParams;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a run's time goes: thread-nanoseconds spent in local training, in evaluation and in the
 * aggregation rule, collected by wrapping the model and the rule (results are unchanged). Whatever
 * the wall time does not explain is messaging and bookkeeping.
 */
public final class RunTimings {
    final AtomicLong trainNanos = new AtomicLong();
    final AtomicLong trainCalls = new AtomicLong();
    final AtomicLong evalNanos = new AtomicLong();
    final AtomicLong evalCalls = new AtomicLong();
    final AtomicLong aggregateNanos = new AtomicLong();
    final AtomicLong aggregateCalls = new AtomicLong();
    final AtomicLong firstTrainStart = new AtomicLong(Long.MAX_VALUE);

    public Simulator.Options instrument(Simulator.Options options) {
        return options.decorated(this::timed, this::timed);
    }

    public long trainNanos() { return trainNanos.get(); }
    public long trainCalls() { return trainCalls.get(); }
    public long evalNanos() { return evalNanos.get(); }
    public long evalCalls() { return evalCalls.get(); }
    public long aggregateNanos() { return aggregateNanos.get(); }
    public long aggregateCalls() { return aggregateCalls.get(); }
    /** System.nanoTime() when the first local training began: the end of start-up. */
    public long firstTrainStart() { return firstTrainStart.get(); }

    private Model timed(Model model) {
        return new Model() {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public int numParams() {
                return model.numParams();
            }

            @Override
            public float[] initialParameters(long seed) {
                return model.initialParameters(seed);
            }

            @Override
            public ModelWorker newWorker() {
                ModelWorker worker = model.newWorker();
                return new ModelWorker() {
                    @Override
                    public float[] train(float[] global, Samples data, TrainingParams params, long seed) {
                        long t = System.nanoTime();
                        firstTrainStart.accumulateAndGet(t, Math::min);
                        try {
                            return worker.train(global, data, params, seed);
                        } finally {
                            trainNanos.addAndGet(System.nanoTime() - t);
                            trainCalls.incrementAndGet();
                        }
                    }

                    @Override
                    public float[] train(float[] global, Samples data, int[] rows, TrainingParams params, long seed) {
                        long t = System.nanoTime();
                        firstTrainStart.accumulateAndGet(t, Math::min);
                        try {
                            return worker.train(global, data, rows, params, seed);
                        } finally {
                            trainNanos.addAndGet(System.nanoTime() - t);
                            trainCalls.incrementAndGet();
                        }
                    }

                    @Override
                    public Evaluation evaluate(float[] params, Samples test) {
                        long t = System.nanoTime();
                        try {
                            return worker.evaluate(params, test);
                        } finally {
                            evalNanos.addAndGet(System.nanoTime() - t);
                            evalCalls.incrementAndGet();
                        }
                    }
                };
            }
        };
    }

    private AggregationRule timed(AggregationRule rule) {
        return new AggregationRule() {
            @Override
            public String name() {
                return rule.name();
            }

            @Override
            public AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
                long t = System.nanoTime();
                try {
                    return rule.aggregate(updates, context);
                } finally {
                    aggregateNanos.addAndGet(System.nanoTime() - t);
                    aggregateCalls.incrementAndGet();
                }
            }
        };
    }
}
