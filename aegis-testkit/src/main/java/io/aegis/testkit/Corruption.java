package io.aegis.testkit;

/** How {@link Fault#corrupt(Corruption)} damages an upload's payload on the wire. */
public enum Corruption {
    /** One parameter becomes NaN: validation rejects the update. */
    NAN("nan"),
    /** One bit of one parameter flips: the payload may stay finite and valid. */
    BIT_FLIP("bit-flip"),
    /** The payload loses its tail: validation rejects the wrong length. */
    TRUNCATE("truncate"),
    /** Every parameter x1000: finite and the right length, so valid; it is the rule's job. */
    SCALE("scale");

    private final String scenarioName;

    Corruption(String scenarioName) {
        this.scenarioName = scenarioName;
    }

    /** The name a scenario uses for it ({@code faults.corrupt-kind}). */
    public String scenarioName() {
        return scenarioName;
    }

    /** The kind a scenario names, e.g. {@code bit-flip}. */
    public static Corruption ofScenarioName(String name) {
        for (Corruption c : values()) {
            if (c.scenarioName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no corruption kind '" + name + "'; the kinds are nan, bit-flip, truncate, scale");
    }
}
