package io.aegis.metrics;

/**
 * What a run was made of, known before its first round: written to summary.json so that a reader
 * never has to re-derive it from the scenario (spec, version 2 additions).
 *
 * @param dataset          the data set's name
 * @param model            the model architecture actually built ({@code auto} resolved)
 * @param parameters       the model's parameter count
 * @param maliciousClients how many clients the scenario ever schedules to be malicious
 * @param dataDir          the directory the data was read from, or null for generated (synthetic) data
 * @param aegisVersion     the version of Aegis that ran it
 */
public record RunFacts(String dataset, String model, int parameters, int maliciousClients, String dataDir,
                       String aegisVersion) {

    /** The version in the jar's manifest, or the build's default when run from classes. */
    public static String currentVersion() {
        String v = RunFacts.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
