package io.aegis.aggregation;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Builds rules by their scenario names from plain parameters: a map whose keys are relative to the
 * scenario's {@code server} block ("krum.f", "stpa.inner-rule"; see docs/rules.md) and whose values
 * are numbers, strings or booleans. Missing keys take the defaults below; impossible values throw
 * IllegalArgumentException naming the full key (the prefix, "server." by default, plus the key).
 * Reading them from a scenario file is the scenario package's job (ServerRules), outside this package.
 */
public final class Rules {
    /** The spec's rule names, in the spec's order. */
    public static final List<String> NAMES = List.of(
            "fedavg", "median", "trimmed-mean", "krum", "multi-krum", "bulyan", "geomed", "centered-clipping", "stpa");

    public static final double DEFAULT_TRIM_RATIO = 0.2;
    public static final int DEFAULT_KRUM_F = 7;
    public static final int DEFAULT_BULYAN_F = 4;
    public static final double DEFAULT_CC_TAU = 10.0;
    public static final int DEFAULT_CC_ITERATIONS = 1;
    public static final double DEFAULT_GEOMED_NU = 1e-6;
    public static final int DEFAULT_GEOMED_ITERATIONS = 100;
    public static final double DEFAULT_GEOMED_TOLERANCE = 1e-10;
    public static final double DEFAULT_STPA_THRESHOLD = 0.02;
    public static final String DEFAULT_STPA_INNER = "median";
    public static final double DEFAULT_MOMENTUM = 0.5;
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    /** Each rule's parameters, as keys relative to the server block (for docs and the aggregate command). */
    public static final Map<String, List<String>> PARAMETERS = Map.of(
            "fedavg", List.of(),
            "median", List.of(),
            "trimmed-mean", List.of("trimmed-mean.trim-ratio"),
            "krum", List.of("krum.f"),
            "multi-krum", List.of("krum.f", "krum.m"),
            "bulyan", List.of("bulyan.f"),
            "geomed", List.of("geomed.nu", "geomed.iterations", "geomed.tolerance"),
            "centered-clipping", List.of("centered-clipping.tau", "centered-clipping.iterations"),
            "stpa", java.util.stream.Stream.concat(java.util.stream.Stream.of("stpa.threshold", "stpa.inner-rule", "stpa.momentum",
                    "stpa.learning-rate"), StpaVariant.KEYS.stream()).toList());

    private Rules() {}

    /** Prefix of the keys in error messages: where a scenario holds them. */
    public static final String SERVER_PREFIX = "server.";

    /** The rule called {@code name} from parameters keyed relative to the server block (null: all defaults). */
    public static RowSubsetRule create(String name, Map<String, ?> params) {
        return create(name, params, SERVER_PREFIX);
    }

    /** As {@link #create(String, Map)}, naming keys in errors with {@code keyPrefix} + key. */
    public static RowSubsetRule create(String name, Map<String, ?> params, String keyPrefix) {
        Params p = new Params(params, keyPrefix);
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown aggregation rule '" + name + "'"
                    + (name == null ? "; valid: " + String.join(", ", NAMES) : didYouMean(name, NAMES)));
        }
        try {
            return build(name, p);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(p.prefix()) && !p.prefix().isEmpty()) {
                throw e;
            }
            // constructor messages start with the key's block ("krum: f must be ..."): make it the full key
            throw new IllegalArgumentException(p.prefix() + e.getMessage(), e);
        }
    }

    private static RowSubsetRule build(String name, Params p) {
        switch (name) {
            case "fedavg":
                return new FedAvg();
            case "median":
                return new Median();
            case "trimmed-mean":
                return new TrimmedMean(p.number("trimmed-mean.trim-ratio", DEFAULT_TRIM_RATIO));
            case "krum":
                return new Krum(p.integer("krum.f", DEFAULT_KRUM_F), 1);
            case "multi-krum": {
                int m = Krum.AUTO_M;
                if (p.has("krum.m") && !"auto".equals(p.raw("krum.m"))) {
                    m = p.integer("krum.m", 1);
                    if (m < 1) {
                        throw p.bad("krum.m", m, "multi-krum averages m >= 1 updates (or m = auto for n - f)");
                    }
                }
                return Krum.multi(p.integer("krum.f", DEFAULT_KRUM_F), m);
            }
            case "bulyan":
                return new Bulyan(p.integer("bulyan.f", DEFAULT_BULYAN_F));
            case "geomed":
                return new GeometricMedian(p.number("geomed.nu", DEFAULT_GEOMED_NU),
                        p.integer("geomed.iterations", DEFAULT_GEOMED_ITERATIONS),
                        p.number("geomed.tolerance", DEFAULT_GEOMED_TOLERANCE));
            case "centered-clipping":
                return new CenteredClipping(p.number("centered-clipping.tau", DEFAULT_CC_TAU),
                        p.integer("centered-clipping.iterations", DEFAULT_CC_ITERATIONS));
            case "stpa": {
                String innerName = p.string("stpa.inner-rule", DEFAULT_STPA_INNER);
                List<String> inner = NAMES.subList(0, NAMES.size() - 1);
                if (!inner.contains(innerName)) {
                    throw new IllegalArgumentException(p.key("stpa.inner-rule") + ": unknown inner rule '" + innerName + "'"
                            + didYouMean(innerName, inner));
                }
                return new Stpa(p.number("stpa.threshold", DEFAULT_STPA_THRESHOLD), build(innerName, p),
                        StpaVariant.fromParams(p));
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    /**
     * The temporal stage for a run of {@code rule}, or null when it is off: {@code server.temporal}
     * is auto (default: on for stpa only), true or false; it uses stpa.momentum and stpa.learning-rate.
     */
    public static TemporalStep temporalStep(String rule, Map<String, ?> params) {
        Params p = new Params(params, SERVER_PREFIX);
        String mode = p.has("temporal") ? String.valueOf(p.raw("temporal")) : "auto";
        boolean on;
        switch (mode) {
            case "auto":
                on = "stpa".equals(rule);
                break;
            case "true":
            case "on":
            case "yes":
                on = true;
                break;
            case "false":
            case "off":
            case "no":
                on = false;
                break;
            default:
                throw new IllegalArgumentException(p.key("temporal") + " must be auto, true or false, got '" + mode + "'");
        }
        if (!on) {
            return null;
        }
        double beta = p.number("stpa.momentum", DEFAULT_MOMENTUM);
        double eta0 = p.number("stpa.learning-rate", DEFAULT_LEARNING_RATE);
        if (!(beta >= 0 && beta < 1)) {
            throw p.bad("stpa.momentum", beta, "momentum must be in [0, 1)");
        }
        if (!(eta0 > 0)) {
            throw p.bad("stpa.learning-rate", eta0, "learning-rate must be > 0");
        }
        return StpaVariant.fromParams(p).temporalStep(beta, eta0);
    }

    /** "; did you mean 'x'?" for a likely typo, else "; valid: a, b, c". */
    static String didYouMean(String given, Collection<String> candidates) {
        return Typos.didYouMean(given, candidates);
    }
}
