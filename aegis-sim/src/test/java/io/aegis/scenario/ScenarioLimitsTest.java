package io.aegis.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 4: settings that used to pass validation and then crash or hang at run time are
 * refused with the number that is too large; settings that are valid but have no effect (events
 * after the last round) load with a warning. Item 6: the data directory's precedence and the
 * refusal of includes that would read the network or the class path.
 */
class ScenarioLimitsTest {
    static final String FILE = ScenarioValidationTest.FILE;

    @TempDir
    Path dir;

    @AfterEach
    void realEnvironment() {
        ScenarioReader.environment = System::getenv;
    }

    private static String only(String hocon, String... sets) {
        List<String> p = ScenarioValidationTest.problems(hocon, sets);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void syntheticDimensionTimesClassesBeyondAnArrayIsRefusedWithTheProduct() {
        String p = only("dataset.synthetic { dimension = 65535, classes = 65536 }");
        assertTrue(p.startsWith(FILE + ":1: dataset.synthetic.dimension: "), p);
        assertTrue(p.contains("65,535 x 65,536 = 4,294,901,760"), p);
    }

    @Test
    void theParameterCountUsedForTheLimitsIsTheModelsOwnAndSaturatesInsteadOfOverflowing() {
        int[][] shapes = {{60, 10}, {57, 2}, {784, 10}, {3072, 10}};
        for (String model : new String[] {"logreg", "mlp"}) {
            for (int[] s : shapes) {
                assertEquals(io.aegis.model.Models.architecture(model, new int[] {s[0]}, s[1]).numParams(),
                        Sizes.parameters(model, "synthetic", s[0], s[1]), model);
            }
        }
        assertEquals(431_080, Sizes.parameters("mnist-cnn", "mnist", 784, 10));
        assertEquals(821_994, Sizes.parameters("cifar-cnn", "cifar10", 3072, 10));
        assertEquals(65_536L * 65_536L, Sizes.parameters("logreg", "synthetic", 65_535, 65_536));
        assertEquals(Long.MAX_VALUE, Sizes.parameters("logreg", "synthetic", Long.MAX_VALUE / 2, 3));
    }

    @Test
    void aRoundOfStackedUpdatesBeyondAnArrayIsRefused() {
        // mnist-cnn has 431,080 parameters: 5,000 of them stacked are 2,155,400,000 values
        String p = only("dataset.name = mnist\nclients { total = 6000, per-round = 5000 }\nserver.rule = fedavg");
        assertTrue(p.startsWith(FILE + ":2: clients.per-round: ") && p.contains("5,000 x 431,080 = 2,155,400,000"), p);
    }

    @Test
    void aScenarioBeyondTheHeapIsRefusedWithBothSizes() {
        // 10,000,010 parameters, and the synthetic test set alone is 40,000 x 1,000,000 floats (149 GB)
        long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 12L << 30, "needs a heap below 12 GB");
        String p = only("dataset.synthetic { dimension = 1000000, classes = 10 }\nclients { total = 20, per-round = 20 }");
        assertTrue(p.contains("needs about") && p.contains("GB of memory") && p.contains("Java may use at most"), p);
    }

    @Test
    void moreClientsThanTrainingExamplesIsRefused() {
        String p = only("dataset.name = cifar10\nclients { total = 50001, per-round = 10 }");
        assertTrue(p.contains("50,001 is more than the 50,000 training examples of cifar10"), p);
        String s = only("dataset { name = mnist, partition = shards, shards-per-client = 1000 }\nclients { total = 100, per-round = 10 }");
        assertTrue(s.contains("100,000 shards, more than the 60,000"), s);
    }

    @Test
    void deadlinesBeyondTheSchedulerLimitAreRefusedAndTheLimitIsComputedFromTheTick() {
        double limit = Limits.schedulerMaxSeconds();
        assertEquals(21_474_836.46, limit, 0.01, "2^31 - 2 ticks of 10 ms");
        assertEquals("248 days", Limits.days(limit));
        String p = only("clock = wall\nround.deadline = 100000000d");
        assertTrue(p.equals(FILE + ":2: round.deadline: must be at most 248 days (the longest delay the actor scheduler accepts), got 100000000d"), p);
        ScenarioValidationTest.problems("round.deadline = 249d"); // virtual clock too: the same scenario may run on the wall clock
        assertTrue(loads("round.deadline = 248d"));
        // "5d" is five days, not five seconds (Double.parseDouble would take it as the double literal 5d)
        assertEquals(5 * 86400.0, loadsScenario("round.deadline = 5d").deadlineSeconds());
        assertEquals(5.0, loadsScenario("round.deadline = 5").deadlineSeconds());
        assertTrue(ScenarioValidationTest.problems("clients.network-delay = \"5d\"").get(0).contains("not a distribution"));
    }

