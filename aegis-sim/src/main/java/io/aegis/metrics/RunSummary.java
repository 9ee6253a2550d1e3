package io.aegis.metrics;

import java.util.List;

/**
 * summary.json (spec: scenario-format.md): over the run, detection precision is
 * sum(malicious_excluded) / sum(excluded) and recall is sum(malicious_excluded) / (valid malicious
 * updates received); null where the denominator is 0.
 */
public record RunSummary(String name, long seed, String rule, int rounds, Double finalAccuracy, Double bestAccuracy,
                         Double meanAccuracyLast10, Double detectionPrecision, Double detectionRecall,
                         double wallSeconds, Double finalAttackSuccess, int skippedRounds, long received,
                         long invalid, long late, long lost, String runDir, RunStatus status, String error,
                         int roundsCompleted, long trainFailed, RunFacts facts) {

    /** A completed run of {@code rows.size()} rounds whose facts are unknown (tests, old callers). */
    public static RunSummary of(String name, long seed, String rule, List<RoundRow> rows, double wallSeconds,
                                String runDir) {
        return of(name, seed, rule, rows.size(), rows, wallSeconds, runDir, null, RunStatus.COMPLETED, null);
    }

    /**
     * @param plannedRounds the scenario's {@code rounds}; {@code rounds_completed} is the number of rows
     * @param error         one sentence when {@code status} is FAILED, else null
     */
    public static RunSummary of(String name, long seed, String rule, int plannedRounds, List<RoundRow> rows,
                                double wallSeconds, String runDir, RunFacts facts, RunStatus status, String error) {
        Double last = null;
        Double best = null;
        long excluded = 0;
        long maliciousExcluded = 0;
        long maliciousValid = 0;
        long received = 0;
        long invalid = 0;
        long late = 0;
        long lost = 0;
        int skipped = 0;
        long trainFailed = 0;
        Double asr = null;
        for (RoundRow r : rows) {
            if (!Double.isNaN(r.accuracy())) {
                last = r.accuracy();
                best = best == null ? r.accuracy() : Math.max(best, r.accuracy());
            }
            if (!Double.isNaN(r.attackSuccess())) {
                asr = r.attackSuccess();
            }
            excluded += r.excluded();
            maliciousExcluded += r.maliciousExcluded();
            maliciousValid += r.maliciousValid();
            received += r.received();
            invalid += r.invalid();
            late += r.late();
            lost += r.lost();
            skipped += r.skipped() ? 1 : 0;
            trainFailed += r.trainFailed();
        }
        double sum = 0;
        int n = 0;
        for (int i = rows.size() - 1; i >= 0 && n < 10; i--) {
            if (!Double.isNaN(rows.get(i).accuracy())) {
                sum += rows.get(i).accuracy();
                n++;
            }
        }
        Double mean10 = n == 0 ? null : sum / n;
        Double precision = excluded == 0 ? null : (double) maliciousExcluded / excluded;
        Double recall = maliciousValid == 0 ? null : (double) maliciousExcluded / maliciousValid;
        return new RunSummary(name, seed, rule, plannedRounds, last, best, mean10, precision, recall, wallSeconds,
                asr, skipped, received, invalid, late, lost, runDir, status, error, rows.size(), trainFailed, facts);
    }
}
