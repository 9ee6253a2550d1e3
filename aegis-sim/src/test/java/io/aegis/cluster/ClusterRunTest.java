package io.aegis.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioLoader;
import io.aegis.sim.Simulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several cluster nodes (ActorSystems on loopback ports) in one JVM run one scenario. */
class ClusterRunTest {
    /** Faults, crashes, churn and colluding attackers: everything that draws randomness per client. */
    private static final String[] HARD = {"rounds = 6", "churn.model = markov", "churn.p-leave = 0.1",
            "churn.p-return = 0.3", "faults.drop = 0.1", "faults.duplicate = 0.1", "faults.corrupt = 0.05",
            "faults.crash = 0.05", "faults.replay = 0.1", "round.deadline = 2.5s", "clients.dropout = 0.05",
            "adversaries = [{clients = \"0-33\", behavior = alie, rounds = \"1-\"},"
                    + " {clients = \"34-39\", behavior = gaussian, sigma = 200, rounds = \"1-\"}]"};

    @Test
    void aCoordinatorWithOneTwoOrThreeWorkersWritesTheRoundsAndFinalModelOfOneJvm(@TempDir Path out) throws Exception {
        Scenario s = load(out, "single", HARD);
        Path single = Path.of(Simulator.run(s, options(ConfigFactory.empty())).runDir());
        for (int workers = 1; workers <= 3; workers++) {
            Path dir = clusterRun(load(out, "workers-" + workers, HARD), workers, ConfigFactory.empty(), null);
            assertEquals(roundsWithoutWallTime(single), roundsWithoutWallTime(dir), workers + " worker(s)");
            assertArrayEquals(Files.readAllBytes(single.resolve("final-model.npy")),
                    Files.readAllBytes(dir.resolve("final-model.npy")), workers + " worker(s)");
        }
    }

    @Test
    void aRunCompletesAllItsRoundsWhenAWorkerIsDownedMidRun(@TempDir Path out) throws Exception {
        Scenario s = load(out, "failover", "rounds = 10");
        Path dir = clusterRun(s, 2, ConfigFactory.parseString("aegis.cluster.reply-timeout = 3s"), (workers, runs) -> {
            waitForRows(runs, 3);
            ActorSystem<Void> victim = workers.get(0);
            Cluster.get(victim).manager().tell(new Down(Cluster.get(victim).selfMember().address()));
        });
        List<String> rows = roundsWithoutWallTime(dir);
        assertEquals(11, rows.size(), "a header and all 10 rounds");
        int received = Arrays.asList(rows.get(0).split(",")).indexOf("received");
        assertTrue(Integer.parseInt(rows.get(10).split(",")[received]) > 0,
                "the downed worker's clients were re-created on the surviving worker: " + rows.get(10));
    }

    @Test
    void aWorkerEndsWhenItsCoordinatorFinishes(@TempDir Path out) throws Exception {
        Scenario s = load(out, "ends", "rounds = 2");
        AtomicReference<WorkerNode.Outcome> outcome = new AtomicReference<>();
        int port = freePort();
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() ->
                Simulator.run(s, options(coordinator(port, 1, ConfigFactory.empty()))));
        ActorSystem<Void> worker = WorkerNode.start(workerConfig(port), outcome);
        run.get(120, TimeUnit.SECONDS);
        worker.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(0, outcome.get().exitStatus(), outcome.get().sentence());
    }

    interface MidRun {
        void act(List<ActorSystem<Void>> workers, Path runs) throws Exception;
    }

    /** Runs {@code s} on a coordinator and {@code k} workers; returns the run folder. */
    private static Path clusterRun(Scenario s, int k, Config extra, MidRun midRun) throws Exception {
        int port = freePort();
        List<ActorSystem<Void>> workers = new ArrayList<>();
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() ->
                Simulator.run(s, options(coordinator(port, k, extra))));
        try {
            for (int i = 0; i < k; i++) {
                workers.add(WorkerNode.start(workerConfig(port), new AtomicReference<>()));
            }
            if (midRun != null) {
                midRun.act(workers, Path.of(s.output().dir()));
            }
            return Path.of(run.get(300, TimeUnit.SECONDS).runDir());
        } finally {
            for (ActorSystem<Void> w : workers) {
                w.terminate();
                w.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void waitForRows(Path runs, int rows) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            try (var dirs = Files.list(runs)) {
                for (Path d : dirs.toList()) {
                    Path csv = d.resolve("rounds.csv");
                    if (Files.isRegularFile(csv) && Files.readAllLines(csv).size() > rows) {
                        return;
                    }
                }
            } catch (IOException notYet) {
                // the run folder is not there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run never reached round " + rows);
    }

    private static Config coordinator(int port, int workers, Config extra) {
        return extra.withFallback(ConfigFactory.parseString(
                "aegis.cluster.port = " + port + "\naegis.cluster.min-workers = " + workers));
    }

    private static Config workerConfig(int port) {
        return ConfigFactory.parseString("aegis.cluster.join = \"127.0.0.1:" + port + "\"\naegis.training.pool-size = 1");
    }

    private static Simulator.Options options(Config cluster) {
        return new Simulator.Options(Simulator.actorConfig(cluster.withFallback(ConfigFactory.parseString(
                "pekko.actor.serialize-messages = on\naegis.training.pool-size = 1"))));
    }

    private static Scenario load(Path out, String name, String... overrides) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(overrides));
        all.add("output.dir=\"" + out.resolve(name) + "\"");
        all.add("output.report = false");
        Path project = Path.of(System.getProperty("aegis.project.dir", "."));
        return ScenarioLoader.load(project.resolve("scenarios/quickstart.conf"), all);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static List<String> roundsWithoutWallTime(Path runDir) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("rounds.csv"));
        int wall = Arrays.asList(lines.get(0).split(",", -1)).indexOf("wall_ms");
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            cells.remove(wall);
            result.add(String.join(",", cells));
        }
        return result;
    }
}
