package io.aegis.world;

import io.aegis.scenario.Scenario.ChurnSpec;
import io.aegis.util.Seeds;

/**
 * Clients that leave during a round they were selected for. Under markov churn a client online in
 * round r that is offline from round r+1 by its churn draw does not leave at the round boundary but
 * at a uniform moment of round r, between its start and the deadline: if that moment comes before
 * its update would arrive, the update is never sent (the client reports itself gone, so the round
 * does not wait for it). Traces and {@code go-offline} events act at round starts only; a client
 * they take offline is simply not selected.
 */
public final class Departures {
    private static final Departures NONE = new Departures(0, null, 0);

    private final long seed;
    private final ChurnSpec churn;
    private final double deadlineSeconds;

    public Departures(long seed, ChurnSpec churn, double deadlineSeconds) {
        this.seed = seed;
        this.churn = churn;
        this.deadlineSeconds = deadlineSeconds;
    }

    /** No client ever leaves mid-round. */
    public static Departures none() {
        return NONE;
    }

    /**
     * Seconds after the start of {@code round} at which {@code client}, online in that round, leaves;
     * positive infinity when it stays to the end of the round.
     */
    public double leavesAt(int round, int client) {
        if (churn == null || !"markov".equals(churn.model())) {
            return Double.POSITIVE_INFINITY;
        }
        if (!Population.markovLeaves(seed, round + 1, client, churn.pLeave())) {
            return Double.POSITIVE_INFINITY;
        }
        return deadlineSeconds * Seeds.stream(seed, "depart", round, client).nextDouble();
    }
}
