package io.aegis.scenario;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects every problem of a scenario as one line {@code <file>:<line>: <key>: <message>}, so that
 * the user sees them all at once, sorted by file and line.
 */
final class Problems {
    /** Origin description prefix of values given on the command line. */
    static final String SET_PREFIX = "--set ";

    private static final Pattern LINE_SUFFIX = Pattern.compile(":\\s*\\d+(?:-\\d+)?\\s*$");

    private record Problem(Location at, String text) {}

    /** Where a value came from: a source name (file, resource, {@code --set key}) and a line, -1 if none. */
    record Location(String source, int line) {
        static Location of(ConfigOrigin o) {
            if (o == null) {
                return new Location("<unknown>", -1);
            }
            String source;
            if (o.filename() != null) {
                source = o.filename();
            } else if (o.resource() != null) {
                source = "classpath:" + o.resource();
            } else {
                String d = o.description();
                if (d.startsWith("merge of ")) {
                    d = d.substring("merge of ".length());
                    int comma = d.indexOf(',');
                    d = comma >= 0 ? d.substring(0, comma) : d;
                }
                Matcher m = LINE_SUFFIX.matcher(d);
                source = m.find() ? d.substring(0, m.start()) : d;
            }
            return new Location(source, o.lineNumber());
        }

        boolean isSet() {
            return source.startsWith(SET_PREFIX);
        }

        @Override
        public String toString() {
            return line > 0 && !isSet() ? source + ":" + line : source;
        }
    }

    private final List<Problem> list = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final String defaultsSource;

    /** @param defaultsSource the source name of the defaults file, whose values rank after the user's */
    Problems(String defaultsSource) {
        this.defaultsSource = defaultsSource;
    }

    /** A problem with the value of {@code key} that came from {@code origin}; key may be null. */
    void add(ConfigOrigin origin, String key, String message) {
        add(Location.of(origin), key, message);
    }

    void add(Location at, String key, String message) {
        StringBuilder b = new StringBuilder(at.toString()).append(": ");
        // "--set server.rule: server.rule: ..." says the key twice
        if (key != null && !(at.isSet() && at.source().equals(SET_PREFIX + key))) {
            b.append(key).append(": ");
        }
        b.append(message);
        list.add(new Problem(at, b.toString()));
    }

    /** Not an error: the scenario runs, but probably not as meant (an event after the last round). */
    void warn(ConfigOrigin origin, String key, String message) {
        Location at = Location.of(origin);
        StringBuilder b = new StringBuilder(at.toString()).append(": ");
        if (key != null && !(at.isSet() && at.source().equals(SET_PREFIX + key))) {
            b.append(key).append(": ");
        }
        warnings.add(new Problem(at, b.append(message).toString()));
    }

    /** The warnings, sorted like the problems, each one line starting with "warning: ". */
    List<String> warningLines() {
        return sorted(warnings).stream().map(w -> "warning: " + w).toList();
    }

    boolean fromDefaults(ConfigOrigin origin) {
        return origin != null && Location.of(origin).source().equals(defaultsSource);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** The scenario's own files first, then the defaults, then --set; by line within each. */
    List<String> lines() {
        return sorted(list);
    }

    private List<String> sorted(List<Problem> problems) {
        return problems.stream()
                .sorted(Comparator.<Problem>comparingInt(p -> rank(p.at()))
                        .thenComparing(p -> p.at().source())
                        .thenComparingInt(p -> p.at().line())
                        .thenComparing(Problem::text))
                .map(Problem::text)
                .distinct()
                .toList();
    }

    private int rank(Location at) {
        if (at.isSet()) {
            return 2;
        }
        return at.source().equals(defaultsSource) ? 1 : 0;
    }

    ScenarioException exception() {
        return new ScenarioException(lines());
    }
}
