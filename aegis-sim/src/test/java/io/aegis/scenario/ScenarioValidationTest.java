package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of scenario mistake gives one line naming file, line, key and, for names, the closest valid one. */
class ScenarioValidationTest {
    static final String FILE = "scenarios/x.conf";

    static List<String> problems(String hocon, String... sets) {
        try {
            ScenarioLoader.loadString(hocon, FILE, List.of(sets));
        } catch (ScenarioException e) {
            for (String p : e.problems()) {
                assertTrue(!p.contains("\n") && (p.startsWith(FILE) || p.startsWith("--set ")), p);
            }
            return e.problems();
        }
        return fail("expected a ScenarioException for: " + hocon);
    }

    static void assertProblem(String expected, String hocon, String... sets) {
        assertEquals(List.of(expected), problems(hocon, sets));
    }

    @Test
    void misspeltRuleNamesTheClosestRule() {
        assertProblem(FILE + ":2: server.rule: unknown rule 'medain'; did you mean 'median'?", "\nserver.rule = medain");
    }

    @Test
    void misspeltNamesOfEveryKindSuggestTheClosest() {
        assertProblem(FILE + ":1: dataset.name: unknown dataset 'mnst'; did you mean 'mnist'?", "dataset.name = mnst");
        assertProblem(FILE + ":1: dataset.partition: unknown partition 'dirichelt'; did you mean 'dirichlet'?",
                "dataset.partition = dirichelt");
        assertProblem(FILE + ":1: model: unknown model 'logreq'; did you mean 'logreg'?", "model = logreq");
        assertProblem(FILE + ":1: churn.model: unknown churn model 'markow'; did you mean 'markov'?", "churn.model = markow");
        assertProblem(FILE + ":1: faults.corrupt-kind: unknown corrupt-kind 'bitflip'; did you mean 'bit-flip'?",
                "faults.corrupt-kind = bitflip");
        assertProblem(FILE + ":1: clock: unknown clock 'virtul'; did you mean 'virtual'?", "clock = virtul");
        assertProblem(FILE + ":1: server.stpa.inner-rule: unknown inner rule 'krun'; did you mean 'krum'?",
                "server.stpa.inner-rule = krun");
    }

    @Test
    void aLabelSplitOfTheSyntheticDataSetIsRefusedRatherThanSilentlyIgnored() throws ScenarioException {
        for (String partition : List.of("dirichlet", "shards")) {
            List<String> p = problems("dataset { name = synthetic, partition = " + partition + " }");
            assertEquals(1, p.size(), p.toString());
            assertTrue(p.get(0).startsWith(FILE + ":1: dataset.partition: '" + partition
                    + "' does not apply to the synthetic data set"), p.get(0));
            assertTrue(p.get(0).contains("dataset.synthetic.iid = false"), p.get(0));
        }
        assertEquals(1, problems("rounds = 0", "dataset.partition=dirichlet").stream()
                .filter(p -> p.contains("does not apply to the synthetic")).count());
        assertEquals("iid", ScenarioLoader.loadString("dataset { name = synthetic, partition = iid }", FILE, List.of())
                .dataset().partition());
        assertEquals("dirichlet", ScenarioLoader.loadString("dataset { name = spambase, partition = dirichlet }", FILE,
                List.of()).dataset().partition());
    }

    @Test
    void unknownKeysSuggestTheClosestKeyEvenInAnotherBlock() {
        assertProblem(FILE + ":1: rouns: unknown key; did you mean 'rounds'?", "rouns = 5");
        assertProblem(FILE + ":2: server.rul: unknown key; did you mean 'server.rule'?", "server {\n  rul = krum\n}");
        assertProblem(FILE + ":1: deadline: unknown key; did you mean 'round.deadline'?", "deadline = 5s");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertProblem(FILE + ":1: rounds: expected a whole number, got 'many'", "rounds = many");
        assertProblem(FILE + ":1: rounds: expected a whole number, got 5.5", "rounds = 5.5");
        assertProblem(FILE + ":1: server: expected a block { ... }, got 'median'", "server = median");
        assertProblem(FILE + ":1: output.report: expected true or false, got 'sometimes'", "output.report = sometimes");
        assertProblem(FILE + ":1: adversaries: expected a list [ ... ], got 'none'", "adversaries = none");
        assertProblem(FILE + ":1: clients.dropout: expected a probability between 0 and 1, got a list [ ... ]",
                "clients.dropout = [0.1]");
        assertProblem(FILE + ":1: seed: expected a value, got null", "seed = null");
        assertProblem(FILE + ":1: round.deadline: expected a duration like 5s, 800ms or 2m, got 'soon'",
                "round.deadline = soon");
    }

