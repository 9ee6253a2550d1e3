package io.aegis.attack;

/**
 * A behaviour parameter is missing its meaning: wrong type, out of range, or unknown. Carries the
 * offending key so the scenario loader can point at its file and line.
 */
public final class InvalidAttackParameter extends IllegalArgumentException {
    private final String key;

    public InvalidAttackParameter(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The parameter key, e.g. {@code "sigma"}. */
    public String key() {
        return key;
    }
}
