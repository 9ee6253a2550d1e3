package io.aegis.util;

/**
 * A problem the user can fix (bad input, a refused resume, a missing file). Its message is one
 * sentence, shown as-is without a stack trace; the command line exits with {@link #exitStatus()}.
 * Exit statuses: 1 the run failed, 2 bad input or usage, 130 / 143 interrupted by SIGINT / SIGTERM.
 */
public class UserError extends RuntimeException {

    public static final int RUN_FAILED = 1;
    public static final int BAD_INPUT = 2;

    private final int exitStatus;

    public UserError(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public UserError(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
