package io.aegis.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of client ids or round numbers as the spec writes it: inclusive ranges ("0-33"), lists
 * ("1,4,9"), open ranges ("50-" = to the end), or a mix ("0-4,9,20-").
 */
public final class IdSet {
    private final List<long[]> ranges; // [from, to], to = Long.MAX_VALUE when open
    private final String text;

    private IdSet(List<long[]> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    public static IdSet all() {
        return new IdSet(List.of(new long[] {0, Long.MAX_VALUE}), "0-");
    }

    /** @throws IllegalArgumentException when the text is not a valid set */
    public static IdSet parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty range; expected e.g. \"0-33\", \"1,4,9\" or \"50-\"");
        }
        List<long[]> out = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                if (dash < 0) {
                    long v = Long.parseLong(p);
                    checkNonNegative(v, text);
                    out.add(new long[] {v, v});
                } else {
                    long from = Long.parseLong(p.substring(0, dash).trim());
                    String rest = p.substring(dash + 1).trim();
                    long to = rest.isEmpty() ? Long.MAX_VALUE : Long.parseLong(rest);
                    checkNonNegative(from, text);
                    if (to < from) {
                        throw new IllegalArgumentException("range '" + p + "' ends before it starts");
                    }
                    out.add(new long[] {from, to});
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a number or range; expected e.g. \"0-33\", \"1,4,9\" or \"50-\"");
            }
        }
        return new IdSet(List.copyOf(out), t);
    }

    private static void checkNonNegative(long v, String text) {
        if (v < 0) {
            throw new IllegalArgumentException("negative id in '" + text + "'");
        }
    }

    public boolean contains(long id) {
        for (long[] r : ranges) {
            if (id >= r[0] && id <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Largest id named explicitly (open ranges count their start), to check against bounds. */
    public long maxBound() {
        long max = -1;
        for (long[] r : ranges) {
            max = Math.max(max, r[1] == Long.MAX_VALUE ? r[0] : r[1]);
        }
        return max;
    }

    /** Smallest id in the set. */
    public long minBound() {
        long min = Long.MAX_VALUE;
        for (long[] r : ranges) {
            min = Math.min(min, r[0]);
        }
        return min;
    }

    /** The members below {@code limit}, ascending and without repeats. */
    public int[] members(int limit) {
        boolean[] in = new boolean[limit];
        int count = 0;
        for (long[] r : ranges) {
            for (long v = r[0]; v <= Math.min(r[1], limit - 1L); v++) {
                if (!in[(int) v]) {
                    in[(int) v] = true;
                    count++;
                }
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < limit; i++) {
            if (in[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Equal when written the same way, so that a scenario read back from scenario.conf equals the original. */
    @Override
    public boolean equals(Object o) {
        return o instanceof IdSet other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
