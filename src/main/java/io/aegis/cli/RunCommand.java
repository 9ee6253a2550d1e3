package io.aegis.cli;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a scenario and writes scenario.conf, rounds.csv, summary.json and report.html.")
public final class RunCommand implements Callable<Integer> {

    static final String QUICKSTART = "scenarios/quickstart.conf";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario file (default: " + QUICKSTART + ").")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder for the run folder (output.dir).")
    Path out;

    @Override
    public Integer call() {
        Path file = CliFiles.readableFile(scenario != null ? scenario : defaultScenario(), "scenario file");
        List<String> all = new ArrayList<>(overrides);
        if (out != null) {
            all.add("output.dir=" + quote(out.toString()));
        }
        Scenario s;
        try {
            ScenarioLoader.Checked checked = ScenarioLoader.check(file, all);
            checked.warnings().forEach(System.err::println);
            s = checked.scenario();
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
        CliFiles.writableDir(Path.of(s.output().dir()), out != null ? "--out" : "output.dir");
        RunSummary summary = Simulator.run(s);
        System.out.printf(Locale.ROOT, "run %s finished in %.1f s: final accuracy %s, detection precision %s, recall %s%n",
                s.name(), summary.wallSeconds(), fmt(summary.finalAccuracy()), fmt(summary.detectionPrecision()),
                fmt(summary.detectionRecall()));
        System.out.println("outputs: " + summary.runDir());
        return 0;
    }

    /** The quickstart, from the working directory or else from the installation the launcher names. */
    static Path defaultScenario() {
        Path local = Path.of(QUICKSTART);
        String home = System.getProperty("aegis.home");
        if (!Files.isRegularFile(local) && home != null) {
            return Path.of(home).resolve(QUICKSTART);
        }
        return local;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
