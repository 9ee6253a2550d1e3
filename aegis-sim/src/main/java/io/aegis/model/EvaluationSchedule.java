package io.aegis.model;

import com.typesafe.config.Config;
import io.aegis.data.Samples;
import io.aegis.util.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which rounds' models the observer evaluates, and on which test examples (scenario keys
 * {@code evaluation.every} and {@code evaluation.examples}). Every {@code every}-th round and always
 * the last one; on the whole test set, or on a fixed subset of {@code examples} of it drawn once from
 * the run's seed (the same examples every round, in test-set order). The defaults (every round, the
 * whole set) evaluate exactly what runs did before the keys existed.
 */
public final class EvaluationSchedule {
    private final int every;
    private final int lastRound;
    private final int examples;
    private final long seed;

    /**
     * @param every     evaluate rounds that are a multiple of this; >= 1
     * @param lastRound the run's last round, always evaluated
     * @param examples  test examples to evaluate on; 0 = all
     */
    public EvaluationSchedule(int every, int lastRound, int examples, long seed) {
        if (every < 1 || examples < 0) {
            throw new IllegalArgumentException("evaluation.every must be >= 1 and evaluation.examples >= 0, got "
                    + every + " and " + examples);
        }
        this.every = every;
        this.lastRound = lastRound;
        this.examples = examples;
        this.seed = seed;
    }

    /** Every round on the whole test set: what runs did before the keys existed. */
    public static EvaluationSchedule everyRound(int lastRound) {
        return new EvaluationSchedule(1, lastRound, 0, 0);
    }

    /** From a resolved scenario configuration; missing keys take their defaults. */
    public static EvaluationSchedule of(Config scenario, int rounds, long seed) {
        int every = scenario.hasPath("evaluation.every") ? scenario.getInt("evaluation.every") : 1;
        int examples = scenario.hasPath("evaluation.examples") ? scenario.getInt("evaluation.examples") : 0;
        return new EvaluationSchedule(every, rounds, examples, seed);
    }

    /** Whether round {@code round}'s model is evaluated. */
    public boolean evaluates(int round) {
        return round % every == 0 || round >= lastRound;
    }

    /**
     * The examples of {@code test} to evaluate on: {@code test} itself when the subset would be all
     * of it, else a seeded draw without replacement kept in test-set order (so the result does not
     * depend on the draw's order).
     */
    public Samples testSet(Samples test) {
        if (examples == 0 || examples >= test.count()) {
            return test;
        }
        int n = test.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = Seeds.stream(seed, "evaluation-subset");
        for (int k = 0; k < examples; k++) { // partial Fisher-Yates: the first k places are a uniform draw
            int j = k + rng.nextInt(n - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        int[] picked = Arrays.copyOf(order, examples);
        Arrays.sort(picked);
        return test.subset(picked);
    }

    @Override
    public String toString() {
        return "every " + every + " round(s) and round " + lastRound + ", on " + (examples == 0 ? "all" : examples)
                + " test examples";
    }
}
