package io.aegis.sweep;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of a sweep (variants x grid, first axis slowest), each one's scenario loaded and
 * validated before any run starts. A problem that only some combinations have names one of them.
 */
public final class SweepPlan {
    private SweepPlan() {}

    public static List<RunSpec> expand(SweepFile sweep, List<String> cliSets) throws SweepException {
        String shown = sweep.file().toString();
        List<String> problems = new ArrayList<>();
        Map<String, String> cliKeys = new LinkedHashMap<>();
        for (String s : cliSets) {
            int eq = s.indexOf('=');
            String key = eq > 0 ? s.substring(0, eq).strip() : s.strip();
            cliKeys.put(key, s);
            for (SweepFile.Axis a : sweep.grid()) {
                if (a.key().equals(key)) {
                    problems.add("--set " + key + ": is a grid axis of " + shown
                            + " (line " + a.line() + "); change the grid instead");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SweepException(problems);
        }
        List<SweepFile.Variant> variants = sweep.variants().isEmpty() ? java.util.Collections.singletonList(null)
                : sweep.variants();
        List<List<ConfigValue>> combos = cartesian(sweep.grid());
        RunIds ids = new RunIds();
        List<RunSpec> runs = new ArrayList<>();
        Map<String, List<String>> failing = new LinkedHashMap<>();
        for (SweepFile.Variant variant : variants) {
            for (List<ConfigValue> values : combos) {
                List<String> overrides = new ArrayList<>();
                Map<String, Integer> lineOf = new LinkedHashMap<>();
                if (variant != null) {
                    variant.set().forEach((k, v) -> {
                        overrides.add(k + "=" + v.render(ConfigRenderOptions.concise()));
                        lineOf.put(k, v.origin().lineNumber() > 0 ? v.origin().lineNumber() : variant.line());
                    });
                }
                Map<String, String> axes = new LinkedHashMap<>();
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    SweepFile.Axis axis = sweep.grid().get(i);
                    ConfigValue v = values.get(i);
                    overrides.add(axis.key() + "=" + v.render(ConfigRenderOptions.concise()));
                    lineOf.put(axis.key(), v.origin().lineNumber() > 0 ? v.origin().lineNumber() : axis.line());
                    axes.put(axis.key(), SweepFile.display(v));
                    parts.add(axis.key() + "=" + SweepFile.display(v));
                }
                overrides.addAll(cliSets);
                String id = ids.next(variant == null ? null : variant.name(), parts);
                try {
                    Scenario s = ScenarioLoader.load(sweep.base(), overrides);
                    runs.add(new RunSpec(id, variant == null ? null : variant.name(), axes, List.copyOf(overrides), s));
                } catch (ScenarioException e) {
                    for (String p : e.problems()) {
                        failing.computeIfAbsent(locate(p, shown, lineOf, cliKeys), k -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
        int total = variants.size() * combos.size();
        failing.forEach((p, in) -> problems.add(in.size() == total ? p
                : p + " (run " + in.get(0) + (in.size() > 1 ? " and " + (in.size() - 1) + " more" : "") + ")"));
        if (!problems.isEmpty()) {
            throw new SweepException(problems);
        }
        return runs;
    }

    /** A problem with a value the sweep file set names the sweep file's line, not "--set". */
    static String locate(String problem, String shown, Map<String, Integer> lineOf, Map<String, String> cliKeys) {
        if (!problem.startsWith("--set ")) {
            return problem;
        }
        int colon = problem.indexOf(": ", 6);
        if (colon < 0) {
            return problem;
        }
        String key = problem.substring(6, colon);
        Integer line = lineOf.get(key);
        if (line == null || cliKeys.containsKey(key)) {
            return problem;
        }
        String rest = problem.substring(colon + 2);
        String where = shown + ":" + line + ": ";
        return rest.startsWith(key + ".") || rest.startsWith(key + ":") ? where + rest : where + key + ": " + rest;
    }

    /** Every combination of the axes' values, the first axis varying slowest; one empty combination for no axes. */
    static List<List<ConfigValue>> cartesian(List<SweepFile.Axis> axes) {
        List<List<ConfigValue>> out = new ArrayList<>();
        out.add(List.of());
        for (SweepFile.Axis a : axes) {
            List<List<ConfigValue>> next = new ArrayList<>();
            for (List<ConfigValue> prefix : out) {
                for (ConfigValue v : a.values()) {
                    List<ConfigValue> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }
}
