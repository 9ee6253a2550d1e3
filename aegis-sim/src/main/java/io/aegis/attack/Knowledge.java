package io.aegis.attack;

import io.aegis.scenario.Names;
import java.util.List;
import java.util.Locale;

/** What a colluding adversary sees of a round (scenario key {@code knowledge}). */
public enum Knowledge {
    /** Every honest update of the round (the setting of ALIE, IPM and Min-Max papers). */
    OMNISCIENT,
    /** Only the honest updates its own clients computed before deciding what to send. */
    OWN;

    public static final List<String> NAMES = List.of("omniscient", "own");

    /** @throws IllegalArgumentException for anything but "omniscient" or "own" */
    public static Knowledge parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "omniscient" -> OMNISCIENT;
            case "own" -> OWN;
            default -> throw new IllegalArgumentException("unknown knowledge '" + text + "'" + Names.didYouMean(text, NAMES));
        };
    }

    /** The scenario spelling. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
