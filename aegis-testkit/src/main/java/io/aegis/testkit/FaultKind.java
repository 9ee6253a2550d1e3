package io.aegis.testkit;

/** What the network (or a client) did to an upload in a round, as {@link RoundView#faultCount(FaultKind)} and rounds.csv count it. */
public enum FaultKind {
    DROPPED("dropped"),
    CRASH("crash"),
    DUPLICATE("duplicate"),
    CORRUPT("corrupt"),
    REPLAY("replay"),
    REORDER("reorder");

    private final String countedAs;

    FaultKind(String countedAs) {
        this.countedAs = countedAs;
    }

    /** The name the simulator counts it under (a rounds.csv column, an observer message's kind). */
    public String countedAs() {
        return countedAs;
    }
}
