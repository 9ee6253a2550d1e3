package io.aegis.testkit;

import io.aegis.aggregation.AggregationContext;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.UpdateMatrix;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule under test, with what it was given and what it returned kept for the round's view. The
 * input is copied before the rule runs, so a rule that (wrongly) writes into its matrix does not
 * change what the test sees it received.
 */
final class RecordingRule implements AggregationRule {

    /** One call: the matrix as given, and the result (null when the rule threw or returned nothing). */
    record Call(UpdateMatrix input, AggregationResult result) {}

    private final AggregationRule rule;
    private final AtomicReference<Call> last = new AtomicReference<>(); // written on the server's thread

    RecordingRule(AggregationRule rule) {
        this.rule = rule;
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public AggregationResult aggregate(UpdateMatrix updates, AggregationContext context) {
        UpdateMatrix copy = new UpdateMatrix(updates.data().clone(), updates.rows(), updates.cols(),
                updates.weights() == null ? null : updates.weights().clone());
        last.set(new Call(copy, null));
        AggregationResult result = rule.aggregate(updates, context);
        last.set(new Call(copy, result));
        return result;
    }

    /** The call of the round that just closed, or null when the rule was not called; forgets it. */
    Call take() {
        return last.getAndSet(null);
    }
}
