package io.aegis.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --quiet}: the run's informational log lines go too, so only the final line is printed. */
public final class QuietLogs {
    private QuietLogs() {}

    public static void apply() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
