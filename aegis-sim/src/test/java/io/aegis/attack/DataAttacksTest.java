package io.aegis.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Samples;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataAttacksTest {

    /** n examples of `len` features, feature j of example i = (i * len + j) / 1000, label i % classes. */
    private static Samples samples(int n, int len, int classes) {
        float[] f = new float[n * len];
        for (int k = 0; k < f.length; k++) {
            f[k] = k / 1000f;
        }
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % classes;
        }
        return new Samples(f, l, len, classes);
    }

    private static Samples labelled(int classes, int... labels) {
        return new Samples(new float[labels.length], labels, 1, classes);
    }

    @Test
    void labelFlipMapsLToCMinusOneMinusL() {
        Samples out = new LabelFlip(10).poison(labelled(10, 0, 3, 9, 5), new SplittableRandom(1));
        assertArrayEquals(new int[] {9, 6, 0, 4}, out.labels());
        Samples binary = new LabelFlip(2).poison(labelled(2, 0, 1, 1), new SplittableRandom(1));
        assertArrayEquals(new int[] {1, 0, 0}, binary.labels());
    }

    @Test
    void targetedLabelFlipChangesOnlyTheSourceClass() {
        Samples clean = labelled(10, 7, 1, 7, 3, 0);
        Samples out = new TargetedLabelFlip(7, 1).poison(clean, new SplittableRandom(1));
        assertArrayEquals(new int[] {1, 1, 1, 3, 0}, out.labels());
        assertArrayEquals(new int[] {7, 1, 7, 3, 0}, clean.labels(), "clean samples must not be modified");
    }

    @Test
    void targetedFlipTestSetIsTheSourceClassLabelledTarget() {
        Samples test = samples(10, 2, 5); // labels 0..4,0..4
        Samples t = new TargetedLabelFlip(3, 1).triggeredTestSet(test);
        assertEquals(2, t.count());
        assertArrayEquals(new int[] {1, 1}, t.labels());
        // examples 3 and 8, inputs unchanged
        assertArrayEquals(new float[] {0.006f, 0.007f, 0.016f, 0.017f}, t.features());
    }

    @Test
    void noisyDataAddsGaussianNoiseToInputsOnlyAndDependsOnTheSeed() {
        Samples clean = new Samples(new float[100_000], new int[10_000], 10, 2);
        Samples a = new NoisyData(0.5).poison(clean, new SplittableRandom(3));
        Samples b = new NoisyData(0.5).poison(clean, new SplittableRandom(3));
        Samples c = new NoisyData(0.5).poison(clean, new SplittableRandom(4));
        assertArrayEquals(a.features(), b.features());
        assertFalse(Arrays.equals(a.features(), c.features()));
        assertArrayEquals(clean.labels(), a.labels());
        assertTrue(Arrays.equals(new float[100_000], clean.features()), "clean samples must not be modified");
        double sq = 0;
        double sum = 0;
        for (float v : a.features()) {
            sq += (double) v * v;
            sum += v;
        }
        assertEquals(0.0, sum / 100_000, 0.5 * 5 / Math.sqrt(100_000));
        assertEquals(0.5, Math.sqrt(sq / 100_000), 0.005);
    }

    @Test
    void imageTriggerIsASquareInTheBottomRightCornerOfEveryChannel() {
        // 1 x 5 x 5, size 2: rows 3-4, columns 3-4 -> 3*5+3, 3*5+4, 4*5+3, 4*5+4
        assertArrayEquals(new int[] {18, 19, 23, 24}, new Trigger(new int[] {1, 5, 5}, 2, 1f).positions());
        // 3 x 4 x 4, size 2: per channel 10, 11, 14, 15, offset by 16 per channel
        assertArrayEquals(new int[] {10, 11, 14, 15, 26, 27, 30, 31, 42, 43, 46, 47},
                new Trigger(new int[] {3, 4, 4}, 2, 1f).positions());
    }

    @Test
    void vectorTriggerSetsTheLastFeatures() {
        assertArrayEquals(new int[] {3, 4, 5}, new Trigger(new int[] {6}, 3, 1f).positions());
        assertThrows(IllegalArgumentException.class, () -> new Trigger(new int[] {2}, 3, 1f));
        assertThrows(IllegalArgumentException.class, () -> new Trigger(new int[] {1, 4, 4}, 5, 1f));
    }

    @Test
    void backdoorStampsTheTriggerAndTargetOnExactlyThePoisonFraction() {
        Samples clean = samples(10, 25, 10);
        Backdoor bd = new Backdoor(2, 0.5, 1.0, new Trigger(new int[] {1, 5, 5}, 2, 1f));
        Samples out = bd.poison(clean, new SplittableRandom(9));
        int[] positions = {18, 19, 23, 24};
        int poisoned = 0;
        for (int i = 0; i < 10; i++) {
            float[] before = Arrays.copyOfRange(clean.features(), i * 25, i * 25 + 25);
            float[] after = Arrays.copyOfRange(out.features(), i * 25, i * 25 + 25);
            if (Arrays.equals(before, after)) {
                assertEquals(clean.labels()[i], out.labels()[i], "untouched example keeps its label");
                continue;
            }
            poisoned++;
            assertEquals(2, out.labels()[i]);
            for (int j = 0; j < 25; j++) {
                boolean inTrigger = Arrays.binarySearch(positions, j) >= 0;
                assertEquals(inTrigger ? 1f : before[j], after[j], "example " + i + " feature " + j);
            }
        }
        assertEquals(5, poisoned);
        assertEquals(10, out.count());
    }

    @Test
    void backdoorFractionRoundsToTheNearestCountAndChoiceDependsOnTheSeed() {
        Samples clean = samples(10, 6, 10);
        Backdoor bd = new Backdoor(0, 0.25, 1.0, new Trigger(new int[] {6}, 2, 9f));
        Samples a = bd.poison(clean, new SplittableRandom(1));
        long stamped = countStamped(a, 9f);
        assertEquals(3, stamped); // round(2.5) = 3
        assertArrayEquals(a.features(), bd.poison(clean, new SplittableRandom(1)).features());
        boolean differs = false;
        for (long seed = 2; seed < 12 && !differs; seed++) {
            differs = !Arrays.equals(a.features(), bd.poison(clean, new SplittableRandom(seed)).features());
        }
        assertTrue(differs, "the poisoned examples should depend on the seed");
    }

    private static long countStamped(Samples s, float value) {
        long c = 0;
        for (int i = 0; i < s.count(); i++) {
            if (s.features()[i * s.featureLength() + s.featureLength() - 1] == value) {
                c++;
            }
        }
        return c;
    }

    @Test
    void backdoorTestSetTriggersEveryNonTargetExampleAndLabelsItTarget() {
        Samples test = samples(6, 6, 3); // labels 0,1,2,0,1,2
        Backdoor bd = new Backdoor(1, 0.5, 1.0, new Trigger(new int[] {6}, 2, 1f));
        Samples t = bd.triggeredTestSet(test);
        assertEquals(4, t.count());
        assertArrayEquals(new int[] {1, 1, 1, 1}, t.labels());
        for (int i = 0; i < 4; i++) {
            assertEquals(1f, t.features()[i * 6 + 4]);
            assertEquals(1f, t.features()[i * 6 + 5]);
        }
        // first kept example is test example 0, untouched outside the trigger
        assertArrayEquals(new float[] {0f, 0.001f, 0.002f, 0.003f}, Arrays.copyOfRange(t.features(), 0, 4));
        assertEquals(0.004f, test.features()[4], "test set must not be modified");
    }

    @Test
    void backdoorBoostScalesTheTrainedUpdate() {
        Trigger tr = new Trigger(new int[] {6}, 2, 1f);
        assertArrayEquals(new float[] {5f, -10f}, new Backdoor(0, 0.5, 5, tr).transformUpdate(new float[] {1f, -2f}));
        float[] u = {1f, -2f};
        assertArrayEquals(u, new Backdoor(0, 0.5, 1, tr).transformUpdate(u));
        assertArrayEquals(u, new LabelFlip(10).transformUpdate(u));
    }

    @Test
    void backdoorRejectsSamplesOfAnotherShape() {
        Backdoor bd = new Backdoor(0, 0.5, 1, new Trigger(new int[] {1, 5, 5}, 2, 1f));
        assertThrows(IllegalArgumentException.class, () -> bd.poison(samples(2, 24, 10), new SplittableRandom(1)));
    }

    @Test
    void attackSuccessRateIsTheShareOfTargetPredictions() {
        assertEquals(0.75, AttackSuccess.rate(new int[] {1, 1, 0, 1}, 1), 0.0);
        assertTrue(Double.isNaN(AttackSuccess.rate(new int[0], 1)));
        TargetedLabelFlip flip = new TargetedLabelFlip(3, 1);
        Samples t = flip.triggeredTestSet(samples(10, 2, 5));
        assertEquals(0.5, AttackSuccess.rate(flip, t, new int[] {1, 3}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> AttackSuccess.rate(flip, t, new int[] {1}));
        assertNotEquals(0, t.count());
    }
}
