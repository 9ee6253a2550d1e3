package io.aegis.bench;

import java.util.stream.IntStream;

/**
 * The memory-bandwidth yardsticks the rules are measured against: a plain copy of the matrix's
 * bytes, and a single read of them, both split over all cores like the rules are. The copy's
 * destination is capped (reused cyclically) so the yardstick does not need a second matrix.
 */
public final class Bandwidth {
    private static final int CHUNK = 1 << 20;
    private static final int MAX_DESTINATION = 1 << 26;

    private final float[] destination;

    public Bandwidth(int length) {
        this.destination = new float[Math.min(length, MAX_DESTINATION)];
    }

    /** Copies src chunk by chunk into the destination; returns a value so the work cannot be elided. */
    public float copy(float[] src) {
        int chunks = (src.length + CHUNK - 1) / CHUNK;
        int cap = destination.length;
        IntStream.range(0, chunks).parallel().forEach(k -> {
            int from = k * CHUNK;
            int len = Math.min(CHUNK, src.length - from);
            int to = (int) (((long) from) % cap);
            if (to + len > cap) {
                to = 0;
                len = Math.min(len, cap);
            }
            System.arraycopy(src, from, destination, to, len);
        });
        return destination[destination.length - 1];
    }

    /** Reads every value once (a sum). */
    public static double read(float[] src) {
        int chunks = (src.length + CHUNK - 1) / CHUNK;
        return IntStream.range(0, chunks).parallel().mapToDouble(k -> {
            int from = k * CHUNK;
            int to = Math.min(src.length, from + CHUNK);
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = from;
            for (; i + 3 < to; i += 4) {
                s0 += src[i];
                s1 += src[i + 1];
                s2 += src[i + 2];
                s3 += src[i + 3];
            }
            for (; i < to; i++) {
                s0 += src[i];
            }
            return (double) s0 + s1 + s2 + s3;
        }).sum();
    }
}