    @Test
    void delayDistributionsThatCanDrawBeyondTheLimitAreRefused() {
        for (String d : new String[] {"\"exponential(1e7)\"", "\"lognormal(800, 0)\"", "\"lognormal(0, 1e300)\"",
                "\"normal(1e308, 1e308)\"", "\"uniform(0, 1e300)\"", "1e12"}) {
            String p = only("clients.network-delay = " + d);
            assertTrue(p.startsWith(FILE + ":1: clients.network-delay: ") && p.contains("can draw delays beyond 62 days"), p);
        }
        only("clients.compute-time = \"exponential(1e9)\"");
        only("faults.delay = \"lognormal(30, 1)\"");
        String t = only("faults.targeted = [ { clients = \"0-3\", delay = \"exponential(1e8)\" } ]");
        assertTrue(t.contains("faults.targeted[0].delay") || t.contains("delay"), t);
        assertTrue(loads("clients.network-delay = \"lognormal(0, 1)\"\nclients.compute-time = \"exponential(1000)\""));
    }

    private static List<String> warnings(String hocon, String... sets) throws ScenarioException {
        return ScenarioLoader.checkString(hocon, FILE, List.of(sets)).warnings();
    }

    @Test
    void keysThatHaveNoEffectInTheScenarioLoadWithAWarningInsteadOfBeingIgnoredSilently() throws ScenarioException {
        assertEquals(List.of("warning: " + FILE + ":1: server.krum.f: has no effect: server.rule is median"),
                warnings("server { rule = median, krum.f = 3 }"));
        assertEquals(List.of("warning: " + FILE + ":1: dataset.dirichlet-alpha: has no effect: dataset.partition is iid"
                        + " (dirichlet-alpha applies to partition = dirichlet)"),
                warnings("dataset { name = spambase, dirichlet-alpha = 0.1 }"));
        assertEquals(List.of("warning: " + FILE + ":1: dataset.synthetic.alpha: has no effect: dataset.name is spambase"),
                warnings("dataset { name = spambase, synthetic.alpha = 2 }"));
        assertEquals(List.of("warning: " + FILE + ":1: dataset.synthetic.beta: has no effect: dataset.synthetic.iid = true"
                        + " gives every client the same model and inputs"),
                warnings("dataset.synthetic { iid = true, beta = 2 }"));
        assertEquals(List.of("warning: --set server.stpa.robust.norm-screen: has no effect: server.stpa.variant is paper"
                        + " (the robust keys apply to variant = robust)"),
                warnings("server.rule = stpa", "server.stpa.robust.norm-screen=5"));
        // krum.m is multi-krum's alone
        assertEquals(List.of("warning: " + FILE + ":1: server.krum.m: has no effect: server.rule is krum"),
                warnings("server { rule = krum, krum { f = 3, m = 2 } }"));
        assertEquals(1, warnings("server { rule = fedavg, stpa { threshold = 0.5 } }").size());
        // keys of the rule that runs, STPA's inner rule included, and values equal to no default: silent
        assertEquals(List.of(), warnings("server { rule = krum, krum.f = 3 }"));
        assertEquals(List.of(), warnings("server { rule = stpa, stpa.inner-rule = trimmed-mean, trimmed-mean.trim-ratio = 0.2 }"));
        assertEquals(List.of(), warnings("server { rule = stpa, stpa { variant = robust, robust.norm-screen = 5 } }"));
        assertEquals(List.of(), warnings("dataset { name = spambase, partition = dirichlet, dirichlet-alpha = 0.1 }"));
        assertEquals(List.of(), warnings("dataset.synthetic { iid = false, alpha = 1, beta = 1 }"));
    }

    @Test
    void eventsAndWindowsAfterTheLastRoundLoadWithAWarningEach() throws ScenarioException {
        ScenarioLoader.Checked c = ScenarioLoader.checkString("rounds = 10\nclients { total = 10, per-round = 5 }\n"
                + "server.rule = median\n"
                + "events = [ { round = 11, go-offline = \"0\" }, { round = 10, go-online = \"0\" } ]\n"
                + "adversaries = [ { clients = \"1\", behavior = gaussian, rounds = \"20-30\" },\n"
                + "  { clients = \"2\", behavior = gaussian, rounds = \"5-30\" } ]\n"
                + "faults.targeted = [ { rounds = \"12-\", drop = 0.5 } ]\n", FILE, List.of());
        assertEquals(List.of(
                "warning: " + FILE + ":4: events[0].round: round 11 is after the last round (rounds = 10); this event never happens",
                "warning: " + FILE + ":5: adversaries[0].rounds: rounds '20-30' start after the last round (rounds = 10); this adversary group never acts",
                "warning: " + FILE + ":7: faults.targeted[0].rounds: rounds '12-' start after the last round (rounds = 10); these faults never happen"),
                c.warnings());
        assertEquals(List.of(), ScenarioLoader.checkString("rounds = 10", FILE, List.of()).warnings());
        // a --set that shortens the run makes the warning appear
        assertEquals(1, ScenarioLoader.checkString("events = [ { round = 11, go-offline = \"0\" } ]", FILE, List.of("rounds=10"))
                .warnings().size());
    }

