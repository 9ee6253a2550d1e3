package io.aegis.metrics;

import java.util.Locale;

/** How a run ended, as summary.json's {@code status} spells it. */
public enum RunStatus {
    /** Every round ran. */
    COMPLETED,
    /** Stopped at a round boundary by SIGINT, SIGTERM or a stop request; {@code aegis resume} finishes it. */
    INTERRUPTED,
    /** Something inside the simulation failed or could make no progress; {@code error} says what. */
    FAILED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
