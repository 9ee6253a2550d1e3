package io.aegis.scenario;

import com.typesafe.config.ConfigFactory;
import io.aegis.sim.Simulator;
import io.aegis.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an accepted scenario for at most two small rounds and classifies the outcome. The bounds
 * (rounds, clients, synthetic dimension, local steps, rule iterations, wall-clock deadline) keep
 * every run to about a second; {@code keep} names keys left as they are, so a campaign that probes
 * one key's extremes runs them unbounded.
 */
final class BoundedRuns {
    private BoundedRuns() {}

    enum Result { RAN, CLEAN_ERROR, NOT_RUN, CRASH, HANG }

    record Outcome(Result result, String detail) {}

    static final int MAX_CLIENTS = 150;
    static final int MAX_CLASSES = 20;
    static final int MAX_DIMENSION = 40;

    /** The --set overrides that shrink {@code s}, or null when it cannot be shrunk without changing its meaning. */
    static List<String> bounds(Scenario s, Path out, String keep) {
        List<String> sets = new ArrayList<>();
        sets.add("output.dir=\"" + out.toString().replace("\\", "/") + "\"");
        if (!"rounds".equals(keep)) {
            sets.add("rounds=" + Math.min(s.rounds(), 2));
        }
        if (s.clients().total() > MAX_CLIENTS && !"clients.total".equals(keep)) {
            return null; // client ids in adversaries and events would point past a smaller population
        }
        if (!s.dataset().name().equals("synthetic")) {
            sets.add("dataset.name=synthetic");
            if (s.model().endsWith("-cnn")) {
                sets.add("model=auto");
            }
        }
        if (s.dataset().synthetic().classes() > MAX_CLASSES && !keep.startsWith("dataset.synthetic")) {
            return null; // class indices of label attacks would point past fewer classes
        }
        if (s.dataset().synthetic().dimension() > MAX_DIMENSION && !keep.startsWith("dataset.synthetic")) {
            sets.add("dataset.synthetic.dimension=" + MAX_DIMENSION);
        }
        if (!keep.startsWith("training.")) {
            sets.add("training.local-steps=" + Math.min(s.training().localSteps(), 2));
            sets.add("training.batch-size=" + Math.min(s.training().batchSize(), 16));
        }
        if (!keep.startsWith("server.")) {
            sets.add("server.geomed.iterations=" + Math.min(intAt(s, "geomed.iterations", 100), 50));
            sets.add("server.centered-clipping.iterations=" + Math.min(intAt(s, "centered-clipping.iterations", 1), 50));
        }
        if (s.clock() == Scenario.ClockMode.WALL && !keep.equals("round.deadline")) {
            sets.add("round.deadline=" + Math.min(s.deadlineSeconds(), 1.0));
        }
        return sets;
    }

    private static int intAt(Scenario s, String path, int fallback) {
        try {
            return s.server().config().getInt(path);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** Loads {@code text} with {@code sets}, then the bounds, then runs it within {@code timeoutSeconds}. */
    static Outcome run(String text, List<String> sets, Path out, String keep, int timeoutSeconds) {
        Scenario bounded;
        try {
            Scenario s = ScenarioLoader.loadString(text, "fuzz.conf", sets);
            List<String> b = bounds(s, out, keep);
            if (b == null) {
                return new Outcome(Result.NOT_RUN, "too large to run in a test");
            }
            List<String> all = new ArrayList<>(sets);
            all.addAll(b);
            bounded = ScenarioLoader.loadString(text, "fuzz.conf", all);
        } catch (ScenarioException e) {
            return new Outcome(Result.NOT_RUN, "bounded form invalid: " + e.problems());
        }
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bounded-run");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> f = exec.submit(() -> Simulator.run(bounded, new Simulator.Options(Simulator.actorConfig(
                    ConfigFactory.parseString("aegis.training.pool-size = 1")))));
            try {
                f.get(timeoutSeconds, TimeUnit.SECONDS);
                return new Outcome(Result.RAN, "");
            } catch (TimeoutException e) {
                f.cancel(true);
                return new Outcome(Result.HANG, "no end within " + timeoutSeconds + " s");
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof UserError || c instanceof ScenarioException) {
                    return new Outcome(Result.CLEAN_ERROR, c.getMessage());
                }
                return new Outcome(Result.CRASH, String.valueOf(c));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Result.HANG, "interrupted");
            }
        } finally {
            exec.shutdownNow();
        }
    }
}
