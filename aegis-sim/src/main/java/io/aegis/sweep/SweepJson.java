package io.aegis.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <run>/sweep.json}: which sweep a run belongs to and its place in it, for the comparison page
 * and for scripts: {@code {"sweep", "run_id", "variant" (or null), "axes" {key: value}, "grid_keys" [...]}}.
 */
public final class SweepJson {
    private SweepJson() {}

    public static void write(Path runDir, String sweepName, RunSpec run, List<String> gridKeys) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", sweepName);
        m.put("run_id", run.id());
        m.put("variant", run.variant());
        m.put("axes", new LinkedHashMap<>(run.axes()));
        m.put("grid_keys", gridKeys);
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("sweep.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
    }
}
