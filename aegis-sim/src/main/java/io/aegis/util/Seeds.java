package io.aegis.util;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from the run seed and a path of keys (purpose, round, client...).
 * Every random choice in a run draws from a stream named this way, so results do not depend on the
 * order in which actors happen to be scheduled.
 */
public final class Seeds {
    private Seeds() {}

    /** A stream for (seed, purpose, keys...); the same arguments always give the same stream. */
    public static SplittableRandom stream(long seed, String purpose, long... keys) {
        return new SplittableRandom(mix(seed, purpose, keys));
    }

    /** A 64-bit seed for (seed, purpose, keys...), for libraries that take a long seed. */
    public static long mix(long seed, String purpose, long... keys) {
        long h = splitmix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = splitmix(h ^ (b & 0xff));
        }
        for (long k : keys) {
            h = splitmix(h ^ splitmix(k + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    private static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian in Java 17). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
