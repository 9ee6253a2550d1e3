package io.aegis.sim;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during a run: the first one asks the run to stop at a round boundary (it then
 * writes everything and exits 130 or 143); a second one ends the process at once. The JVM's own
 * handlers would run shutdown hooks and lose the run's outputs, so they are replaced while the run
 * lasts and restored afterwards.
 */
public final class Signals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Signals() {}

    /** Routes SIGINT and SIGTERM to {@code control} until {@link #close()}. */
    public static Signals routeTo(RunControl control) {
        Signals s = new Signals();
        s.install("INT", RunControl.SIGINT_STATUS, control);
        s.install("TERM", RunControl.SIGTERM_STATUS, control);
        return s;
    }

    private void install(String name, int status, RunControl control) {
        try {
            Signal signal = new Signal(name);
            SignalHandler old = Signal.handle(signal, sig -> {
                if (control.requestStop(status)) {
                    System.err.println("aegis: SIG" + name + " received, stopping at the end of the current round"
                            + " (send it again to quit at once)");
                } else {
                    System.err.println("aegis: quitting without saving the open round");
                    Runtime.getRuntime().halt(status);
                }
            });
            signals.add(signal);
            previous.add(old);
        } catch (IllegalArgumentException unsupported) {
            // a platform without this signal (or the JVM reserves it): the default handling stays
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
