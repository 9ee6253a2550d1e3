package io.aegis.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a resolved configuration tree that never throw: a missing, mistyped or
 * out-of-range value is reported to {@link Problems} once, with its own origin, and the read
 * returns a fallback so that validation goes on and finds the other problems too.
 */
final class Fields {

    /**
     * A value at a display path ({@code server.rule}, {@code adversaries[1].sigma}). {@code value}
     * is null when the key is absent; {@code reachable} is false when a parent is not a block, a
     * problem already reported at that parent.
     */
    record Node(String path, ConfigValue value, ConfigOrigin parentOrigin, boolean reachable) {
        boolean present() {
            return value != null;
        }

        ConfigOrigin origin() {
            return value != null ? value.origin() : parentOrigin;
        }
    }

    private final Problems problems;
    private final Set<String> bad = new HashSet<>();
    private final Set<String> read = new HashSet<>();

    Fields(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    static Node root(ConfigObject root) {
        return new Node("", root, root.origin(), true);
    }

    /** The child {@code key} of a block; reports once if {@code parent} is not a block. */
    Node at(Node parent, String key) {
        String path = parent.path().isEmpty() ? key : parent.path() + "." + key;
        ConfigObject obj = object(parent);
        if (obj == null) {
            return new Node(path, null, parent.origin(), false);
        }
        return new Node(path, obj.get(key), obj.origin(), true);
    }

    /** A dotted path of plain keys below {@code from}. */
    Node path(Node from, String dotted) {
        Node n = from;
        for (String k : dotted.split("\\.")) {
            n = at(n, k);
        }
        return n;
    }

    /**
     * Warns, once per key, about every value under {@code n} (n itself when it is a plain value)
     * that the user wrote, i.e. not taken from the defaults, with {@code message}: for keys that are
     * valid but have no effect in this scenario, which would otherwise be ignored silently.
     */
    void warnUserSet(Node n, String message) {
        if (!n.present() || isBad(n)) {
            return;
        }
        if (n.value() instanceof ConfigObject obj) {
            for (String key : new TreeSet<>(obj.keySet())) {
                warnUserSet(at(n, key), message);
            }
        } else if (!problems.fromDefaults(n.origin())) {
            warn(n, message);
        }
    }

    /** Whether a problem was reported for this path (so that cross-checks stay quiet). */
    boolean isBad(Node n) {
        return !n.reachable() || bad.contains(n.path());
    }

    /** Paths that a typed read visited, so that the generic type check leaves them alone. */
    boolean wasRead(String path) {
        return read.contains(path);
    }

    void report(Node n, String message) {
        if (bad.add(n.path())) {
            problems.add(n.origin(), n.path().isEmpty() ? null : n.path(), message);
        }
    }

    /** A warning about a value that is valid but probably not meant. */
    void warn(Node n, String message) {
        problems.warn(n.origin(), n.path().isEmpty() ? null : n.path(), message);
    }

    /** Reports {@code message} unless {@code ok} or the value was already reported. */
    void check(Node n, boolean ok, String message) {
        if (!ok && !isBad(n)) {
            report(n, message);
        }
    }

    // ---- shapes

    ConfigObject object(Node n) {
        if (!n.reachable() || bad.contains(n.path())) {
            return null;
        }
        if (n.value() == null) {
            report(n, "missing block { ... }");
            return null;
        }
        if (n.value() instanceof ConfigObject o) {
            return o;
        }
        report(n, "expected a block { ... }, got " + describe(n.value()));
        return null;
    }

    ConfigList list(Node n) {
        if (!usable(n)) {
            return null;
        }
        if (n.value() instanceof ConfigList l) {
            return l;
        }
        report(n, "expected a list [ ... ], got " + describe(n.value()));
        return null;
    }

    /** The i-th entry of a list as a node named {@code path[i]}. */
    Node entry(Node listNode, ConfigList list, int i) {
        return new Node(listNode.path() + "[" + i + "]", list.get(i), list.origin(), true);
    }

    // ---- scalars

    /** Text; numbers and booleans count as their text, as in Typesafe Config. */
    String string(Node n, String fallback) {
        if (!usable(n)) {
            return fallback;
        }
        ConfigValueType t = n.value().valueType();
        if (t == ConfigValueType.NUMBER && !Double.isFinite(((Number) n.value().unwrapped()).doubleValue())) {
            // scenario.conf would write it back as the text "Infinity", a different value
            report(n, "expected text, got the number " + describe(n.value()) + "; quote it if it is meant as text");
            return fallback;
        }
        if (t == ConfigValueType.STRING || t == ConfigValueType.NUMBER || t == ConfigValueType.BOOLEAN) {
            return String.valueOf(n.value().unwrapped());
        }
        report(n, "expected text, got " + describe(n.value()));
        return fallback;
    }

    /** One of {@code valid} (case-insensitive), e.g. what = "rule": "unknown rule 'medain'; did you mean 'median'?" */
    String name(Node n, List<String> valid, String what, String fallback) {
        String s = string(n, null);
        if (s == null) {
            return fallback;
        }
        String lower = s.trim().toLowerCase(Locale.ROOT);
        if (valid.contains(lower)) {
            return lower;
        }
        report(n, "unknown " + what + " '" + clip(s) + "'" + Names.didYouMean(s.trim(), valid));
        return fallback;
    }

    long integer(Node n, long min, long max, long fallback) {
        if (!usable(n)) {
            return fallback;
        }
        Long v = wholeNumber(n.value());
        if (v == null) {
            report(n, "expected a whole number, got " + describe(n.value()));
            return fallback;
        }
        if (v < min || v > max) {
            report(n, range(min, max, v));
            return fallback;
        }
        return v;
    }

    /** A finite number in [min, max]; {@code minExclusive} makes the lower bound strict. */
    double number(Node n, double min, boolean minExclusive, double max, double fallback) {
        if (!usable(n)) {
            return fallback;
        }
        Double v = finiteNumber(n.value());
        if (v == null) {
            report(n, "expected a number, got " + describe(n.value()));
            return fallback;
        }
        boolean low = minExclusive ? v <= min : v < min;
        if (low || v > max) {
            String lower = minExclusive ? "greater than " + fmt(min) : "at least " + fmt(min);
            report(n, max >= Double.MAX_VALUE ? "must be " + lower + ", got " + fmt(v)
                    : "must be " + lower + " and at most " + fmt(max) + ", got " + fmt(v));
            return fallback;
        }
        return v;
    }

    double probability(Node n) {
        if (!usable(n)) {
            return 0;
        }
        Double v = finiteNumber(n.value());
        if (v == null) {
            report(n, "expected a probability between 0 and 1, got " + describe(n.value()));
            return 0;
        }
        if (v < 0 || v > 1) {
            report(n, "a probability must be between 0 and 1, got " + fmt(v));
            return 0;
        }
        return v;
    }

    boolean bool(Node n, boolean fallback) {
        if (!usable(n)) {
            return fallback;
        }
        Boolean b = booleanOf(n.value());
        if (b == null) {
            report(n, "expected true or false, got " + describe(n.value()));
            return fallback;
        }
        return b;
    }

    Distribution distribution(Node n) {
        String s = string(n, null);
        if (s == null) {
            return new Distribution.None();
        }
        try {
            return Distribution.parse(s);
        } catch (IllegalArgumentException e) {
            report(n, "bad distribution: " + e.getMessage());
            return new Distribution.None();
        }
    }

    /** Client ids or rounds ("0-33", "1,4,9", "50-"); null after a problem. */
    IdSet idSet(Node n) {
        String s = string(n, null);
        if (s == null) {
            return null;
        }
        try {
            return IdSet.parse(s);
        } catch (IllegalArgumentException e) {
            report(n, "bad range '" + clip(s) + "': " + e.getMessage());
            return null;
        }
    }

    /** A positive duration in seconds: "5s", "800ms", "2m", or a bare number of seconds. */
    double seconds(Node n, double fallback) {
        if (!usable(n)) {
            return fallback;
        }
        Double bare = finiteNumber(n.value());
        double s;
        if (bare != null) {
            s = bare;
        } else if (n.value().valueType() == ConfigValueType.STRING) {
            try {
                Duration d = ConfigFactory.parseMap(Map.of("d", n.value().unwrapped())).getDuration("d");
                s = d.getSeconds() + d.getNano() / 1e9;
            } catch (ConfigException e) {
                report(n, "expected a duration like 5s, 800ms or 2m, got " + describe(n.value()));
                return fallback;
            }
        } else {
            report(n, "expected a duration like 5s, 800ms or 2m, got " + describe(n.value()));
            return fallback;
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            report(n, "must be a positive duration, got " + describe(n.value()));
            return fallback;
        }
        return s;
    }

    /** Type check of a value against the type of its default, for keys no typed read visits. */
    void sameTypeAs(Node n, ConfigValue dflt) {
        if (!usable(n) || dflt == null) {
            return;
        }
        switch (dflt.valueType()) {
            case NUMBER -> check(n, finiteNumber(n.value()) != null, "expected a number, got " + describe(n.value()));
            case BOOLEAN -> check(n, booleanOf(n.value()) != null, "expected true or false, got " + describe(n.value()));
            case STRING -> string(n, null);
            case LIST -> list(n);
            case OBJECT -> object(n);
            default -> { }
        }
    }

    // ---- helpers

    /** Present, not null, not already reported; reports a missing or null value. */
    private boolean usable(Node n) {
        if (!n.reachable() || bad.contains(n.path())) {
            return false;
        }
        read.add(n.path());
        if (n.value() == null) {
            report(n, "missing value");
            return false;
        }
        if (n.value().valueType() == ConfigValueType.NULL) {
            report(n, "expected a value, got null");
            return false;
        }
        return true;
    }

    static Long wholeNumber(ConfigValue v) {
        Object u = v.unwrapped();
        if (u instanceof Integer || u instanceof Long) {
            return ((Number) u).longValue();
        }
        if (u instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) (double) d : null;
        }
        if (u instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Double finiteNumber(ConfigValue v) {
        Object u = v.unwrapped();
        double d;
        if (u instanceof Number num) {
            d = num.doubleValue();
        } else if (u instanceof String s) {
            Double parsed = decimal(s);
            if (parsed == null) {
                return null;
            }
            d = parsed;
        } else {
            return null;
        }
        return Double.isFinite(d) ? d : null;
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A plain decimal number, or null. Not Double.parseDouble alone: it also takes Java literals
     * such as "5d", "2f" and "0x1p3", and "5d" read as 5 would turn five days into five seconds.
     */
    static Double decimal(String s) {
        String t = s.trim();
        if (!DECIMAL.matcher(t).matches()) {
            return null;
        }
        return Double.parseDouble(t);
    }

    static Boolean booleanOf(ConfigValue v) {
        Object u = v.unwrapped();
        if (u instanceof Boolean b) {
            return b;
        }
        if (u instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on": return true;
                case "false", "no", "off": return false;
                default: return null;
            }
        }
        return null;
    }

    static String describe(ConfigValue v) {
        return switch (v.valueType()) {
            case OBJECT -> "a block { ... }";
            case LIST -> "a list [ ... ]";
            case NULL -> "null";
            case STRING -> "'" + clip(String.valueOf(v.unwrapped())) + "'";
            default -> clip(String.valueOf(v.unwrapped()));
        };
    }

    /**
     * {@link Names#closest} for key names, with ties broken towards the same length and then
     * alphabetically ("rouns" suggests "rounds", not "round"), so hints do not depend on hash order.
     */
    static String closestKey(String given, java.util.Collection<String> candidates) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String c : new java.util.TreeSet<>(candidates)) {
            int score = Names.distance(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)) * 2
                    + (c.length() == given.length() ? 0 : 1);
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best != null && Names.closest(given, List.of(best)) != null ? best : null;
    }

    static String clip(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String range(long min, long max, long v) {
        if (max >= Integer.MAX_VALUE) {
            return "must be at least " + min + ", got " + v;
        }
        if (min == Long.MIN_VALUE) {
            return "must be at most " + max + ", got " + v;
        }
        return "must be between " + min + " and " + max + ", got " + v;
    }
}
