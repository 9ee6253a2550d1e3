package io.aegis.aggregation;

import java.util.SplittableRandom;

/**
 * Standard normal draws for test inputs: the same Box-Muller as io.aegis.util.Seeds, copied so the
 * rules module's tests depend on nothing outside it.
 */
final class Gaussian {
    private Gaussian() {}

    static double next(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
