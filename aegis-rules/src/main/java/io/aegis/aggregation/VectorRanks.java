package io.aegis.aggregation;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Order statistics of many columns at once by bisection on their bits, for the coordinate-wise
 * rules at large n. Every float maps to an int key whose signed order is the float's order; the
 * key of rank k in a column is the smallest key v with #{key <= v} > k, which a bisection over the
 * 2^32 possible keys finds in 32 counting passes. Each pass compares eight columns' keys with eight
 * midpoints and counts, with no data-dependent branch, so its cost does not depend on the values:
 * where a quickselect per column mispredicts a branch for every other value, this does 32 cheap
 * vector passes over a block that stays in L1/L2. Exact: the result is the value of that rank.
 * <p>Loaded only when {@link VectorSupport#AVAILABLE}; columns come in groups of eight (one
 * 256-bit vector), a group's keys stored row after row ({@code keys[r * 8 + lane]}).
 */
final class VectorRanks {
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    static final int LANES = 8;

    private VectorRanks() {}

    /**
     * Float bits to key and back (an involution): the magnitude bits are flipped when the sign bit
     * is set, so that negative floats order below positive ones and among themselves as floats do.
     */
    private static int flip(int bits) {
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    private static IntVector flip(IntVector bits) {
        return bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 31).and(0x7fffffff));
    }

    static int key(float x) {
        return flip(Float.floatToRawIntBits(x));
    }

    static float value(int key) {
        return Float.intBitsToFloat(flip(key));
    }

    /** keys[to + 8 * r + lane] = key(x[from + lane]) for the 8 lanes: one row's part of a group. */
    static void storeKeys(float[] x, int from, int[] keys, int to) {
        flip(FloatVector.fromArray(F, x, from).reinterpretAsInts()).intoArray(keys, to);
    }

    /**
     * For a group of n rows: the keys of ranks ka and kb (0-based, ka <= kb) of each of the 8
     * columns, into rankA[0..8) and rankB[0..8).
     */
    static void rankKeys(int[] keys, int n, int ka, int kb, int[] rankA, int[] rankB) {
        IntVector loA = IntVector.broadcast(I, Integer.MIN_VALUE);
        IntVector hiA = IntVector.broadcast(I, Integer.MAX_VALUE);
        IntVector loB = loA;
        IntVector hiB = hiA;
        int end = n * LANES;
        int pairs = end - end % (2 * LANES);
        for (int step = 0; step < 32; step++) {
            // lo + (hi - lo) / 2 in unsigned arithmetic: hi - lo may exceed Integer.MAX_VALUE
            IntVector midA = loA.add(hiA.sub(loA).lanewise(VectorOperators.LSHR, 1));
            IntVector midB = loB.add(hiB.sub(loB).lanewise(VectorOperators.LSHR, 1));
            // minus the count of keys above each midpoint: a true mask's lanes are -1, and "greater"
            // is one instruction where "at most" is two; two rows a pass so the adds do not wait on each other
            IntVector aboveA0 = IntVector.zero(I);
            IntVector aboveB0 = IntVector.zero(I);
            IntVector aboveA1 = IntVector.zero(I);
            IntVector aboveB1 = IntVector.zero(I);
            int i = 0;
            for (; i < pairs; i += 2 * LANES) {
                IntVector k0 = IntVector.fromArray(I, keys, i);
                IntVector k1 = IntVector.fromArray(I, keys, i + LANES);
                aboveA0 = aboveA0.add(k0.compare(VectorOperators.GT, midA).toVector());
                aboveB0 = aboveB0.add(k0.compare(VectorOperators.GT, midB).toVector());
                aboveA1 = aboveA1.add(k1.compare(VectorOperators.GT, midA).toVector());
                aboveB1 = aboveB1.add(k1.compare(VectorOperators.GT, midB).toVector());
            }
            for (; i < end; i += LANES) {
                IntVector k0 = IntVector.fromArray(I, keys, i);
                aboveA0 = aboveA0.add(k0.compare(VectorOperators.GT, midA).toVector());
                aboveB0 = aboveB0.add(k0.compare(VectorOperators.GT, midB).toVector());
            }
            // #{key <= mid} = n - #{key > mid} > k  <=>  -#{key > mid} > k - n
            VectorMask<Integer> enoughA = aboveA0.add(aboveA1).compare(VectorOperators.GT, ka - n);
            VectorMask<Integer> enoughB = aboveB0.add(aboveB1).compare(VectorOperators.GT, kb - n);
            hiA = hiA.blend(midA, enoughA);
            loA = midA.add(1).blend(loA, enoughA);
            hiB = hiB.blend(midB, enoughB);
            loB = midB.add(1).blend(loB, enoughB);
        }
        loA.intoArray(rankA, 0);
        loB.intoArray(rankB, 0);
    }

    /**
     * The sum of ranks [t, n - t) of each of the group's 8 columns, into sums[0..8): the values
     * strictly between the two cut keys, plus each cut value as many times as it fills ranks of
     * the range (ties at a cut are split exactly).
     */
    static void middleSums(int[] keys, int n, int t, int[] rankA, int[] rankB, double[] sums) {
        IntVector a = IntVector.fromArray(I, rankA, 0);
        IntVector b = IntVector.fromArray(I, rankB, 0);
        IntVector one = IntVector.broadcast(I, 1);
        IntVector atMostA = IntVector.zero(I);
        IntVector belowB = IntVector.zero(I);
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        FloatVector zero = FloatVector.zero(F);
        int end = n * LANES;
        for (int i = 0; i < end; i += LANES) {
            IntVector k = IntVector.fromArray(I, keys, i);
            VectorMask<Integer> le = k.compare(VectorOperators.LE, a);
            VectorMask<Integer> lt = k.compare(VectorOperators.LT, b);
            atMostA = atMostA.add(one, le);
            belowB = belowB.add(one, lt);
            VectorMask<Integer> between = lt.andNot(le);
            FloatVector x = zero.blend(flip(k).reinterpretAsFloats(), between.cast(F));
            low = low.add((DoubleVector) x.convertShape(VectorOperators.F2D, D, 0));
            high = high.add((DoubleVector) x.convertShape(VectorOperators.F2D, D, 1));
        }
        double[] inside = new double[LANES];
        low.intoArray(inside, 0);
        high.intoArray(inside, LANES / 2);
        int[] le = atMostA.toArray();
        int[] lt = belowB.toArray();
        for (int lane = 0; lane < LANES; lane++) {
            double va = value(rankA[lane]);
            if (rankA[lane] == rankB[lane]) {
                sums[lane] = va * (n - 2 * t);
            } else {
                sums[lane] = inside[lane] + va * (le[lane] - t) + (double) value(rankB[lane]) * (n - t - lt[lane]);
            }
        }
    }
}
