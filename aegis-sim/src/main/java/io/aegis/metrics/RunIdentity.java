package io.aegis.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint was computed from: the resolved scenario (a hash), the model (architecture and
 * parameter count) and the data (name, directory, a cheap fingerprint). A resume whose folder no
 * longer matches its checkpoint would continue a different run and report it as the same one.
 */
public record RunIdentity(String scenarioHash, String model, int parameters, String dataset, String dataDir,
                          String dataFingerprint) {

    /** One sentence per difference, naming what changed since the checkpoint ({@code this}), or empty. */
    public List<String> differencesFrom(RunIdentity now) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(scenarioHash, now.scenarioHash)) {
            out.add("scenario.conf was edited since the checkpoint was written");
        }
        if (!Objects.equals(model, now.model) || parameters != now.parameters) {
            out.add("the model is now " + now.model + " with " + now.parameters + " parameters, the checkpoint's was "
                    + model + " with " + parameters);
        }
        if (!Objects.equals(dataset, now.dataset) || !Objects.equals(dataDir, now.dataDir)) {
            out.add("the data is now " + now.dataset + (now.dataDir == null ? "" : " from " + now.dataDir)
                    + ", the checkpoint's was " + dataset + (dataDir == null ? "" : " from " + dataDir));
        } else if (!Objects.equals(dataFingerprint, now.dataFingerprint)) {
            out.add("the files of data set " + dataset + " changed since the checkpoint was written");
        }
        return out;
    }
}
