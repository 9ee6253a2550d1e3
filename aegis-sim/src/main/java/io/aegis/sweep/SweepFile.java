package io.aegis.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed sweep file (docs/sweeps.md): the base scenario, the grid axes in the order the file
 * gives them, the named variants, {@code parallel} and {@code output.dir}. Parsing checks the sweep
 * file itself; {@link SweepPlan} then checks every combination's scenario.
 *
 * @param parallel runs at once, or 0 for {@code auto}
 */
public record SweepFile(Path file, String name, Path base, List<Axis> grid, List<Variant> variants, int parallel,
                        String outputDir) {

    /** One grid axis: a scenario key and its values, in order; {@code line} is where the file gives it. */
    public record Axis(String key, List<ConfigValue> values, int line) {}

    /** A named set of scenario overrides; {@code set} is empty for a variant that changes nothing. */
    public record Variant(String name, ConfigObject set, int line) {}

    static final Set<String> KEYS = Set.of("name", "base", "grid", "variants", "parallel", "output");

    public static SweepFile parse(Path file) throws SweepException {
        String shown = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new SweepException(List.of(shown + ": no such sweep file"));
        }
        Config c;
        try {
            c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new SweepException(List.of(at(shown, e.origin()) + "syntax error: " + message(e)));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                problems.add(at(shown, e.getValue().origin()) + e.getKey()
                        + ": unknown key (a sweep file has name, base, grid, variants, parallel, output.dir)");
            }
        }
        String name = baseName(file);
        if (c.hasPath("name")) {
            ConfigValue v = c.getValue("name");
            if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
                problems.add(at(shown, v.origin()) + "name: expected a string");
            } else {
                name = RunIds.safe(String.valueOf(v.unwrapped()));
            }
        }
        Path base = null;
        if (!c.hasPath("base")) {
            problems.add(shown + ": base: missing; name the base scenario, relative to this file");
        } else {
            ConfigValue v = c.getValue("base");
            if (v.valueType() != ConfigValueType.STRING) {
                problems.add(at(shown, v.origin()) + "base: expected a file name");
            } else {
                Path folder = file.toAbsolutePath().normalize().getParent();
                base = folder.resolve((String) v.unwrapped()).normalize();
                if (!Files.isRegularFile(base)) {
                    problems.add(at(shown, v.origin()) + "base: no such scenario file: " + base);
                }
            }
        }
        List<Axis> grid = new ArrayList<>();
        if (c.hasPath("grid")) {
            ConfigValue g = c.root().get("grid");
            if (g.valueType() != ConfigValueType.OBJECT) {
                problems.add(at(shown, g.origin()) + "grid: expected a block of scenario key = [values]");
            } else {
                axes((ConfigObject) g, "", shown, grid, problems);
                grid.sort(fileOrder(file));
            }
        }
        List<Variant> variants = new ArrayList<>();
        if (c.hasPath("variants")) {
            variants(c.root().get("variants"), shown, variants, problems);
        }
        int parallel = 0;
        if (c.hasPath("parallel")) {
            ConfigValue v = c.getValue("parallel");
            Object u = v.unwrapped();
            if (u instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1) {
                parallel = n.intValue();
            } else if (!"auto".equals(u)) {
                problems.add(at(shown, v.origin()) + "parallel: expected auto or a whole number >= 1, got "
                        + v.render(ConfigRenderOptions.concise()));
            }
        }
        String outputDir = "runs";
        if (c.hasPath("output")) {
            ConfigValue o = c.root().get("output");
            if (o.valueType() != ConfigValueType.OBJECT) {
                problems.add(at(shown, o.origin()) + "output: expected a block with dir");
            } else {
                for (Map.Entry<String, ConfigValue> e : ((ConfigObject) o).entrySet()) {
                    if (!e.getKey().equals("dir")) {
                        problems.add(at(shown, e.getValue().origin()) + "output." + e.getKey() + ": unknown key (output has dir)");
                    } else if (e.getValue().valueType() != ConfigValueType.STRING || ((String) e.getValue().unwrapped()).isBlank()) {
                        problems.add(at(shown, e.getValue().origin()) + "output.dir: expected a folder name");
                    } else {
                        outputDir = (String) e.getValue().unwrapped();
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SweepException(problems);
        }
        return new SweepFile(file, name, base, List.copyOf(grid), List.copyOf(variants), parallel, outputDir);
    }

    /** Flattens {@code grid}: a list is an axis named by its path; a block nests (grid { server { rule = [..] } }). */
    private static void axes(ConfigObject obj, String prefix, String shown, List<Axis> out, List<String> problems) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            ConfigValue v = e.getValue();
            if (v.valueType() == ConfigValueType.OBJECT) {
                axes((ConfigObject) v, key, shown, out, problems);
            } else if (v.valueType() != ConfigValueType.LIST) {
                problems.add(at(shown, v.origin()) + "grid." + key + ": expected a list of values, e.g. [1, 2, 3]");
            } else {
                ConfigList list = (ConfigList) v;
                if (list.isEmpty()) {
                    problems.add(at(shown, v.origin()) + "grid." + key + ": needs at least one value");
                    continue;
                }
                Set<String> seen = new HashSet<>();
                for (ConfigValue x : list) {
                    if (!seen.add(x.render(ConfigRenderOptions.concise()))) {
                        problems.add(at(shown, x.origin()) + "grid." + key + ": value " + display(x) + " appears twice");
                    }
                }
                out.add(new Axis(key, List.copyOf(list), v.origin().lineNumber()));
            }
        }
    }

    private static void variants(ConfigValue v, String shown, List<Variant> out, List<String> problems) {
        if (v.valueType() != ConfigValueType.LIST) {
            problems.add(at(shown, v.origin()) + "variants: expected a list of { name = ..., set { ... } }");
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        for (ConfigValue item : (ConfigList) v) {
            String where = "variants[" + i++ + "]";
            if (item.valueType() != ConfigValueType.OBJECT) {
                problems.add(at(shown, item.origin()) + where + ": expected { name = ..., set { ... } }");
                continue;
            }
            ConfigObject o = (ConfigObject) item;
            for (String k : o.keySet()) {
                if (!k.equals("name") && !k.equals("set")) {
                    problems.add(at(shown, o.get(k).origin()) + where + "." + k + ": unknown key (a variant has name and set)");
                }
            }
            ConfigValue n = o.get("name");
            if (n == null || n.valueType() == ConfigValueType.OBJECT || n.valueType() == ConfigValueType.LIST
                    || n.valueType() == ConfigValueType.NULL || String.valueOf(n.unwrapped()).isBlank()) {
                problems.add(at(shown, o.origin()) + where + ".name: every variant needs a name");
                continue;
            }
            String name = String.valueOf(n.unwrapped());
            if (!names.add(RunIds.safe(name))) {
                problems.add(at(shown, n.origin()) + where + ".name: variant '" + name + "' appears twice");
            }
            ConfigValue set = o.get("set");
            ConfigObject overrides = ConfigFactory.empty().root();
            if (set != null) {
                if (set.valueType() != ConfigValueType.OBJECT) {
                    problems.add(at(shown, set.origin()) + where + ".set: expected a block of scenario keys");
                    continue;
                }
                overrides = (ConfigObject) set;
            }
            out.add(new Variant(name, overrides, o.origin().lineNumber()));
        }
    }

    /**
     * Axes in the order the file writes them (Typesafe Config keeps no key order): by line, then by
     * where the key's last segment stands on that line.
     */
    private static Comparator<Axis> fileOrder(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            lines = List.of();
        }
        List<String> text = lines;
        return Comparator.<Axis>comparingInt(Axis::line).thenComparingInt(a -> {
            if (a.line() < 1 || a.line() > text.size()) {
                return 0;
            }
            String line = text.get(a.line() - 1);
            int quoted = line.indexOf("\"" + a.key() + "\"");
            if (quoted >= 0) {
                return quoted;
            }
            List<String> parts = ConfigUtil.splitPath(a.key());
            int plain = line.indexOf(parts.get(parts.size() - 1));
            return plain >= 0 ? plain : Integer.MAX_VALUE;
        }).thenComparing(Axis::key);
    }

    /** A value as results.csv, sweep.json and run ids show it: strings bare, anything else as JSON. */
    public static String display(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : v.render(ConfigRenderOptions.concise());
    }

    static String at(String shown, ConfigOrigin origin) {
        return origin != null && origin.lineNumber() > 0 ? shown + ":" + origin.lineNumber() + ": " : shown + ": ";
    }

    private static String message(ConfigException e) {
        String m = String.valueOf(e.getMessage());
        if (e.origin() != null && m.startsWith(e.origin().description() + ": ")) {
            m = m.substring(e.origin().description().length() + 2);
        }
        return m.replaceAll("[\\r\\n]+", " ");
    }

    private static String baseName(Path file) {
        String f = file.getFileName().toString();
        for (String ext : List.of(".sweep.conf", ".conf")) {
            if (f.endsWith(ext) && f.length() > ext.length()) {
                return RunIds.safe(f.substring(0, f.length() - ext.length()));
            }
        }
        return RunIds.safe(f);
    }
}
