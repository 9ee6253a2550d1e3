package io.aegis.testkit;

import io.aegis.actors.FaultPlan;

/**
 * A fault a test forces on chosen clients' uploads in a chosen round, whatever the scenario's fault
 * rates would have drawn. Combine several with {@link #and(Fault)}, e.g. {@code Fault.duplicate().and(Fault.corrupt(Corruption.NAN))}.
 */
public final class Fault {
    private final FaultPlan.Injection injection;

    private Fault(FaultPlan.Injection injection) {
        this.injection = injection;
    }

    /** The network loses the upload. */
    public static Fault drop() {
        return new Fault(new FaultPlan.Injection(true, false, 0, null, false, false));
    }

    /** The network delivers the upload twice (both copies carry the same token). */
    public static Fault duplicate() {
        return new Fault(new FaultPlan.Injection(false, true, 0, null, false, false));
    }

    /** The upload arrives {@code seconds} (simulated) later than its timing model says: past the deadline it is late. */
    public static Fault delay(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("delay must be a finite number of seconds >= 0, was " + seconds);
        }
        return new Fault(new FaultPlan.Injection(false, false, seconds, null, false, false));
    }

    /** The payload is damaged in this way. */
    public static Fault corrupt(Corruption kind) {
        if (kind == null) {
            throw new IllegalArgumentException("corrupt(kind): kind is null");
        }
        return new Fault(new FaultPlan.Injection(false, false, 0, kind.scenarioName(), false, false));
    }

    /**
     * The payload is damaged: {@code nan}, {@code bit-flip}, {@code truncate} or {@code scale}.
     *
     * @deprecated use {@link #corrupt(Corruption)}, which the compiler checks
     */
    @Deprecated
    public static Fault corrupt(String kind) {
        return corrupt(Corruption.ofScenarioName(kind));
    }

    /**
     * The network also re-sends a stale upload of the same client (or another one) from two or more
     * rounds ago, with its original round tag; nothing is replayed before round 3.
     */
    public static Fault replay() {
        return new Fault(new FaultPlan.Injection(false, false, 0, null, true, false));
    }

    /** The client actor crashes while it trains: it misses this round, is restarted, and takes part in the next. */
    public static Fault crash() {
        return new Fault(new FaultPlan.Injection(false, false, 0, null, false, true));
    }

    /** This fault and the other one together. */
    public Fault and(Fault other) {
        return new Fault(injection.and(other.injection));
    }

    FaultPlan.Injection injection() {
        return injection;
    }

    @Override
    public String toString() {
        return injection.toString();
    }
}
