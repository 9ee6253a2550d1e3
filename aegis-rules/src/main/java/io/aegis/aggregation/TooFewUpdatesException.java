package io.aegis.aggregation;

/**
 * A rule was given fewer updates than its guarantee needs (Krum with n <= 2f + 2, Bulyan with
 * n < 4f + 3). A run's server may catch this to skip the round; it is still an
 * IllegalArgumentException for callers that treat every bad input alike.
 */
public final class TooFewUpdatesException extends IllegalArgumentException {
    public TooFewUpdatesException(String message) {
        super(message);
    }
}