    @Test
    void impossibleNumbersAreOutOfRange() {
        assertProblem(FILE + ":1: rounds: must be at least 1, got 0", "rounds = 0");
        assertProblem(FILE + ":1: clients.dropout: a probability must be between 0 and 1, got 1.5", "clients.dropout = 1.5");
        assertProblem(FILE + ":1: faults.drop: a probability must be between 0 and 1, got -0.1", "faults.drop = -0.1");
        assertProblem(FILE + ":1: churn.p-leave: a probability must be between 0 and 1, got -0.05", "churn.p-leave = -0.05");
        assertProblem(FILE + ":1: training.learning-rate: must be greater than 0, got -1", "training.learning-rate = -1");
        assertProblem(FILE + ":1: checkpoint.every: must be at least 0, got -1", "checkpoint.every = -1");
        assertProblem(FILE + ":1: server.stpa.momentum: must be below 1 (a momentum of 1 never forgets), got 1",
                "server.stpa.momentum = 1");
        assertProblem(FILE + ":1: round.deadline: must be a positive duration, got 0", "round.deadline = 0");
    }

    @Test
    void perRoundAboveTotalIsReportedAtTheKeyTheUserWrote() {
        assertProblem(FILE + ":1: clients.per-round: must be at most clients.total = 10, got 20",
                "clients { total = 10, per-round = 20 }");
        // per-round = 20 comes from the defaults; the user's total is what to fix
        assertProblem(FILE + ":2: clients.total: must be at least clients.per-round = 20, got 10", "\nclients.total = 10");
    }

