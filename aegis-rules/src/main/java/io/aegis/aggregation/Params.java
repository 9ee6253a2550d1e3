package io.aegis.aggregation;

import java.util.List;
import java.util.Map;

/**
 * Reads rule parameters from a plain map (keys relative to the rules' block, e.g. "krum.f"; values
 * numbers, strings or booleans, numeric strings accepted) with defaults for missing keys and
 * errors that name the full key ("server.krum.f") and what was wrong.
 */
final class Params {
    private final Map<String, ?> values;
    private final String prefix;

    Params(Map<String, ?> values, String prefix) {
        this.values = values == null ? Map.of() : values;
        this.prefix = prefix == null ? "" : prefix;
    }

    double number(String path, double fallback) {
        Object raw = values.get(path);
        if (raw == null) {
            return fallback;
        }
        double v;
        if (raw instanceof Number num) {
            v = num.doubleValue();
        } else if (raw instanceof String s) {
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key(path) + " must be a number, got " + describe(raw));
            }
        } else {
            throw new IllegalArgumentException(key(path) + " must be a number, got " + describe(raw));
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(key(path) + " must be finite, got " + v);
        }
        return v;
    }

    int integer(String path, int fallback) {
        if (!has(path)) {
            return fallback;
        }
        double v = number(path, fallback);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key(path) + " must be a whole number, got " + describe(values.get(path)));
        }
        return (int) v;
    }

    /** A true/false switch; anything else is refused with the key's name. */
    boolean flag(String path, boolean fallback) {
        if (!has(path)) {
            return fallback;
        }
        String given = string(path, "");
        if (given.equals("true") || given.equals("false")) {
            return given.equals("true");
        }
        throw bad(path, given, "must be true or false");
    }

    boolean has(String path) {
        return values.get(path) != null;
    }

    /** The value as given (null when missing). */
    Object raw(String path) {
        return values.get(path);
    }

    String string(String path, String fallback) {
        Object raw = values.get(path);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
            return String.valueOf(raw);
        }
        throw new IllegalArgumentException(key(path) + " must be a name, got " + describe(raw));
    }

    String key(String path) {
        return prefix + path;
    }

    String prefix() {
        return prefix;
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) {
            return "\"" + s + "\"";
        }
        if (raw instanceof Map) {
            return "an object";
        }
        if (raw instanceof List<?> l) {
            return l.toString();
        }
        return String.valueOf(raw);
    }

    IllegalArgumentException bad(String path, Object value, String requirement) {
        return new IllegalArgumentException(key(path) + " = " + value + " is invalid: " + requirement);
    }
}
