package io.aegis.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.aegis.util.UserError;
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

    @Option(names = "--cluster-port", paramLabel = "PORT",
            description = "Cluster mode: this JVM is the coordinator and the cluster's seed node on this port.")
    Integer clusterPort;

    @Option(names = "--cluster-host", paramLabel = "HOST",
            description = "Cluster mode: the address workers reach this node at (default: 127.0.0.1).")
    String clusterHost;

    @Option(names = "--min-workers", paramLabel = "K",
            description = "Cluster mode: wait until K worker nodes host the clients (default 0: host them here).")
    Integer minWorkers;

    @Override
    public Integer call() throws Exception {
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
        Config cluster = clusterOptions();
        if (quiet) {
            QuietLogs.apply();
        }
        Scenario scenarioToRun = s;
        return RunEnding.runWithSignals(options -> {
            try (io.aegis.progress.RunProgress progress = new io.aegis.progress.RunProgress(System.out,
                    io.aegis.progress.ProgressMode.detect(quiet))) {
                Simulator.Options withCluster = new Simulator.Options(Simulator.actorConfig(cluster),
                        options.modelDecorator(), options.ruleDecorator(), options.control(), progress);
                return Simulator.run(scenarioToRun, withCluster, runDir);
            }
        });
    }

    /** The cluster keys (aegis.cluster.*) the options set; empty for a plain single-JVM run. */
    Config clusterOptions() {
        if (clusterPort == null && (clusterHost != null || minWorkers != null)) {
            throw new UserError(UserError.BAD_INPUT, "--cluster-host and --min-workers need --cluster-port");
        }
        if (clusterPort == null) {
            return ConfigFactory.empty();
        }
        if (clusterPort < 1 || clusterPort > 65535) {
            throw new UserError(UserError.BAD_INPUT, "--cluster-port must be between 1 and 65535, got " + clusterPort);
        }
        int workers = minWorkers == null ? 0 : minWorkers;
        if (workers < 0) {
            throw new UserError(UserError.BAD_INPUT, "--min-workers must be 0 or more, got " + workers);
        }
        String host = clusterHost == null ? "127.0.0.1" : clusterHost.trim();
        if (host.isEmpty()) {
            throw new UserError(UserError.BAD_INPUT, "--cluster-host must not be empty");
        }
        return ConfigFactory.empty()
                .withValue("aegis.cluster.port", ConfigValueFactory.fromAnyRef(clusterPort))
                .withValue("aegis.cluster.host", ConfigValueFactory.fromAnyRef(host))
                .withValue("aegis.cluster.min-workers", ConfigValueFactory.fromAnyRef(workers));
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