    @Test
    void badDistributionsQuoteTheParserMessage() {
        assertProblem(FILE + ":1: clients.compute-time: bad distribution: uniform(a, b) needs 0 <= a <= b, got uniform(2, 1)",
                "clients.compute-time = \"uniform(2, 1)\"");
        List<String> p = problems("faults.delay = \"exponentail(1)\"");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(FILE + ":1: faults.delay: bad distribution: unknown distribution 'exponentail'; did you mean 'exponential'?"), p.get(0));
    }

    @Test
    void adversaryGroupsAreCheckedAgainstTheirBehaviour() {
        assertProblem(FILE + ":2: adversaries[0].behavior: unknown behaviour 'gausian'; did you mean 'gaussian'?",
                "adversaries = [\n { clients = \"0-3\", behavior = gausian }\n]");
        assertProblem(FILE + ":1: adversaries[0].sigmaa: unknown key; did you mean 'sigma'?",
                "adversaries = [{ clients = \"0-3\", behavior = gaussian, sigmaa = 3 }]");
        assertProblem(FILE + ":1: adversaries[0].epsilon: 'epsilon' is not a parameter of gaussian; gaussian takes sigma",
                "adversaries = [{ clients = \"0-3\", behavior = gaussian, epsilon = 3 }]");
        assertProblem(FILE + ":1: adversaries[0].knowledge: 'knowledge' is not a parameter of gaussian; gaussian takes sigma",
                "adversaries = [{ clients = \"0-3\", behavior = gaussian, knowledge = own }]");
        assertProblem(FILE + ":1: adversaries[0].knowledge: unknown knowledge 'omnicient'; did you mean 'omniscient'?",
                "adversaries = [{ clients = \"0-3\", behavior = alie, knowledge = omnicient }]");
        assertProblem(FILE + ":1: adversaries[0].sigma: must be at least 0, got -2",
                "adversaries = [{ clients = \"0-3\", behavior = noisy-data, sigma = -2 }]");
        assertProblem(FILE + ":1: adversaries[0].z: unknown z (expected auto or a number) 'automatic'; valid: auto",
                "adversaries = [{ clients = \"0-3\", behavior = alie, z = automatic }]");
        assertProblem(FILE + ":1: adversaries[0]: an adversary group needs behavior = one of "
                        + String.join(", ", KnownNames.BEHAVIORS), "adversaries = [{ clients = \"0-3\" }]");
        assertProblem(FILE + ":1: adversaries[0].clients: an adversary group needs clients = \"<ids>\", e.g. \"0-33\"",
                "adversaries = [{ behavior = gaussian }]");
        assertProblem(FILE + ":1: adversaries[0]: expected a block { ... }, got 'gaussian'", "adversaries = [gaussian]");
        assertProblem(FILE + ":1: adversaries[0].direction: unknown min-max direction 'unitvec'; did you mean 'unit-vec'?",
                "adversaries = [{ clients = \"0-3\", behavior = min-max, direction = unitvec }]");
        assertProblem(FILE + ":1: adversaries[0].poison-fraction: must be greater than 0 and at most 1, got 1.5",
                "adversaries = [{ clients = \"0-3\", behavior = backdoor, poison-fraction = 1.5 }]");
        assertProblem(FILE + ":1: adversaries[0].trigger-size: must be between 1 and 4096, got 0",
                "adversaries = [{ clients = \"0-3\", behavior = backdoor, trigger-size = 0 }]");
    }

    @Test
    void clientRangesAndRoundWindowsMustBePossible() {
        assertProblem(FILE + ":1: adversaries[0].clients: client range '0-120' goes beyond the last client, 99"
                        + " (clients.total = 100; ids start at 0)",
                "adversaries = [{ clients = \"0-120\", behavior = gaussian }]");
        assertProblem(FILE + ":1: adversaries[0].rounds: rounds are numbered from 1, got '0-5'",
                "adversaries = [{ clients = \"1\", behavior = gaussian, rounds = \"0-5\" }]");
        assertProblem(FILE + ":1: adversaries[0].clients: bad range '9-3': range '9-3' ends before it starts",
                "adversaries = [{ clients = \"9-3\", behavior = gaussian }]");
        assertProblem(FILE + ":1: events[0].go-offline: client range '50-' goes beyond the last client, 9"
                        + " (clients.total = 10; ids start at 0)",
                "events = [{ round = 3, go-offline = \"50-\" }]", "clients.total=10", "clients.per-round=5");
        assertProblem(FILE + ":1: adversaries[0]: targeted-label-flip uses target = 7 from behaviors.targeted-label-flip.target,"
                        + " but the data set has classes 0-1; set target here",
                "adversaries = [{ clients = \"1\", behavior = targeted-label-flip, source = 0 }]",
                "dataset.name=spambase", "behaviors.targeted-label-flip.target=7");
        assertProblem(FILE + ":1: adversaries[0].target: must be between 0 and 1, got 2",
                "adversaries = [{ clients = \"1\", behavior = backdoor, target = 2 }]", "dataset.name=spambase");
        assertProblem(FILE + ":1: adversaries[0]: targeted-label-flip needs two different classes, but source and target are both 1",
                "adversaries = [{ clients = \"1\", behavior = targeted-label-flip, source = 1 }]");
    }

    @Test
    void eventsDoExactlyOneThing() {
        assertProblem(FILE + ":1: events[0]: an event needs one of go-offline = \"<ids>\", go-online = \"<ids>\" or turn = \"<ids>\"",
                "events = [{ round = 3 }]");
        assertProblem(FILE + ":1: events[0]: an event does one thing, but this one has go-offline and turn; write one event for each",
                "events = [{ round = 3, go-offline = \"1\", turn = \"2\", behavior = honest }]");
        assertProblem(FILE + ":1: events[0].behavior: only a turn event takes a behaviour and its parameters",
                "events = [{ round = 3, go-online = \"1\", behavior = honest }]");
        assertProblem(FILE + ":1: events[0]: a turn event needs behavior = one of " + String.join(", ", KnownNames.BEHAVIORS),
                "events = [{ round = 3, turn = \"1\" }]");
        assertProblem(FILE + ":1: events[0].round: must be at least 1, got 0", "events = [{ round = 0, go-online = \"1\" }]");
        assertProblem(FILE + ":1: events[0].epsilon: 'epsilon' is not a parameter of honest; honest takes none",
                "events = [{ round = 3, turn = \"1\", behavior = honest, epsilon = 2 }]");
    }

    @Test
    void targetedFaultEntriesTakeFaultKeysOnly() {
        assertProblem(FILE + ":1: faults.targeted[0].dorp: unknown key; did you mean 'drop'?",
                "faults.targeted = [{ clients = \"0-9\", dorp = 0.5 }]");
        assertProblem(FILE + ":1: faults.targeted[0].crash: a probability must be between 0 and 1, got 2",
                "faults.targeted = [{ crash = 2 }]");
    }

    @Test
    void churnTraceMustNameAnExistingFile(@TempDir Path dir) throws Exception {
        assertProblem(FILE + ":1: churn.model: churn.model = trace needs churn.trace = \"<file>\"", "churn.model = trace");
        List<String> p = problems("churn { model = trace, trace = \"no-such-trace.csv\" }");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(FILE + ":1: churn.trace: trace file ") && p.get(0).contains("no-such-trace.csv does not exist"), p.get(0));

        Path scenario = dir.resolve("s.conf");
        Files.writeString(dir.resolve("avail.csv"), "client,from,to\n0,1,\n");
        Files.writeString(scenario, "churn { model = trace, trace = \"avail.csv\" }");
        assertEquals(dir.resolve("avail.csv").toString(), ScenarioLoader.load(scenario, List.of()).churn().traceFile());
    }

    @Test
    void ruleParametersMustSuitTheRuleAndTheRound() {
        // krum.f is the default; the user's --set is what made the rule impossible
        assertProblem("--set clients.per-round: krum needs clients.per-round >= 2 * krum.f + 3 = 17,"
                        + " but clients.per-round = 10 and krum.f = 7",
                "server.rule = krum", "clients.per-round=10");
        assertProblem(FILE + ":1: server.krum.m: unknown krum.m (expected auto or a whole number >= 1) 'autp'; did you mean 'auto'?",
                "server { rule = multi-krum, krum.m = autp }");
        assertProblem(FILE + ":1: server.krum.m: multi-krum cannot average krum.m = 30 updates out of clients.per-round = 20",
                "server { rule = multi-krum, krum.m = 30 }");
        assertProblem(FILE + ":1: server.stpa.inner-rule: stpa cannot be its own inner rule; use median or another rule",
                "server.stpa.inner-rule = stpa");
        assertProblem(FILE + ":1: model: model mnist-cnn takes the images of mnist or fashion-mnist, not dataset spambase;"
                        + " use mlp, logreg or model = auto",
                "model = mnist-cnn, dataset.name = spambase");
    }

    @Test
    void unsafeRunNameIsRejectedWithASafeSuggestion() {
        assertProblem(FILE + ":1: name: '../etc/x' is not safe as a folder name; use up to 100 letters, digits, '.', '_' and '-',"
                + " starting with a letter or digit, e.g. 'etc-x'", "name = \"../etc/x\"");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        List<String> p = problems("rounds = 5\nserver {\n  rule = median\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(FILE + ":4: syntax error: "), p.get(0));
        List<String> q = problems("rounds = ${nowhere}");
        assertTrue(q.get(0).startsWith(FILE + ":1: ") && q.get(0).contains("${nowhere}"), q.get(0));
    }

    @Test
    void overridesAreNamedAsSetInProblems() {
        assertProblem("--set server.rule: unknown rule 'medain'; did you mean 'median'?", "", "server.rule=medain");
        assertProblem("--set rounds: expected path=value, e.g. --set rounds=5", "", "rounds");
        assertProblem("--set server.rul: unknown key; did you mean 'server.rule'?", "", "server.rul=krum");
        assertProblem("--set server: server.rule: unknown rule 'kru'; did you mean 'krum'?", "", "server={rule=kru}");
        assertEquals(1, problems("", "adversaries=[{clients=\"0\"").size());
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrder() {
        String text = String.join("\n",
                "rounds = 0",                               // 1
                "server { rule = medain }",                 // 2
                "clients { dropout = 2, total = 10 }",      // 3
                "adversaries = [",                          // 4
                "  { clients = \"0-50\", behavior = gausian }", // 5
                "]",
                "faults.corrupt-kind = nann",               // 7
                "extra = 1");                               // 8
        List<String> p = problems(text, "seed=abc");
        assertEquals(List.of(
                FILE + ":1: rounds: must be at least 1, got 0",
                FILE + ":2: server.rule: unknown rule 'medain'; did you mean 'median'?",
                FILE + ":3: clients.dropout: a probability must be between 0 and 1, got 2",
                FILE + ":3: clients.total: must be at least clients.per-round = 20, got 10",
                FILE + ":5: adversaries[0].behavior: unknown behaviour 'gausian'; did you mean 'gaussian'?",
                FILE + ":5: adversaries[0].clients: client range '0-50' goes beyond the last client, 9 (clients.total = 10; ids start at 0)",
                FILE + ":7: faults.corrupt-kind: unknown corrupt-kind 'nann'; did you mean 'nan'?",
                FILE + ":8: extra: unknown key; valid keys here: " + String.join(", ", new java.util.TreeSet<>(
                        List.of("name", "seed", "rounds", "clock", "dataset", "model", "training", "clients", "round",
                                "server", "adversaries", "behaviors", "churn", "events", "faults", "checkpoint", "evaluation", "output"))),
                "--set seed: expected a whole number, got 'abc'"), p);
    }

    @Test
    void nonFiniteNumberForATextKeyIsRejectedSoScenarioConfReadsBackTheSame() {
        assertProblem(FILE + ":1: output.dir: expected text, got the number Infinity; quote it if it is meant as text",
                "output.dir = 1e400");
    }

    @Test
    void absurdlyDeepNestingIsAProblemNotAStackOverflow() {
        assertProblem(FILE + ":2: blocks or lists nested more than 100 deep",
                "rounds = 3\na = " + "[".repeat(100_000) + "]".repeat(100_000));
        assertProblem("--set adversaries: blocks or lists nested more than 100 deep", "",
                "adversaries=" + "[".repeat(100_000) + "]".repeat(100_000));
        // brackets inside strings and comments do not count
        String quoted = "output.dir = \"" + "[".repeat(200) + "\" # " + "{".repeat(200) + "\nrounds = 0";
        assertProblem(FILE + ":2: rounds: must be at least 1, got 0", quoted);
    }

    @Test
    void missingScenarioFileIsOneProblem() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(Path.of("scenarios/does-not-exist.conf"), List.of()));
        assertEquals(List.of("scenarios/does-not-exist.conf: no such scenario file"), e.problems());
    }
}
