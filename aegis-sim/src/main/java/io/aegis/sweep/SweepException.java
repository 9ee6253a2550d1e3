package io.aegis.sweep;

import java.util.List;

/** A sweep that cannot start, with every problem found, one line each ({@code file:line: key: message}). */
public final class SweepException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public SweepException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems in the sweep");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
