package io.aegis.progress;

import io.aegis.metrics.RoundRow;

/**
 * Told about a run's rounds as the observer writes them to rounds.csv: progress display and other
 * watchers hook in here without knowing about actors. Called from the observer's thread, so an
 * implementation must return quickly and never throw.
 */
public interface RoundListener {

    /** A listener that ignores everything. */
    RoundListener NONE = new RoundListener() {
        @Override
        public void roundWritten(RoundRow row) {}
    };

    /** The run starts (or resumes) at {@code firstRound} and ends after round {@code rounds}. */
    default void started(String name, int firstRound, int rounds) {}

    /** Row {@code row.round()} is now in rounds.csv. */
    void roundWritten(RoundRow row);
}
