package io.aegis.scenario;

import java.util.List;

/**
 * A scenario that cannot run, with every problem found: one line each, naming the file, the line
 * and the key ({@code scenarios/x.conf:12: server.rule: unknown rule 'medain'; did you mean 'median'?}).
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(summary(problems));
        this.problems = problems.stream().map(ScenarioException::oneLine).toList();
    }

    /** The problems, one line each, in the order of the files and lines they refer to. */
    public List<String> problems() {
        return problems;
    }

    // A problem quotes user text (HOCON parser messages, values), which must not break the one-line contract.
    private static String oneLine(String s) {
        String t = s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?").strip();
        return t.isEmpty() ? "invalid scenario" : t;
    }

    private static String summary(List<String> problems) {
        StringBuilder b = new StringBuilder(problems.size() == 1 ? "1 problem in the scenario"
                : problems.size() + " problems in the scenario");
        for (String p : problems) {
            b.append(System.lineSeparator()).append("  ").append(oneLine(p));
        }
        return b.toString();
    }
}
