package io.aegis.aggregation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

/**
 * Reads rule parameters from a scenario's {@code server} block with defaults for missing keys and
 * errors that name the full key ("server.krum.f") and what was wrong.
 */
final class Params {
    private final Config server;

    Params(Config server) {
        this.server = server == null ? ConfigFactory.empty() : server;
    }

    double number(String path, double fallback) {
        if (!server.hasPath(path)) {
            return fallback;
        }
        double v;
        try {
            v = server.getDouble(path);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be a number, got " + describe(path));
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(key(path) + " must be finite, got " + v);
        }
        return v;
    }

    int integer(String path, int fallback) {
        if (!server.hasPath(path)) {
            return fallback;
        }
        double v = number(path, fallback);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key(path) + " must be a whole number, got " + describe(path));
        }
        return (int) v;
    }

    boolean has(String path) {
        return server.hasPath(path);
    }

    String string(String path, String fallback) {
        if (!server.hasPath(path)) {
            return fallback;
        }
        try {
            return server.getString(path);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be a name, got " + describe(path));
        }
    }

    Config config() {
        return server;
    }

    static String key(String path) {
        return "server." + path;
    }

    private String describe(String path) {
        try {
            return server.getValue(path).render();
        } catch (ConfigException e) {
            return "an object";
        }
    }

    static IllegalArgumentException bad(String path, Object value, String requirement) {
        return new IllegalArgumentException(key(path) + " = " + value + " is invalid: " + requirement);
    }
}
