package io.aegis.cli;

import io.aegis.metrics.RunStatus;
import io.aegis.metrics.RunSummary;
import io.aegis.sim.RunControl;
import io.aegis.sim.Signals;
import io.aegis.sim.Simulator;
import io.aegis.util.UserError;
import java.util.Locale;

/**
 * How {@code aegis run} and {@code aegis resume} end: one final line saying how the run ended, and
 * the exit status: 0 completed, 1 failed, 130 / 143 interrupted by SIGINT / SIGTERM.
 */
final class RunEnding {
    private RunEnding() {}

    /** A simulation to run with SIGINT and SIGTERM routed to its stop request. */
    interface Body {
        RunSummary run(Simulator.Options options) throws Exception;
    }

    static int runWithSignals(Body body) throws Exception {
        RunControl control = new RunControl();
        RunSummary summary;
        try (Signals signals = Signals.routeTo(control)) {
            summary = body.run(Simulator.Options.defaults().controlledBy(control));
        } catch (UserError e) {
            // the top-level handler does the same; answering here keeps these commands right on their own
            System.err.println("aegis: " + e.getMessage());
            return e.exitStatus();
        }
        return report(summary, control);
    }

    /** Prints the final line and returns the exit status. */
    static int report(RunSummary s, RunControl control) {
        RunStatus status = s.status() == null ? RunStatus.COMPLETED : s.status();
        String progress = s.roundsCompleted() + " of " + s.rounds() + " rounds";
        switch (status) {
            case COMPLETED -> {
                System.out.printf(Locale.ROOT, "run %s completed: %s in %.1f s, final accuracy %s, detection precision %s,"
                                + " recall %s; outputs in %s%n", s.name(), progress, s.wallSeconds(),
                        fmt(s.finalAccuracy()), fmt(s.detectionPrecision()), fmt(s.detectionRecall()), s.runDir());
                return 0;
            }
            case INTERRUPTED -> {
                System.err.printf(Locale.ROOT, "run %s interrupted after %s; continue it with: aegis resume %s%n",
                        s.name(), progress, s.runDir());
                return control.stopStatus() != 0 ? control.stopStatus() : RunControl.SIGINT_STATUS;
            }
            default -> {
                System.err.printf(Locale.ROOT, "run %s failed after %s: %s; outputs in %s%n",
                        s.name(), progress, s.error(), s.runDir());
                return 1;
            }
        }
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
