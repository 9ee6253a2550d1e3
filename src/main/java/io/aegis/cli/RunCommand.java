package io.aegis.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.aegis.metrics.RunSummary;
import io.aegis.util.UserError;
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
    public Integer call() {
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
        RunSummary summary = Simulator.run(s, new Simulator.Options(Simulator.actorConfig(clusterOptions())));
        System.out.printf(Locale.ROOT, "run %s finished in %.1f s: final accuracy %s, detection precision %s, recall %s%n",
                s.name(), summary.wallSeconds(), fmt(summary.finalAccuracy()), fmt(summary.detectionPrecision()),
                fmt(summary.detectionRecall()));
        System.out.println("outputs: " + summary.runDir());
        return 0;
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

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
