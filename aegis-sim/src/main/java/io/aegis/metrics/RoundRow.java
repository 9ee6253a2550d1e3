package io.aegis.metrics;

/**
 * One row of rounds.csv (spec: scenario-format.md). {@code alpha} is NaN when no temporal step ran;
 * {@code attackSuccess} is NaN when no backdoor or targeted flip is active. The last six columns count
 * the network faults the channel applied in the round: uploads dropped, clients crashed while training,
 * uploads delivered twice, payloads corrupted, stale updates replayed, copies held back (reordered).
 * {@code trainFailed} counts selected clients whose local training threw (they send nothing; also in {@code lost}).
 */
public record RoundRow(int round, double accuracy, double loss, int online, int selected, int received, int late,
                       int lost, int invalid, int excluded, int maliciousReceived, int maliciousExcluded,
                       int benignExcluded, double alpha, boolean skipped, long wallMs, int maliciousValid,
                       double attackSuccess, int dropped, int crashed, int duplicated, int corrupted, int replayed,
                       int reordered, int trainFailed) {

    /** A row without a train-failure count (zero). */
    public RoundRow(int round, double accuracy, double loss, int online, int selected, int received, int late,
                    int lost, int invalid, int excluded, int maliciousReceived, int maliciousExcluded,
                    int benignExcluded, double alpha, boolean skipped, long wallMs, int maliciousValid,
                    double attackSuccess, int dropped, int crashed, int duplicated, int corrupted, int replayed,
                    int reordered) {
        this(round, accuracy, loss, online, selected, received, late, lost, invalid, excluded, maliciousReceived,
                maliciousExcluded, benignExcluded, alpha, skipped, wallMs, maliciousValid, attackSuccess, dropped,
                crashed, duplicated, corrupted, replayed, reordered, 0);
    }

    /** A row without fault counts (all zero). */
    public RoundRow(int round, double accuracy, double loss, int online, int selected, int received, int late,
                    int lost, int invalid, int excluded, int maliciousReceived, int maliciousExcluded,
                    int benignExcluded, double alpha, boolean skipped, long wallMs, int maliciousValid,
                    double attackSuccess) {
        this(round, accuracy, loss, online, selected, received, late, lost, invalid, excluded, maliciousReceived,
                maliciousExcluded, benignExcluded, alpha, skipped, wallMs, maliciousValid, attackSuccess, 0, 0, 0, 0, 0, 0);
    }

    /** The spec's columns, in order, then ours. */
    public static final String HEADER = "round,accuracy,loss,online,selected,received,late,lost,invalid,excluded,"
            + "malicious_received,malicious_excluded,benign_excluded,alpha,skipped,wall_ms,malicious_valid,attack_success,"
            + "dropped,crashed,duplicated,corrupted,replayed,reordered,train_failed";

    public String csv() {
        return round + "," + num(accuracy) + "," + num(loss) + "," + online + "," + selected + "," + received + ","
                + late + "," + lost + "," + invalid + "," + excluded + "," + maliciousReceived + ","
                + maliciousExcluded + "," + benignExcluded + "," + num(alpha) + "," + (skipped ? 1 : 0) + ","
                + wallMs + "," + maliciousValid + "," + num(attackSuccess) + "," + dropped + "," + crashed + ","
                + duplicated + "," + corrupted + "," + replayed + "," + reordered + "," + trainFailed;
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
                Integer.parseInt(c[16]), dbl(c[17]), count(c, 18), count(c, 19), count(c, 20), count(c, 21),
                count(c, 22), count(c, 23), count(c, 24));
    }

    /** A fault count; rows written before the fault columns existed have none. */
    private static int count(String[] c, int i) {
        return i < c.length ? Integer.parseInt(c[i]) : 0;
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
