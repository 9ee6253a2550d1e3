package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.scenario.Scenario.DatasetSpec;
import io.aegis.scenario.Scenario.SyntheticSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    private static final SyntheticSpec HETERO = new SyntheticSpec(1.0, 1.0, 60, 10, false);
    private static final SyntheticSpec IID = new SyntheticSpec(0.0, 0.0, 60, 10, true);

    @Test
    void aClientsDataDependsOnlyOnSeedAndIdNotOnAccessOrder() {
        SyntheticData a = new SyntheticData(HETERO, 50, 11);
        SyntheticData b = new SyntheticData(HETERO, 50, 11);
        Samples first = a.client(37);
        for (int k = 0; k < 10; k++) {
            b.client(k);
        }
        Samples again = b.client(37);
        assertArrayEquals(first.features(), again.features());
        assertArrayEquals(first.labels(), again.labels());
        assertArrayEquals(first.features(), a.client(37).features());
        assertFalse(Arrays.equals(first.features(), new SyntheticData(HETERO, 50, 12).client(37).features()));
        assertFalse(Arrays.equals(first.features(), a.client(36).features()));
    }

    @Test
    void aClientsDataDoesNotDependOnThePopulationSize() {
        Samples small = new SyntheticData(HETERO, 40, 3).client(39);
        Samples large = new SyntheticData(HETERO, 1000, 3).client(39);
        assertArrayEquals(small.features(), large.features());
    }

    @Test
    void clientSizeMatchesTheSamplesAndFollowsTheBoundedLognormal() {
        SyntheticData data = new SyntheticData(HETERO, 2000, 5);
        int[] totals = new int[2000];
        for (int k = 0; k < 2000; k++) {
            int size = data.clientSize(k);
            if (k < 20) {
                assertEquals(size, data.client(k).count());
            }
            int total = (int) Math.ceil(size / (1 - SyntheticData.HELD_OUT_SHARE));
            assertTrue(size >= 40 && size <= 800, "client " + k + " has " + size + " training samples");
            totals[k] = total;
        }
        Arrays.sort(totals);
        int median = totals[1000];
        // 50 + exp(N(4, 2)) has median 50 + e^4 = 104.6
        assertTrue(median >= 90 && median <= 120, "median client size " + median);
    }

    @Test
    void testSetPoolsTheHeldOutShareOfTheFirstTwoHundredClients() {
        SyntheticData data = new SyntheticData(HETERO, 250, 9);
        int expected = 0;
        for (int k = 0; k < SyntheticData.TEST_CLIENTS; k++) {
            expected += data.heldOutOf(k).count();
        }
        assertEquals(expected, data.test().count());
        Samples held0 = data.heldOutOf(0);
        float[] head = Arrays.copyOf(data.test().features(), held0.features().length);
        assertArrayEquals(held0.features(), head);
        // held-out samples are not among the client's training samples
        Samples train0 = data.client(0);
        assertFalse(Arrays.equals(Arrays.copyOf(train0.features(), 60), Arrays.copyOf(held0.features(), 60)));
        SyntheticData small = new SyntheticData(HETERO, 3, 9);
        assertEquals(small.heldOutOf(0).count() + small.heldOutOf(1).count() + small.heldOutOf(2).count(),
                small.test().count());
    }

    @Test
    void iidVariantHasZeroMeanInputsWithTheDecayingVariance() {
        SyntheticData data = new SyntheticData(IID, 30, 4);
        double[] sum = new double[60];
        double[] sq = new double[60];
        int n = 0;
        int[] classes = new int[10];
        for (int k = 0; k < 30; k++) {
            Samples s = data.client(k);
            for (int i = 0; i < s.count(); i++) {
                for (int j = 0; j < 60; j++) {
                    double v = s.features()[i * 60 + j];
                    sum[j] += v;
                    sq[j] += v * v;
                }
                classes[s.labels()[i]]++;
            }
            n += s.count();
        }
        assertTrue(n > 1000, "only " + n + " samples");
        double var0 = sq[0] / n - Math.pow(sum[0] / n, 2);
        double var59 = sq[59] / n - Math.pow(sum[59] / n, 2);
        assertEquals(1.0, var0, 0.15);
        assertEquals(Math.pow(60, -1.2), var59, 0.2 * Math.pow(60, -1.2));
        assertEquals(0.0, sum[0] / n, 0.1);
        long used = Arrays.stream(classes).filter(c -> c > 0).count();
        assertTrue(used >= 3, "labels use " + used + " classes: " + Arrays.toString(classes));
    }

    @Test
    void heterogeneousClientsHaveDifferentInputMeansAndLabelMixes() {
        SyntheticData data = new SyntheticData(HETERO, 20, 8);
        double[] means = new double[20];
        double topShareSum = 0;
        for (int k = 0; k < 20; k++) {
            Samples s = data.client(k);
            double m = 0;
            int[] c = new int[10];
            for (int i = 0; i < s.count(); i++) {
                m += s.features()[i * 60];
                c[s.labels()[i]]++;
            }
            means[k] = m / s.count();
            topShareSum += (double) Arrays.stream(c).max().getAsInt() / s.count();
        }
        double spread = Arrays.stream(means).max().getAsDouble() - Arrays.stream(means).min().getAsDouble();
        // v_k entries ~ N(B_k, 1) with B_k ~ N(0, 1): client means of feature 0 spread over a few units
        assertTrue(spread > 1.0, "client means of feature 0 span only " + spread);
        assertTrue(topShareSum / 20 > 0.4, "Synthetic(1,1) clients should be dominated by few classes: "
                + topShareSum / 20);
    }

    @Test
    void aHundredThousandClientPopulationKeepsNoPerClientState() throws IllegalAccessException {
        int n = 100_000;
        SyntheticData data = new SyntheticData(new SyntheticSpec(0.5, 0.5, 60, 10, false), n, 7);
        for (Field f : SyntheticData.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(data);
            if (v != null && v.getClass().isArray()) {
                assertTrue(java.lang.reflect.Array.getLength(v) < 1000, f.getName() + " grows with the population");
            }
        }
        assertTrue(data.test().count() <= SyntheticData.TEST_CLIENTS * SyntheticData.MAX_SAMPLES
                * SyntheticData.HELD_OUT_SHARE);
        assertEquals(data.clientSize(n - 1), data.client(n - 1).count());
        assertThrows(IndexOutOfBoundsException.class, () -> data.client(n));
    }

    @Test
    void datasetsLoadBuildsSyntheticDataFromTheSpec() {
        DatasetSpec spec = new DatasetSpec("synthetic", "nowhere", "iid", 0.5, 2, HETERO);
        FederatedData data = DataSets.load(spec, 10, 1);
        assertEquals("synthetic", data.name());
        assertArrayEquals(new int[] {60}, data.inputShape());
        assertEquals(10, data.numClasses());
        assertArrayEquals(new SyntheticData(HETERO, 10, 1).client(4).labels(), data.client(4).labels());
    }
}
