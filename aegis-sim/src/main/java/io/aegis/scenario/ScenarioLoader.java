package io.aegis.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario (spec: scenario-format.md): {@code defaults.conf} (see {@link Defaults} for
 * where it is found), the scenario merged over it, then each {@code --set path=value} on top (later
 * ones win), then substitutions resolved, then every key validated. All problems are reported at
 * once in one {@link ScenarioException}.
 */
public final class ScenarioLoader {
    // The HOCON parser and resolver recurse once per level of nesting.
    private static final String TOO_DEEP = "blocks or lists nested more than " + Nesting.MAX_DEPTH + " deep";
    private ScenarioLoader() {}

    /** A valid scenario and the warnings about it (values that are valid but probably not meant), one line each. */
    public record Checked(Scenario scenario, List<String> warnings) {}

    /** Loads a scenario file; relative paths inside it (churn.trace) are relative to its folder. */
    public static Scenario load(Path file, List<String> overrides) throws ScenarioException {
        return check(file, overrides).scenario();
    }

    /** {@link #load} with the warnings that {@code validate} and {@code run} print. */
    public static Checked check(Path file, List<String> overrides) throws ScenarioException {
        String shown = file.toString();
        if (Files.isDirectory(file)) {
            throw new ScenarioException(List.of(shown + ": is a folder, not a scenario file"));
        }
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(List.of(shown + ": no such scenario file"));
        }
        if (!Files.isReadable(file)) {
            throw new ScenarioException(List.of(shown + ": cannot read the scenario file (permission denied)"));
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            String text = Files.readString(file);
            int deep = Nesting.tooDeepAt(text);
            if (deep > 0) {
                throw new ScenarioException(List.of(shown + ":" + deep + ": " + TOO_DEEP));
            }
            refuseNonFileIncludes(text, shown);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ScenarioException(List.of(shown + ": is not UTF-8 text (is it a scenario file?)"));
        } catch (java.io.IOException e) {
            throw new ScenarioException(List.of(shown + ": cannot read: " + e.getMessage()));
        }
        return build(() -> ConfigFactory.parseFile(file.toFile(), options(null)), shown, folder,
                baseName(file.getFileName().toString()), overrides);
    }

    /**
     * Loads scenario text; {@code originName} names it in problems ({@code originName:line: ...})
     * and gives the default run name; relative paths are relative to the working directory.
     */
    public static Scenario loadString(String hocon, String originName, List<String> overrides) throws ScenarioException {
        return checkString(hocon, originName, overrides).scenario();
    }

    /** {@link #loadString} with the warnings. */
    public static Checked checkString(String hocon, String originName, List<String> overrides) throws ScenarioException {
        String shown = originName == null || originName.isBlank() ? "scenario" : originName;
        int deep = Nesting.tooDeepAt(hocon);
        if (deep > 0) {
            throw new ScenarioException(List.of(shown + ":" + deep + ": " + TOO_DEEP));
        }
        refuseNonFileIncludes(hocon, shown);
        return build(() -> ConfigFactory.parseString(hocon, options(shown)), shown,
                Path.of("").toAbsolutePath(), baseName(Path.of(shown).getFileName() == null ? shown
                        : String.valueOf(Path.of(shown).getFileName())), overrides);
    }

    /**
     * {@link #loadString} with the defaults built into the jar only: neither {@code ./conf/defaults.conf}
     * nor {@code -Daegis.conf.dir} apply (the test kit must not depend on the user's working directory).
     */
    public static Scenario loadStringWithBuiltInDefaults(String hocon, String originName, List<String> overrides)
            throws ScenarioException {
        int deep = Nesting.tooDeepAt(hocon);
        if (deep > 0) {
            throw new ScenarioException(List.of(originName + ":" + deep + ": " + TOO_DEEP));
        }
        refuseNonFileIncludes(hocon, originName);
        return build(Defaults.fromResource(), () -> ConfigFactory.parseString(hocon, options(originName)), originName,
                Path.of("").toAbsolutePath(), originName, overrides).scenario();
    }

    /**
     * The text of {@code scenario.conf}: the fully resolved scenario (defaults and overrides applied),
     * which {@link #load} reads back to an equal {@link Scenario}.
     */
    public static String toText(Scenario scenario) {
        return scenario.config().root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    private interface Parse {
        Config run();
    }

    private static void refuseNonFileIncludes(String text, String shown) throws ScenarioException {
        int line = ScenarioIncluder.refusedIncludeLine(text);
        if (line > 0) {
            throw new ScenarioException(List.of(shown + ":" + line + ": " + ScenarioIncluder.REFUSED));
        }
    }

    private static Checked build(Parse parse, String shown, Path folder, String defaultName, List<String> overrides)
            throws ScenarioException {
        return build(Defaults.load(), parse, shown, folder, defaultName, overrides);
    }

    private static Checked build(Defaults.Loaded defaults, Parse parse, String shown, Path folder, String defaultName,
                                  List<String> overrides) throws ScenarioException {
        Problems problems = new Problems(defaults.sourceName());

        Config scenario = null;
        try {
            scenario = parse.run();
        } catch (ConfigException e) {
            syntaxProblem(problems, e, shown);
        } catch (StackOverflowError e) {
            problems.add(new Problems.Location(shown, -1), null, TOO_DEEP);
        }
        List<Config> sets = new ArrayList<>();
        for (String o : overrides == null ? List.<String>of() : overrides) {
            Config c = parseOverride(o, problems);
            if (c != null) {
                sets.add(c);
            }
        }
        if (!problems.isEmpty()) {
            throw problems.exception();
        }

        Config merged = scenario;
        for (Config set : sets) {
            merged = set.withFallback(merged);
        }
        merged = merged.withFallback(defaults.config());
        try {
            merged = merged.resolve();
        } catch (ConfigException e) {
            syntaxProblem(problems, e, shown);
            throw problems.exception();
        } catch (StackOverflowError e) {
            problems.add(new Problems.Location(shown, -1), null, TOO_DEEP);
            throw problems.exception();
        }
        Scenario result = new ScenarioReader(merged, defaults.config(), new Fields(problems), folder, defaultName).read();
        if (!problems.isEmpty() || result == null) {
            throw problems.exception();
        }
        return new Checked(result, problems.warningLines());
    }

    /** {@code path=value}; the value is HOCON ({@code 5}, {@code krum}, {@code "uniform(0,1)"}, {@code [..]}). */
    private static Config parseOverride(String override, Problems problems) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            problems.add(new Problems.Location(Problems.SET_PREFIX + override.strip(), -1), null,
                    "expected path=value, e.g. --set rounds=5");
            return null;
        }
        String path = override.substring(0, eq).strip();
        String value = override.substring(eq + 1).strip();
        String origin = Problems.SET_PREFIX + path;
        if (Nesting.tooDeepAt(value) > 0) {
            problems.add(new Problems.Location(origin, -1), null, TOO_DEEP);
            return null;
        }
        try {
            return ConfigFactory.parseString(path + " = " + value, options(origin));
        } catch (StackOverflowError e) {
            problems.add(new Problems.Location(origin, -1), null, TOO_DEEP);
            return null;
        } catch (ConfigException parseError) {
            // Plain text that HOCON cannot read unquoted, e.g. uniform(0,1) or a//b, is meant as a string;
            // but a broken block, list or quoted string is a mistake to report.
            boolean structured = value.startsWith("{") || value.startsWith("[") || value.startsWith("\"");
            if (!structured) {
                try {
                    return ConfigFactory.empty(origin).withValue(path, ConfigValueFactory.fromAnyRef(value, origin));
                } catch (ConfigException badPath) {
                    problems.add(new Problems.Location(origin, -1), null, "bad key path: " + stripOrigin(badPath));
                    return null;
                }
            }
            problems.add(new Problems.Location(origin, -1), null, "cannot read the value: " + stripOrigin(parseError));
            return null;
        }
    }

    private static void syntaxProblem(Problems problems, ConfigException e, String shown) {
        String what = e instanceof ConfigException.UnresolvedSubstitution ? "" : "syntax error: ";
        if (e instanceof ConfigException.IO) {
            what = "cannot read: ";
        }
        if (e.origin() != null) {
            problems.add(e.origin(), null, what + plainParserMessage(stripOrigin(e)));
        } else {
            problems.add(new Problems.Location(shown, -1), null, what + e.getMessage());
        }
    }

    /** Typesafe prefixes messages with "origin: line: "; our line format already says where. */
    private static String stripOrigin(ConfigException e) {
        String m = String.valueOf(e.getMessage());
        if (e.origin() != null) {
            String prefix = e.origin().description() + ": ";
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        return m;
    }

    /** The parser's hints ("rename the file .properties", "JSON does not allow ...") confuse more than they help. */
    static String plainParserMessage(String m) {
        String t = m.replace("'newline' (JSON does not allow unescaped newline in quoted strings, use a backslash escape)",
                "the end of the line (a quote left open?)");
        int hint = t.indexOf(" (if you intended");
        if (hint < 0) {
            hint = t.indexOf(" (if you want");
        }
        return hint > 0 ? t.substring(0, hint) : t;
    }

    private static ConfigParseOptions options(String originDescription) {
        ConfigParseOptions o = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)
                .setIncluder(new ScenarioIncluder());
        return originDescription == null ? o : o.setOriginDescription(originDescription);
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
