package io.aegis.metrics;

/**
 * One row of rounds.csv (spec: scenario-format.md). {@code alpha} is NaN when no temporal step ran;
 * {@code attackSuccess} is NaN when no backdoor or targeted flip is active.
 */
public record RoundRow(int round, double accuracy, double loss, int online, int selected, int received, int late,
                       int lost, int invalid, int excluded, int maliciousReceived, int maliciousExcluded,
                       int benignExcluded, double alpha, boolean skipped, long wallMs, int maliciousValid,
                       double attackSuccess) {

    /** The spec's columns, in order, then ours. */
    public static final String HEADER = "round,accuracy,loss,online,selected,received,late,lost,invalid,excluded,"
            + "malicious_received,malicious_excluded,benign_excluded,alpha,skipped,wall_ms,malicious_valid,attack_success";

    public String csv() {
        return round + "," + num(accuracy) + "," + num(loss) + "," + online + "," + selected + "," + received + ","
                + late + "," + lost + "," + invalid + "," + excluded + "," + maliciousReceived + ","
                + maliciousExcluded + "," + benignExcluded + "," + num(alpha) + "," + (skipped ? 1 : 0) + ","
                + wallMs + "," + maliciousValid + "," + num(attackSuccess);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }
}
