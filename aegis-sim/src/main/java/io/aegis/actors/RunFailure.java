package io.aegis.actors;

/**
 * Thrown by an actor when the run cannot give a trustworthy answer any more. The actor stops, the
 * simulator's guardian sees it fail, and the run ends with {@code status = failed} and this message
 * (one sentence) as its {@code error}.
 */
public final class RunFailure extends RuntimeException {
    public RunFailure(String sentence) {
        super(sentence);
    }
}
