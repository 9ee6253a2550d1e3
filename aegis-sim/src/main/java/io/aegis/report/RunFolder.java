package io.aegis.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.aegis.metrics.ClientsCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page needs from one run folder, read leniently: a report is drawn for runs that failed,
 * were interrupted or predate a column, so a missing file or field is an empty value, never an error.
 *
 * @param summary  summary.json's fields in file order (empty when there is none)
 * @param scenarioText the resolved scenario.conf, or null
 * @param scenario that text parsed (config.json when it is there), or null
 * @param clients  clients.csv's rows, or null for runs written before it existed
 */
record RunFolder(Path dir, RoundTable rounds, Map<String, Object> summary, String scenarioText, Config scenario,
                 List<ClientsCsv.Row> clients) {

    static boolean looksLikeRun(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve("scenario.conf"))
                || Files.isRegularFile(dir.resolve("rounds.csv")) || Files.isRegularFile(dir.resolve("summary.json")));
    }

    static RunFolder load(Path dir) throws IOException {
        Path csv = dir.resolve("rounds.csv");
        RoundTable rounds = Files.isRegularFile(csv)
                ? RoundTable.parse(Files.readAllLines(csv, StandardCharsets.UTF_8)) : RoundTable.parse(List.of());
        return withRounds(dir, rounds);
    }

    /** The folder's other files around rounds already in memory (the run writing its own report). */
    static RunFolder withRounds(Path dir, RoundTable rounds) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        Path json = dir == null ? null : dir.resolve("summary.json");
        if (json != null && Files.isRegularFile(json)) {
            try {
                summary = new ObjectMapper().readValue(json.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
            } catch (IOException malformed) {
                summary.put("status", "failed");
                summary.put("error", "summary.json cannot be read: " + malformed.getMessage().lines().findFirst().orElse(""));
            }
        }
        String text = null;
        Config scenario = null;
        if (dir != null && Files.isRegularFile(dir.resolve("scenario.conf"))) {
            text = Files.readString(dir.resolve("scenario.conf"), StandardCharsets.UTF_8);
        }
        scenario = parseScenario(dir, text);
        List<ClientsCsv.Row> clients = dir == null ? null : ClientsCsv.read(dir);
        return new RunFolder(dir, rounds, summary, text, scenario, clients);
    }

    private static Config parseScenario(Path dir, String text) {
        try {
            if (dir != null && Files.isRegularFile(dir.resolve("config.json"))) {
                return ConfigFactory.parseFile(dir.resolve("config.json").toFile(),
                        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)).resolve();
            }
            return text == null ? null : ConfigFactory.parseString(text).resolve();
        } catch (ConfigException unreadable) {
            return null;
        }
    }

    String summaryString(String key) {
        Object v = summary.get(key);
        return v == null ? null : v.toString();
    }

    Double summaryNumber(String key) {
        return summary.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    /** completed / interrupted / failed as summary.json says; a folder without one did not finish. */
    String status() {
        String s = summaryString("status");
        if (s != null) {
            return s;
        }
        return summary.isEmpty() ? "failed" : "completed";
    }

    /** The number of rounds the scenario asks for, else what rounds.csv holds. */
    int plannedRounds() {
        if (scenario != null && scenario.hasPath("rounds")) {
            try {
                return Math.max(rounds.size(), scenario.getInt("rounds"));
            } catch (ConfigException.WrongType ignored) {
                // fall through
            }
        }
        return rounds.size();
    }

    /** Where the scripted timeline changes something: attack windows and events, from the resolved scenario. */
    List<Marker> markers() {
        List<Marker> out = new ArrayList<>();
        if (scenario == null) {
            return out;
        }
        int last = plannedRounds();
        for (Config g : list("adversaries")) {
            String behavior = str(g, "behavior", "?");
            String clients = str(g, "clients", "?");
            String rounds = str(g, "rounds", "1-");
            for (int[] w : windows(rounds, last)) {
                out.add(new Marker(w[0], w[1], behavior + " " + clients, true));
            }
        }
        for (Config e : list("events")) {
            if (!e.hasPath("round")) {
                continue;
            }
            int round;
            try {
                round = e.getInt("round");
            } catch (ConfigException wrong) {
                continue;
            }
            String what;
            if (e.hasPath("turn")) {
                what = "turn " + str(e, "turn", "") + " " + str(e, "behavior", "");
            } else if (e.hasPath("go-offline")) {
                what = "offline " + str(e, "go-offline", "");
            } else if (e.hasPath("go-online")) {
                what = "online " + str(e, "go-online", "");
            } else {
                what = "event";
            }
            out.add(new Marker(round, round, what.trim(), false));
        }
        return out;
    }

    /** A window of rounds an attack is scheduled in, or an event (from = to). */
    record Marker(int from, int to, String label, boolean window) {}

    private List<Config> list(String key) {
        try {
            return scenario.hasPath(key) ? new ArrayList<>(scenario.getConfigList(key)) : List.of();
        } catch (ConfigException wrong) {
            return List.of();
        }
    }

    private static String str(Config c, String key, String otherwise) {
        try {
            return c.hasPath(key) ? c.getString(key) : otherwise;
        } catch (ConfigException wrong) {
            return otherwise;
        }
    }

    /** "1-10,20,30-" as [from, to] pairs, an open end closed at {@code last}; malformed parts are skipped. */
    static List<int[]> windows(String text, int last) {
        List<int[]> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                String rest = dash < 0 ? p : p.substring(dash + 1).trim();
                from = Math.max(1, from);
                int to = rest.isEmpty() ? Math.max(last, from) : Integer.parseInt(rest);
                if (to >= from) {
                    out.add(new int[] {from, to});
                }
            } catch (NumberFormatException malformed) {
                // a report still draws the rest
            }
        }
        return out;
    }
}
