package io.aegis.sim;

import io.aegis.actors.RunFailure;
import io.aegis.metrics.RunOutput;
import io.aegis.metrics.RunStatus;
import io.aegis.metrics.RunSummary;
import io.aegis.scenario.Scenario;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's main thread while a run lasts. It never waits without a bound: every fraction of
 * a second it looks whether the run is done, whether a stop was requested (then tells the world to
 * stop at a round boundary), whether the actor system died, and whether the watchdog finds the run
 * stuck. A run that fails or cannot end by itself is cut short here: the actor system is stopped and
 * summary.json is written from the rows already on disk, with the status and the reason.
 */
final class RunSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(RunSupervisor.class);
    private static final long POLL_MILLIS = 200;
    /** After a stop request, how long the world may take to write its last rows before it is cut short. */
    private static final long STOP_LIMIT_NANOS = 60_000_000_000L;
    private static final long TERMINATE_WAIT_SECONDS = 15;

    private final Scenario scenario;
    private final RunControl control;
    private final RunOutput output;
    private final ActorSystem<Void> system;
    private final RunHandle handle;
    private final CompletableFuture<RunSummary> done;
    private final long startNanos;
    private final Watchdog watchdog;
    private final String rule;

    RunSupervisor(Scenario scenario, Simulator.Options options, RunOutput output, ActorSystem<Void> system,
                  RunHandle handle, CompletableFuture<RunSummary> done, long startNanos, Watchdog watchdog,
                  String rule) {
        this.scenario = scenario;
        this.control = options.control() != null ? options.control() : new RunControl();
        this.output = output;
        this.system = system;
        this.handle = handle;
        this.done = done;
        this.startNanos = startNanos;
        this.watchdog = watchdog;
        this.rule = rule;
    }

    RunSummary await() {
        long stopSentAt = -1;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    return cutShort(RunStatus.FAILED, sentence(e.getCause()));
                } catch (InterruptedException e) {
                    interrupted = true; // the caller's thread was interrupted: stop the run as SIGINT would
                    control.requestStop(RunControl.SIGINT_STATUS);
                } catch (TimeoutException e) {
                    // still running: look around
                }
                long now = System.nanoTime();
                if (control.stopRequested() && stopSentAt < 0 && handle.stop()) {
                    LOG.warn("stop requested: the open round is abandoned and the run ends after the last closed one");
                    stopSentAt = now;
                }
                if (stopSentAt >= 0 && now - stopSentAt > STOP_LIMIT_NANOS) {
                    return cutShort(RunStatus.INTERRUPTED, null);
                }
                if (system.getWhenTerminated().toCompletableFuture().isDone() && !done.isDone()) {
                    return cutShort(RunStatus.FAILED, "the actor system stopped before the run ended; see the log");
                }
                String stuck = watchdog.check(output.rowCount());
                if (stuck != null && !done.isDone()) {
                    return cutShort(RunStatus.FAILED, stuck);
                }
            }
        } finally {
            terminate();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the world and writes summary.json (and the report if it can) from the rows already written. */
    private RunSummary cutShort(RunStatus status, String error) {
        if (status == RunStatus.FAILED) {
            LOG.error("run failed: {}", error);
        }
        terminate();
        if (done.isDone() && !done.isCompletedExceptionally()) {
            return done.join(); // the observer finished in the meantime
        }
        double wall = (System.nanoTime() - startNanos) / 1e9;
        RunSummary s = output.finish(scenario.name(), scenario.seed(), rule, wall, scenario.output().report(),
                status, error);
        output.close();
        return s;
    }

    private void terminate() {
        system.terminate();
        boolean wasInterrupted = Thread.interrupted();
        try {
            system.getWhenTerminated().toCompletableFuture().get(TERMINATE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            LOG.warn("the actor system did not stop within {} s: {}", TERMINATE_WAIT_SECONDS, e.toString());
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String sentence(Throwable cause) {
        if (cause instanceof RunFailure) {
            return cause.getMessage();
        }
        return "the run failed: " + Guardian.oneLine(cause);
    }
}
