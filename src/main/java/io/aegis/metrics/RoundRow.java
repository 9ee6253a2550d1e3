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

    /** Parses a line this class wrote (resume reads the rows an interrupted run already has). */
    public static RoundRow parse(String line) {
        String[] c = line.split(",", -1);
        if (c.length < 18) {
            throw new IllegalArgumentException("rounds.csv row has " + c.length + " columns, expected 18: " + line);
        }
        return new RoundRow(Integer.parseInt(c[0]), dbl(c[1]), dbl(c[2]), Integer.parseInt(c[3]),
                Integer.parseInt(c[4]), Integer.parseInt(c[5]), Integer.parseInt(c[6]), Integer.parseInt(c[7]),
                Integer.parseInt(c[8]), Integer.parseInt(c[9]), Integer.parseInt(c[10]), Integer.parseInt(c[11]),
                Integer.parseInt(c[12]), dbl(c[13]), c[14].equals("1"), Long.parseLong(c[15]),
                Integer.parseInt(c[16]), dbl(c[17]));
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }
}
