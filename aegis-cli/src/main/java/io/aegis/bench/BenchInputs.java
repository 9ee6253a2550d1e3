package io.aegis.bench;

import io.aegis.aggregation.UpdateMatrix;
import io.aegis.util.Seeds;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Benchmark inputs shared by the JMH benchmarks and {@code aegis bench-aggregate}: a round of n
 * updates of dimension d where a third of the rows (the paper's 34%) point against the honest
 * direction, and per-n rule parameters the rules can honour (f = 34% for Krum, the most Bulyan allows).
 */
public final class BenchInputs {
    public static final int[] NS = {20, 100, 1000};
    public static final int[] DS = {110, 159010, 431080};

    private BenchInputs() {}

    public static UpdateMatrix round(int n, int d, long seed) {
        float[] base = new float[d];
        SplittableRandom rng = Seeds.stream(seed, "bench-base");
        for (int c = 0; c < d; c++) {
            base[c] = (float) (rng.nextDouble() * 2 - 1);
        }
        int attackers = (int) Math.floor(0.34 * n);
        float[] x = new float[Math.multiplyExact(n, d)];
        IntStream.range(0, n).parallel().forEach(i -> {
            SplittableRandom r = Seeds.stream(seed, "bench-row", i);
            float sign = i < attackers ? -1f : 1f;
            int o = i * d;
            for (int c = 0; c < d; c++) {
                x[o + c] = sign * base[c] + (float) (r.nextDouble() - 0.5);
            }
        });
        return new UpdateMatrix(x, n, d);
    }

    /** Rule parameters (keys of the server block) every rule accepts for n updates. */
    public static Map<String, Object> server(int n) {
        int krumF = Math.min((int) Math.floor(0.34 * n), (n - 3) / 2);
        int bulyanF = Math.max(0, (n - 3) / 4);
        return Map.of("krum.f", krumF, "krum.m", "auto", "bulyan.f", bulyanF, "trimmed-mean.trim-ratio", 0.2,
                "centered-clipping.tau", 10, "centered-clipping.iterations", 1, "geomed.iterations", 10,
                "stpa.threshold", 0.02, "stpa.inner-rule", "median");
    }

    /** Bytes of the n x d float matrix. */
    public static long bytes(int n, int d) {
        return 4L * n * d;
    }
}
