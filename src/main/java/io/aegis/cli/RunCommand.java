package io.aegis.cli;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario and writes scenario.conf, config.json, rounds.csv, summary.json and report.html.",
                "Exit status: 0 completed, 1 failed, 2 bad input, 130 / 143 stopped by SIGINT / SIGTERM"
                        + " (the run stops at a round boundary; continue it with 'aegis resume RUN_DIR').",
                "Example: aegis run scenarios/paper/spambase-cross-silo-gaussian.conf --set server.rule=median --set rounds=20"})
public final class RunCommand implements Callable<Integer> {

    static final String QUICKSTART = "scenarios/quickstart.conf";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario file (default: " + QUICKSTART + ").")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder for the run folder (output.dir).")
    Path out;

    @Option(names = "--quiet", description = "Print only the final line (no progress, no log lines).")
    boolean quiet;

    /** The exact run folder, instead of a new stamped one under output.dir (aegis sweep uses it). */
    @Option(names = "--run-dir", hidden = true, paramLabel = "DIR")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        Path file = scenario != null ? scenario : defaultScenario();
        if (!Files.isRegularFile(file)) {
            System.err.println("aegis: scenario file not found: " + file);
            return 2;
        }
        List<String> all = new ArrayList<>(overrides);
        if (out != null) {
            all.add("output.dir=" + quote(out.toString()));
        }
        Scenario s;
        try {
            s = ScenarioLoader.load(file, all);
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
        if (quiet) {
            io.aegis.progress.QuietLogs.apply();
        }
        Scenario scenarioToRun = s;
        return RunEnding.runWithSignals(options -> {
            try (io.aegis.progress.RunProgress progress = new io.aegis.progress.RunProgress(System.out,
                    io.aegis.progress.ProgressMode.detect(quiet))) {
                return Simulator.run(scenarioToRun, options.withProgress(progress), runDir);
            }
        });
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
}