    @Test
    void explicitDatasetDirWinsOverTheEnvironmentWhichOnlyReplacesTheDefault() throws ScenarioException {
        ScenarioReader.environment = name -> name.equals("AEGIS_DATA_DIR") ? "/from/env" : null;
        assertEquals("/from/env", ScenarioLoader.loadString("rounds = 1", FILE, List.of()).dataset().dir());
        assertEquals(Path.of("/from/env/mnist"), io.aegis.data.DataSets.directoryUsed(
                ScenarioLoader.loadString("dataset.name = mnist", FILE, List.of())));
        assertEquals("mine", ScenarioLoader.loadString("dataset.dir = mine", FILE, List.of()).dataset().dir());
        assertEquals("cli", ScenarioLoader.loadString("dataset.dir = mine", FILE, List.of("dataset.dir=cli")).dataset().dir());
        // scenario.conf records the directory used, so resume reads the same data with or without the variable
        Scenario fromEnv = ScenarioLoader.loadString("rounds = 1", FILE, List.of());
        ScenarioReader.environment = name -> null;
        assertEquals("/from/env", ScenarioLoader.loadString(ScenarioLoader.toText(fromEnv), FILE, List.of()).dataset().dir());
        assertEquals("data", ScenarioLoader.loadString("rounds = 1", FILE, List.of()).dataset().dir());
        assertEquals(Path.of("data", "mnist").toAbsolutePath(), io.aegis.data.DataSets.directoryUsed(
                ScenarioLoader.loadString("dataset.name = mnist", FILE, List.of())));
        assertEquals(null, io.aegis.data.DataSets.directoryUsed(ScenarioLoader.loadString("rounds = 1", FILE, List.of())));
    }

    @Test
    void includesOfUrlsAndTheClassPathAreRefusedWithFileAndLine() throws Exception {
        for (String inc : new String[] {"include url(\"http://127.0.0.1:9/x.conf\")", "include required(url(\"http://example.org/x\"))",
                "include \"https://example.org/x.conf\"", "include classpath(\"reference.conf\")",
                "include \"file:///etc/passwd\""}) {
            Path f = dir.resolve("inc.conf");
            Files.writeString(f, "rounds = 3\n\n" + inc + "\n");
            try {
                ScenarioLoader.load(f, List.of());
                throw new AssertionError("accepted: " + inc);
            } catch (ScenarioException e) {
                assertEquals(List.of(f + ":3: " + ScenarioIncluder.REFUSED), e.problems(), inc);
            }
        }
        // nested: a file include may not sneak a URL in either
        Files.writeString(dir.resolve("common.conf"), "include url(\"http://127.0.0.1:9/y.conf\")\n");
        Path top = dir.resolve("top.conf");
        Files.writeString(top, "include \"common.conf\"\n");
        try {
            ScenarioLoader.load(top, List.of());
            throw new AssertionError("nested url include accepted");
        } catch (ScenarioException e) {
            assertTrue(e.problems().get(0).contains("include url(") && e.problems().get(0).contains("refused"), e.problems().toString());
        }
        // plain file includes still work, relative to the including file
        Files.writeString(dir.resolve("common.conf"), "rounds = 7\n");
        assertEquals(7, ScenarioLoader.load(top, List.of()).rounds());
        Files.writeString(top, "include file(\"" + dir.resolve("common.conf") + "\")\n");
        assertEquals(7, ScenarioLoader.load(top, List.of()).rounds());
    }

    @Test
    void aMalformedChurnTraceIsAProblemNotAFailedRun() throws Exception {
        // found by the run fuzz: the trace used to be checked for existence only, and the run then failed
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "round,online\n1,0-19\n");
        String p = only("churn { model = trace, trace = \"" + old + "\" }");
        assertTrue(p.startsWith(FILE + ":1: churn.trace: bad trace: " + old + ":1: expected 'client,from,to'"), p);
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertTrue(only("churn { model = trace, trace = \"" + binary + "\" }").contains("is not UTF-8 text"));
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "client,from,to\n3,1,5\n");
        assertTrue(loads("churn { model = trace, trace = \"" + good + "\" }"));
    }

    private static Scenario loadsScenario(String hocon) {
        try {
            return ScenarioLoader.loadString(hocon, FILE, List.of());
        } catch (ScenarioException e) {
            throw new AssertionError(e.problems().toString());
        }
    }

    private static boolean loads(String hocon) {
        try {
            ScenarioLoader.loadString(hocon, FILE, List.of());
            return true;
        } catch (ScenarioException e) {
            throw new AssertionError(e.problems().toString());
        }
    }
}
