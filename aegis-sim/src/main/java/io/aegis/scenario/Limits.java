package io.aegis.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Locale;

/**
 * Bounds that a scenario must respect so that a run it passes cannot crash or hang on sizes: the
 * longest delay the actor scheduler accepts, the largest Java array, the heap of this JVM. Each is
 * computed, not guessed, so the messages can give the number.
 */
final class Limits {
    private Limits() {}

    /** The largest Java array (elements); a little below 2^31 - 1 because of object headers. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

    /** Bytes of one float32 model parameter or feature. */
    static final long FLOAT_BYTES = 4;

    /** Width of the MLP's hidden layer (io.aegis.model.Models). */
    static final long MLP_HIDDEN = 200;

    /**
     * Pekko's scheduler refuses a delay longer than 2^31 - 1 ticks (LightArrayRevolverScheduler's
     * checkMaxDelay); with the default tick of 10 ms that is about 248 days. Read from the same
     * configuration the actor system uses, less one tick for rounding.
     */
    static double schedulerMaxSeconds() {
        double tick = 0.01;
        try {
            Config c = ConfigFactory.load();
            if (c.hasPath("pekko.scheduler.tick-duration")) {
                tick = c.getDuration("pekko.scheduler.tick-duration").toNanos() / 1e9;
            }
        } catch (RuntimeException unreadable) {
            // keep Pekko's default tick
        }
        return (Integer.MAX_VALUE - 1.0) * tick;
    }

    /**
     * Up to four sampled delays add up to one update's arrival (download, compute, upload, fault
     * delay), and the wall clock schedules their sum, so each may take a quarter of the scheduler's limit.
     */
    static double maxDelaySeconds() {
        return schedulerMaxSeconds() / 4;
    }

    /**
     * A value that the distribution's samples stay below except with probability about 2^-53:
     * a uniform draw u in [0, 1) gives -ln(1 - u) <= 36.8, and a Box-Muller normal draw |g| <= 8.6
     * unless u1 is exactly 0. Infinite when the parameters make samples overflow.
     */
    static double practicalMax(Distribution d) {
        if (d instanceof Distribution.Constant c) {
            return c.value();
        } else if (d instanceof Distribution.Uniform u) {
            return u.b();
        } else if (d instanceof Distribution.Exponential e) {
            return e.mean() * 36.8;
        } else if (d instanceof Distribution.LogNormal l) {
            return Math.exp(l.mu() + 8.6 * l.sigma());
        } else if (d instanceof Distribution.Normal n) {
            return Math.max(0, n.mean() + 8.6 * n.sd());
        }
        return 0;
    }

    /** Java's maximum heap, the budget a run's arrays share. */
    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    static String days(double seconds) {
        return String.format(Locale.ROOT, "%.0f days", Math.floor(seconds / 86400));
    }

    static String bytes(double b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", Math.ceil(b / (1L << 20)));
    }

    /** Grouped digits, e.g. 4,294,901,760, so large numbers in messages can be read. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
