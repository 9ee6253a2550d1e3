package io.aegis.sim;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handle on a running simulation from outside it: the command line's signal handlers and tests
 * ask it to stop at a round boundary. The run then writes its rows, a checkpoint of its last closed
 * round, the final model and summary.json with {@code status = interrupted}.
 */
public final class RunControl {
    /** Exit status after SIGINT (128 + 2), the usual one for an interrupted command. */
    public static final int SIGINT_STATUS = 130;
    /** Exit status after SIGTERM (128 + 15). */
    public static final int SIGTERM_STATUS = 143;

    private final AtomicInteger stopStatus = new AtomicInteger();

    /**
     * Asks the run to stop at the next round boundary; the first request wins.
     *
     * @param exitStatus what the command line exits with afterwards (130 for SIGINT, 143 for SIGTERM)
     * @return false when a stop had already been requested
     */
    public boolean requestStop(int exitStatus) {
        return stopStatus.compareAndSet(0, exitStatus);
    }

    public boolean stopRequested() {
        return stopStatus.get() != 0;
    }

    /** The exit status the stop request asked for, or 0 when none was made. */
    public int stopStatus() {
        return stopStatus.get();
    }
}
