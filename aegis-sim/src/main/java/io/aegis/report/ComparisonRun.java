package io.aegis.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run as the comparison page sees it: its folder, its id, the value of each axis it varies and
 * its sweep variant. The axes come from the sweep's {@code sweep.json} beside the run's files, or, for
 * runs gathered by hand, from the scenario keys whose values differ between the runs.
 */
record ComparisonRun(RunFolder folder, String id, String variant, Map<String, String> axes, List<String> gridKeys) {

    /** Keys that differ between runs without being an experimental axis. */
    private static final Set<String> NOT_AXES = Set.of("name");

    static List<ComparisonRun> of(List<RunFolder> folders) throws IOException {
        List<ComparisonRun> out = new ArrayList<>();
        List<RunFolder> withoutSweep = new ArrayList<>();
        for (RunFolder f : folders) {
            Path sweep = f.dir().resolve("sweep.json");
            if (Files.isRegularFile(sweep)) {
                out.add(fromSweepJson(f, sweep));
            } else {
                out.add(null);
                withoutSweep.add(f);
            }
        }
        List<String> inferred = differingKeys(withoutSweep);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                RunFolder f = folders.get(i);
                Map<String, String> flat = flatten(f);
                Map<String, String> axes = new LinkedHashMap<>();
                for (String k : inferred) {
                    axes.put(k, flat.getOrDefault(k, "—"));
                }
                out.set(i, new ComparisonRun(f, f.dir().getFileName().toString(), null, axes, inferred));
            }
        }
        return out;
    }

    private static ComparisonRun fromSweepJson(RunFolder f, Path file) throws IOException {
        Map<String, Object> m;
        try {
            m = new ObjectMapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException malformed) {
            m = Map.of();
        }
        Map<String, String> axes = new LinkedHashMap<>();
        if (m.get("axes") instanceof Map<?, ?> a) {
            a.forEach((k, v) -> axes.put(String.valueOf(k), text(v)));
        }
        List<String> keys = new ArrayList<>();
        if (m.get("grid_keys") instanceof List<?> l) {
            l.forEach(k -> keys.add(String.valueOf(k)));
        }
        for (String k : axes.keySet()) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        String id = m.get("run_id") == null ? f.dir().getFileName().toString() : m.get("run_id").toString();
        Object variant = m.get("variant");
        return new ComparisonRun(f, id, variant == null || variant.toString().isEmpty() ? null : variant.toString(), axes, keys);
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(v);
    }

    /** Scenario keys whose values are not the same in every run (a key missing from a run counts as differing). */
    static List<String> differingKeys(List<RunFolder> folders) {
        if (folders.size() < 2) {
            return List.of();
        }
        List<Map<String, String>> flats = folders.stream().map(ComparisonRun::flatten).toList();
        Set<String> all = new HashSet<>();
        flats.forEach(m -> all.addAll(m.keySet()));
        List<String> keys = new ArrayList<>();
        for (String k : new TreeMap<>(toMap(all)).keySet()) {
            if (NOT_AXES.contains(k) || k.startsWith("output.")) {
                continue;
            }
            String first = flats.get(0).get(k);
            if (flats.stream().anyMatch(m -> !Objects.equals(first, m.get(k)))) {
                keys.add(k);
            }
        }
        // the rule is what a comparison is usually about: it draws the lines
        if (keys.remove("server.rule")) {
            keys.add(0, "server.rule");
        }
        return keys;
    }

    private static Map<String, Boolean> toMap(Set<String> keys) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, true));
        return m;
    }

    private static Map<String, String> flatten(RunFolder f) {
        Map<String, String> m = new TreeMap<>();
        if (f.scenario() == null) {
            return m;
        }
        for (Map.Entry<String, ConfigValue> e : f.scenario().entrySet()) {
            m.put(e.getKey(), text(e.getValue().unwrapped()));
        }
        return m;
    }

    String status() {
        return folder.status();
    }

    /** summary.json's final accuracy, else the last evaluated round's. */
    Double finalAccuracy() {
        Double s = folder.summaryNumber("final_accuracy");
        if (s != null) {
            return s;
        }
        double[] a = folder.rounds().col("accuracy");
        for (int i = a.length - 1; i >= 0; i--) {
            if (!Double.isNaN(a[i])) {
                return a[i];
            }
        }
        return null;
    }
}
