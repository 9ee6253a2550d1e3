package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile input (issue 5, item 5; issue 9, item 4): thousands of seeded mutations of valid scenarios
 * (wrong types, out-of-range numbers, misspelt names, broken braces and quotes, random character
 * edits, bad --set overrides, absurd nesting) each either load or end in a ScenarioException whose
 * problems are non-empty, one line each and start with where they are; never any other exception.
 * Every accepted case (up to {@link #RUNS}) then RUNS for at most two small rounds
 * ({@link BoundedRuns}: few clients, a small synthetic dimension, few local steps) with a time
 * limit: it ends, or fails with a clean user error; a crash or a hang fails the test.
 */
class ScenarioFuzzTest {
    /** -Daegis.fuzz.seed / -Daegis.fuzz.cases run a longer or different campaign. */
    static final long SEED = Long.getLong("aegis.fuzz.seed", 20261126L);
    static final int CASES = Integer.getInteger("aegis.fuzz.cases", 3000);
    /** Accepted cases that are also run (each about half a second); -Daegis.fuzz.runs raises it. */
    static final int RUNS = Integer.getInteger("aegis.fuzz.runs", 100);
    static final int RUN_TIMEOUT_SECONDS = Integer.getInteger("aegis.fuzz.run-timeout", 60);

    static final String[] NUMBERS = {"-1", "0", "1", "2", "0.5", "1.5", "-0.25", "1e9", "-1e300", "1e400",
            "99999999999999999999", "3.7", "2147483648", "-9223372036854775809", "NaN", "0x10", "1_000"};
    static final String[] VALUES = {"abc", "\"\"", "[1, 2]", "{ a = 1 }", "true", "null", "\"0-5\"", "\"5-1\"",
            "\"uniform(2, 1)\"", "\"gamma(1)\"", "\"lognormal(0, -1)\"", "\"1,4,9\"", "\"50-\"", "krum", "medain",
            "gausian", "\"../x\"", "${rounds}", "${nowhere}", "\"0-\"", "auto", "5s", "-5s", "\"\\u0000\"", "100000000d",
            "249d", "5d", "\"exponential(1e9)\"", "\"lognormal(900, 1)\"", "\"normal(1e308, 1e308)\"", "\"uniform(0, 1e300)\"",
            "{ include url(\"http://127.0.0.1:9/x\") }"};
    static final String[] SETS = {"rounds=%s", "server.rule=%s", "clients.total=%s", "clients.per-round=%s",
            "clients.compute-time=%s", "adversaries=%s", "faults.drop=%s", "name=%s", "%s=1", "events=[{round=%s}]",
            "server.krum.f=%s", "churn.model=%s", "dataset.name=%s", "round.deadline=%s", "behaviors.gaussian.sigma=%s",
            "clients.network-delay=%s", "faults.delay=%s", "dataset.synthetic.dimension=%s", "dataset.synthetic.classes=%s"};
    static final String EDIT_CHARS = "{}[]\"=:,$#\n\\ .-_0123456789abcxyz+`'\t";
    static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])-?\\d+(\\.\\d+)?(?![\\w.-])");
    static final Pattern WORD = Pattern.compile("[a-z][a-z-]{2,}");
    static final Pattern VALUE_AFTER_EQ = Pattern.compile("=\\s*([^,}\\]\\n#]+)");

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path out;

    @Test
    void mutatedScenariosLoadOrFailWithOneLineProblemsAndAcceptedOnesRunWithoutCrashOrHang() throws Exception {
        // relative to the working directory (the project), so the texts and the counts do not depend on where it is checked out
        String trace = "aegis-sim/src/test/resources/scenarios/trace.csv";
        List<String> bases = List.of(
                Files.readString(ScenarioLoaderTest.resource("spec-example.conf")),
                Files.readString(ScenarioLoaderTest.resource("cross-silo-trace.conf")).replace("\"trace.csv\"", "\"" + trace + "\""),
                "rounds = 3\nclients { total = 5, per-round = 5 }\nserver.rule = median\n"
                        + "adversaries = [ { clients = \"0\", behavior = gaussian, sigma = 10 } ]\n");
        for (String b : bases) {
            ScenarioLoader.loadString(b, "fuzz.conf", List.of()); // the bases themselves are valid
        }

        SplittableRandom rng = new SplittableRandom(SEED);
        int loaded = 0;
        int errors = 0;
        int problemsSeen = 0;
        List<String> crashes = new ArrayList<>();
        int ran = 0;
        int runErrors = 0;
        int notRun = 0;
        int hangs = 0;
        int runCrashes = 0;
        for (int i = 0; i < CASES; i++) {
            String text = bases.get(rng.nextInt(bases.size()));
            int edits = 1 + rng.nextInt(3);
            for (int e = 0; e < edits; e++) {
                text = mutate(text, rng);
            }
            List<String> sets = new ArrayList<>();
            if (rng.nextInt(4) == 0) {
                sets.add(String.format(SETS[rng.nextInt(SETS.length)], rng.nextBoolean()
                        ? NUMBERS[rng.nextInt(NUMBERS.length)] : VALUES[rng.nextInt(VALUES.length)]));
            }
            try {
                Scenario s = ScenarioLoader.loadString(text, "fuzz.conf", sets);
                String rendered = s.config().root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
                assertEquals(s, ScenarioLoader.loadString(rendered, "fuzz.conf", List.of()), "round trip of case " + i);
                loaded++;
                if (ran + runErrors + notRun + hangs + runCrashes < RUNS) {
                    BoundedRuns.Outcome o = BoundedRuns.run(text, sets, out, "", RUN_TIMEOUT_SECONDS);
                    switch (o.result()) {
                        case RAN -> ran++;
                        case CLEAN_ERROR -> runErrors++;
                        case NOT_RUN -> notRun++;
                        case HANG -> hangs++;
                        case CRASH -> runCrashes++;
                    }
                    if (o.result() == BoundedRuns.Result.HANG || o.result() == BoundedRuns.Result.CRASH) {
                        crashes.add("case " + i + " RUN " + o.result() + ": " + o.detail()
                                + (crashes.size() < 5 ? "\n--- text:\n" + text + "\n--- sets: " + sets : ""));
                    }
                }
            } catch (ScenarioException e) {
                errors++;
                assertFalse(e.problems().isEmpty(), "case " + i + " has no problems");
                for (String p : e.problems()) {
                    problemsSeen++;
                    assertFalse(p.isBlank() || p.contains("\n") || p.contains("\r"), "case " + i + ": " + p);
                    assertTrue(p.startsWith("fuzz.conf") || p.startsWith("--set ") || p.startsWith("conf/defaults.conf"),
                            "case " + i + " does not say where: " + p);
                }
            } catch (RuntimeException | Error crash) {
                if (crashes.size() < 5) {
                    String what = String.valueOf(crash);
                    crashes.add("case " + i + ": " + what.substring(0, Math.min(what.length(), 600))
                            + "\n--- text:\n" + text + "\n--- sets: " + sets);
                } else {
                    crashes.add("case " + i);
                }
            }
        }
        System.out.printf("scenario fuzz: seed=%d cases=%d loaded=%d errors=%d problems=%d load-crashes=%d%n",
                SEED, CASES, loaded, errors, problemsSeen, crashes.size() - hangs - runCrashes);
        System.out.printf("scenario fuzz runs: ran=%d clean-errors=%d not-run=%d crashes=%d hangs=%d%n",
                ran, runErrors, notRun, runCrashes, hangs);
        assertEquals(List.of(), crashes);
        assertTrue(loaded > CASES / 50 && errors > CASES / 2, "the mutations exercise both outcomes");
        assertTrue(ran >= Math.min(RUNS, loaded) / 2, "most accepted cases run: ran " + ran + " of " + loaded);
    }

    static String mutate(String text, SplittableRandom rng) {
        switch (rng.nextInt(9)) {
            case 8: {
                int depth = 1 << rng.nextInt(15); // up to 16384 levels: the parser must not overflow the stack
                return replaceRandomGroup(text, VALUE_AFTER_EQ, "[".repeat(depth) + "1" + "]".repeat(depth), rng);
            }
            case 0: return replaceRandom(text, NUMBER, NUMBERS[rng.nextInt(NUMBERS.length)], rng);
            case 1: return replaceRandomGroup(text, VALUE_AFTER_EQ, VALUES[rng.nextInt(VALUES.length)], rng);
            case 2: return misspellWord(text, rng);
            case 3: return deleteOneOf(text, "{}[]\"", rng);
            case 4: return charEdit(text, rng);
            case 5: return lineEdit(text, rng);
            case 6: return text + "\n" + randomKey(rng) + " = " + (rng.nextBoolean()
                    ? NUMBERS[rng.nextInt(NUMBERS.length)] : VALUES[rng.nextInt(VALUES.length)]) + "\n";
            default: return replaceRandom(text, WORD, misspell(WORD_SAMPLES[rng.nextInt(WORD_SAMPLES.length)], rng), rng);
        }
    }

    static final String[] WORD_SAMPLES = {"median", "gaussian", "mnist", "markov", "virtual", "rounds", "clients",
            "server", "sigma", "behavior", "go-offline", "turn", "drop", "corrupt-kind", "trimmed-mean", "alie"};

    static String randomKey(SplittableRandom rng) {
        String[] keys = {"rounds", "seed", "server.rule", "clients.total", "clients.dropout", "faults.replay",
                "churn.p-return", "dataset.synthetic.classes", "server.stpa.momentum", "server.temporal",
                "checkpoint.every", "output.dir", "model", "server.krum", "behaviors.alie.z", "training.batch-size",
                "events", "faults.targeted", "dataset.dirichlet-alpha", "serve.rule", "clients.per_round"};
        return keys[rng.nextInt(keys.length)];
    }

    static String replaceRandom(String text, Pattern p, String with, SplittableRandom rng) {
        List<int[]> spans = spans(text, p, 0);
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(rng.nextInt(spans.size()));
        return text.substring(0, s[0]) + with + text.substring(s[1]);
    }

    static String replaceRandomGroup(String text, Pattern p, String with, SplittableRandom rng) {
        List<int[]> spans = spans(text, p, 1);
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(rng.nextInt(spans.size()));
        return text.substring(0, s[0]) + with + text.substring(s[1]);
    }

    static List<int[]> spans(String text, Pattern p, int group) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(new int[] {m.start(group), m.end(group)});
        }
        return out;
    }

    static String misspellWord(String text, SplittableRandom rng) {
        List<int[]> spans = spans(text, WORD, 0);
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(rng.nextInt(spans.size()));
        return text.substring(0, s[0]) + misspell(text.substring(s[0], s[1]), rng) + text.substring(s[1]);
    }

    static String misspell(String w, SplittableRandom rng) {
        StringBuilder b = new StringBuilder(w);
        int i = rng.nextInt(b.length());
        switch (rng.nextInt(3)) {
            case 0 -> b.deleteCharAt(i);
            case 1 -> b.insert(i, (char) ('a' + rng.nextInt(26)));
            default -> {
                if (i + 1 < b.length()) {
                    char c = b.charAt(i);
                    b.setCharAt(i, b.charAt(i + 1));
                    b.setCharAt(i + 1, c);
                } else {
                    b.setCharAt(i, (char) ('a' + rng.nextInt(26)));
                }
            }
        }
        return b.toString();
    }

    static String deleteOneOf(String text, String chars, SplittableRandom rng) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return text;
        }
        int i = at.get(rng.nextInt(at.size()));
        return text.substring(0, i) + text.substring(i + 1);
    }

    static String charEdit(String text, SplittableRandom rng) {
        int i = rng.nextInt(text.length() + 1);
        char c = EDIT_CHARS.charAt(rng.nextInt(EDIT_CHARS.length()));
        return switch (rng.nextInt(3)) {
            case 0 -> text.substring(0, i) + c + text.substring(i);
            case 1 -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
            default -> i < text.length() ? text.substring(0, i) + c + text.substring(i + 1) : text + c;
        };
    }

    static String lineEdit(String text, SplittableRandom rng) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = rng.nextInt(lines.size());
        if (rng.nextBoolean()) {
            lines.remove(i);
        } else {
            lines.add(i, lines.get(i));
        }
        return String.join("\n", lines);
    }
}
