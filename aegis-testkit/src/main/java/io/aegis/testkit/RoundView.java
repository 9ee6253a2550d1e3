package io.aegis.testkit;

import io.aegis.aggregation.UpdateMatrix;
import java.util.Arrays;
import java.util.List;
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
 * @param modelBefore the global model the round started from (what the clients trained on)
 * @param rows      the rule's input as the rule saw it, one row per valid update in the order of {@code valid};
 *                  empty when the rule did not run (no valid update)
 * @param aggregate the rule's output aggregate, or null when it did not run, threw, or returned none
 * @param lateUploads copies of this round that arrived after its deadline, with the client that sent each
 *                  (ground truth through the observer side; the server only counts them)
 */
public record RoundView(int round, long[] received, long[] valid, int invalid, int late, long[] excluded,
                        double alpha, boolean skipped, String error, float[] model,
                        Map<Long, Integer> senders, Map<Integer, String> lost, Map<String, Integer> faults,
                        float[] modelBefore, List<Row> rows, double[] aggregate, List<LateUpload> lateUploads) {

    /** Stands for "no client" in {@link Row#client()} and {@link LateUpload#client()}: a hand-delivered message. */
    public static final int NO_CLIENT = -1;

    /**
     * One row of the rule's input and what the rule did with it.
     *
     * @param index     its row in the update matrix
     * @param token     the delivery token it travelled under (all the server knows of its origin)
     * @param update    the row as the rule received it
     * @param weight    its weight in the matrix (the sample count the sender claimed)
     * @param client    ground truth: the client that sent it, or {@link #NO_CLIENT} for a hand-delivered message
     * @param malicious ground truth: its sender behaved maliciously in the round (hand-delivered messages count as malicious)
     * @param kept      the rule kept the row
     */
    public record Row(int index, long token, float[] update, double weight, int client, boolean malicious,
                      boolean kept) {}

    /** A copy that arrived after the deadline; {@code client} is {@link #NO_CLIENT} for a hand-delivered one. */
    public record LateUpload(long token, int client, boolean malicious) {}

    /** How many uploads suffered this kind of fault in the round. */
    public int faultCount(FaultKind kind) {
        return faults.getOrDefault(kind.countedAs(), 0);
    }

    /**
     * How many uploads suffered this kind of fault in the round.
     *
     * @deprecated use {@link #faultCount(FaultKind)}
     */
    @Deprecated
    public int faultCount(String kind) {
        return faults.getOrDefault(kind, 0);
    }

    /** The rule's input as one matrix (a copy, with weights), or null when the rule did not run. */
    public UpdateMatrix input() {
        if (rows.isEmpty()) {
            return null;
        }
        double[] weights = rows.stream().mapToDouble(Row::weight).toArray();
        return UpdateMatrix.ofRows(weights, rows.stream().map(r -> r.update().clone()).toArray(float[][]::new));
    }

    /** The input row the client's update became, or null when none of its updates reached the rule. */
    public Row rowOf(int client) {
        return rows.stream().filter(r -> r.client() == client).findFirst().orElse(null);
    }

    /** Clients whose rows the rule kept, ascending. */
    public int[] keptClients() {
        return rows.stream().filter(r -> r.kept() && r.client() != NO_CLIENT).mapToInt(Row::client).sorted().toArray();
    }

    /** Clients whose rows the rule left out, ascending. */
    public int[] excludedClients() {
        return rows.stream().filter(r -> !r.kept() && r.client() != NO_CLIENT).mapToInt(Row::client).sorted().toArray();
    }

    /** Clients whose uploads (some copy of them) arrived after the deadline, ascending. */
    public int[] lateClients() {
        return lateUploads.stream().mapToInt(LateUpload::client).filter(c -> c != NO_CLIENT).distinct().sorted().toArray();
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
                + ", late " + late + " " + Arrays.toString(lateClients()) + ", excluded " + excluded.length
                + " " + Arrays.toString(excludedClients()) + ", lost " + lost + ", alpha " + alpha
                + ", skipped " + skipped + (error == null ? "" : ", error " + error);
    }
}
