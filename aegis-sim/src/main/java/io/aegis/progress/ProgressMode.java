package io.aegis.progress;

/** How a command shows progress: a live line on a terminal, plain lines in a log, or nothing but the end. */
public enum ProgressMode {
    /** One line rewritten in place with a carriage return (standard output is a terminal). */
    LIVE,
    /** Plain lines, for logs and pipes. */
    LINES,
    /** Only the command's final line. */
    QUIET;

    /** LIVE when standard output is a terminal, LINES otherwise; QUIET when asked. */
    public static ProgressMode detect(boolean quiet) {
        if (quiet) {
            return QUIET;
        }
        return System.console() != null ? LIVE : LINES;
    }
}
