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
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/** Models and rules that misbehave on purpose, to prove a run notices. */
final class Tampered {
    private Tampered() {}

    /** Not a fatal JVM error, so Pekko treats it as an actor failure like any exception the rule's code might throw. */
    static final class InjectedError extends Error {
        InjectedError(String message) {
            super(message);
        }
    }

    /** What to do before each local training: throw, block, sleep... ({@code seed} identifies the client and round). */
    interface BeforeTraining {
        void accept(long seed) throws Exception;
    }

    static UnaryOperator<Model> training(BeforeTraining before) {
        return model -> new Model() {
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
                        try {
                            before.accept(seed);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return worker.train(global, data, params, seed);
                    }

                    @Override
                    public Evaluation evaluate(float[] params, Samples test) {
                        return worker.evaluate(params, test);
                    }
                };
            }
        };
    }

    /** A rule that throws an {@link InjectedError} (which the server does not catch) in the rounds {@code when} names. */
    static UnaryOperator<AggregationRule> ruleFailingIn(IntPredicate when) {
        return rule -> new AggregationRule() {
            private int round;

            @Override
            public String name() {
                return rule.name();
            }

            @Override
            public AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
                round++;
                if (when.test(round)) {
                    throw new InjectedError("injected failure in aggregation call " + round);
                }
                return rule.aggregate(updates, context);
            }
        };
    }
}
