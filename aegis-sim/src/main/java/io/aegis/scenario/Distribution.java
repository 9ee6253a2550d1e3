package io.aegis.scenario;

import io.aegis.util.Seeds;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A non-negative random duration in simulated seconds, as the spec writes it: {@code none},
 * a constant ({@code 0.5}), {@code uniform(a, b)}, {@code exponential(mean)},
 * {@code lognormal(mu, sigma)} or {@code normal(mean, sd)} (truncated at 0).
 */
public sealed interface Distribution {

    double sample(SplittableRandom rng);

    /** The text form, parseable by {@link #parse}. */
    String text();

    record None() implements Distribution {
        public double sample(SplittableRandom rng) { return 0; }
        public String text() { return "none"; }
    }

    record Constant(double value) implements Distribution {
        public double sample(SplittableRandom rng) { return value; }
        public String text() { return fmt(value); }
    }

    record Uniform(double a, double b) implements Distribution {
        public double sample(SplittableRandom rng) { return a + (b - a) * rng.nextDouble(); }
        public String text() { return "uniform(" + fmt(a) + ", " + fmt(b) + ")"; }
    }

    record Exponential(double mean) implements Distribution {
        public double sample(SplittableRandom rng) { return -mean * Math.log(1.0 - rng.nextDouble()); }
        public String text() { return "exponential(" + fmt(mean) + ")"; }
    }

    record LogNormal(double mu, double sigma) implements Distribution {
        public double sample(SplittableRandom rng) { return Math.exp(mu + sigma * Seeds.gaussian(rng)); }
        public String text() { return "lognormal(" + fmt(mu) + ", " + fmt(sigma) + ")"; }
    }

    record Normal(double mean, double sd) implements Distribution {
        public double sample(SplittableRandom rng) { return Math.max(0.0, mean + sd * Seeds.gaussian(rng)); }
        public String text() { return "normal(" + fmt(mean) + ", " + fmt(sd) + ")"; }
    }

    Pattern CALL = Pattern.compile("\\s*([a-z]+)\\s*\\(\\s*([^,()]+?)\\s*(?:,\\s*([^,()]+?)\\s*)?\\)\\s*");

    /** The names {@link #parse} accepts, for "did you mean" hints. */
    java.util.List<String> NAMES = java.util.List.of("none", "uniform", "exponential", "lognormal", "normal");

    /**
     * Parses the spec's text form.
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    static Distribution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.isEmpty()) {
            return new None();
        }
        Double c = Fields.decimal(t);
        if (c != null) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("a constant duration must be finite and >= 0, got " + text);
            }
            return new Constant(c);
        }
        Matcher m = CALL.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a distribution; expected none, a number, "
                    + "uniform(a, b), exponential(mean), lognormal(mu, sigma) or normal(mean, sd)");
        }
        String fn = m.group(1);
        double p1 = number(m.group(2), text);
        Double p2 = m.group(3) == null ? null : number(m.group(3), text);
        switch (fn) {
            case "uniform":
                need2(fn, p2, text);
                if (p1 < 0 || p2 < p1) {
                    throw new IllegalArgumentException("uniform(a, b) needs 0 <= a <= b, got " + text);
                }
                return new Uniform(p1, p2);
            case "exponential":
                need1(fn, p2, text);
                if (p1 < 0) {
                    throw new IllegalArgumentException("exponential(mean) needs mean >= 0, got " + text);
                }
                return new Exponential(p1);
            case "lognormal":
                need2(fn, p2, text);
                if (p2 < 0) {
                    throw new IllegalArgumentException("lognormal(mu, sigma) needs sigma >= 0, got " + text);
                }
                return new LogNormal(p1, p2);
            case "normal":
                need2(fn, p2, text);
                if (p2 < 0) {
                    throw new IllegalArgumentException("normal(mean, sd) needs sd >= 0, got " + text);
                }
                return new Normal(p1, p2);
            default:
                throw new IllegalArgumentException("unknown distribution '" + fn + "'" + Names.didYouMean(fn, NAMES));
        }
    }

    private static double number(String s, String text) {
        Double v = Fields.decimal(s);
        if (v == null || Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("'" + s.trim() + "' is not a number in " + text);
        }
        return v;
    }

    private static void need1(String fn, Double p2, String text) {
        if (p2 != null) {
            throw new IllegalArgumentException(fn + " takes one parameter, got " + text);
        }
    }

    private static void need2(String fn, Double p2, String text) {
        if (p2 == null) {
            throw new IllegalArgumentException(fn + " takes two parameters, got " + text);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
