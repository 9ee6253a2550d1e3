package io.aegis.testkit;

import java.util.Arrays;
import java.util.Map;

/**
 * One round as the server saw and decided it, plus the ground truth only the simulator knows
 * (which client sent which token, which selected clients never delivered and why).
 *
 * @param received  tokens of every copy that arrived before the deadline, valid or not (duplicates repeat a token)
 * @param valid     tokens the server passed to its rule
 * @param invalid   received copies that validation rejected (wrong round or length, NaN/Inf, duplicate, negative samples)
 * @param late      copies of this round that arrived after its deadline
 * @param excluded  tokens of valid updates the rule left out
 * @param alpha     the temporal step's factor, NaN when none ran
 * @param skipped   the server kept the previous model
 * @param error     why the round was skipped when something failed (the rule threw, a non-finite result), else null
 * @param model     the global model after the round
 * @param senders   ground truth: token -> client that sent it (hand-delivered messages have no sender)
 * @param lost      ground truth: selected client -> why its update never arrived (dropped, crash, dropout, ...)
 * @param faults    what the network did this round, by kind (dropped, crash, duplicate, corrupt, replay, reorder),
 *                  as rounds.csv counts it
 */
public record RoundView(int round, long[] received, long[] valid, int invalid, int late, long[] excluded,
                        double alpha, boolean skipped, String error, float[] model,
                        Map<Long, Integer> senders, Map<Integer, String> lost, Map<String, Integer> faults) {

    /** How many uploads suffered this kind of fault in the round. */
    public int faultCount(String kind) {
        return faults.getOrDefault(kind, 0);
    }

    /** Copies received before the deadline. */
    public int receivedCount() {
        return received.length;
    }

    public int validCount() {
        return valid.length;
    }

    public int excludedCount() {
        return excluded.length;
    }

    /** The token the client's upload travelled under this round, or null when none of its copies was routed. */
    public Long tokenOf(int client) {
        return senders.entrySet().stream().filter(e -> e.getValue() == client).map(Map.Entry::getKey)
                .sorted().findFirst().orElse(null);
    }

    /** Whether a copy of the client's upload reached the server before the deadline. */
    public boolean arrived(int client) {
        Long t = tokenOf(client);
        return t != null && contains(received, t);
    }

    /** Whether the client's update passed validation and the rule kept it: it shaped this round's model. */
    public boolean aggregated(int client) {
        Long t = tokenOf(client);
        return t != null && !skipped && contains(valid, t) && !contains(excluded, t);
    }

    /** Whether the client's update passed validation and the rule left it out. */
    public boolean excludedClient(int client) {
        Long t = tokenOf(client);
        return t != null && contains(excluded, t);
    }

    /** Whether every parameter of the model is a finite number. */
    public boolean modelIsFinite() {
        for (float v : model) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(long[] tokens, long t) {
        return Arrays.stream(tokens).anyMatch(x -> x == t);
    }

    @Override
    public String toString() {
        return "round " + round + ": received " + received.length + ", valid " + valid.length + ", invalid " + invalid
                + ", late " + late + ", excluded " + excluded.length + ", lost " + lost + ", alpha " + alpha
                + ", skipped " + skipped + (error == null ? "" : ", error " + error);
    }
}
