package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Samples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EvaluationScheduleTest {

    @Test
    void everyKEvaluatesMultiplesOfKAndAlwaysTheLastRound() {
        EvaluationSchedule s = new EvaluationSchedule(4, 10, 0, 1);
        boolean[] got = new boolean[11];
        for (int r = 1; r <= 10; r++) {
            got[r] = s.evaluates(r);
        }
        assertArrayEquals(new boolean[] {false, false, false, false, true, false, false, false, true, false, true}, got);
    }

    @Test
    void theDefaultEvaluatesEveryRoundOnTheWholeTestSet() {
        EvaluationSchedule s = EvaluationSchedule.everyRound(5);
        Samples test = TestData.blobs(40, 3, 2, 1);
        for (int r = 1; r <= 5; r++) {
            assertTrue(s.evaluates(r));
        }
        assertSame(test, s.testSet(test));
        assertSame(test, new EvaluationSchedule(1, 5, 40, 9).testSet(test), "a subset as large as the set is the set");
    }

    @Test
    void aSubsetIsDistinctExamplesInTestOrderFixedBySeed() {
        Samples test = TestData.blobs(200, 3, 4, 2);
        Samples a = new EvaluationSchedule(1, 5, 50, 7).testSet(test);
        Samples b = new EvaluationSchedule(3, 9, 50, 7).testSet(test);
        Samples c = new EvaluationSchedule(1, 5, 50, 8).testSet(test);
        assertEquals(50, a.count());
        assertArrayEquals(a.features(), b.features(), "same seed, same examples whatever the rounds");
        assertFalse(Arrays.equals(a.features(), c.features()), "another seed draws other examples");
        // each picked example is one of the test set's, each at most once, in test-set order
        int previous = -1;
        for (int k = 0; k < a.count(); k++) {
            int at = indexOf(test, a, k);
            assertTrue(at > previous, "example " + k);
            previous = at;
        }
    }

    @Test
    void rejectsEveryBelowOne() {
        assertNotEquals(null, org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EvaluationSchedule(0, 5, 0, 1)));
    }

    private static int indexOf(Samples test, Samples subset, int k) {
        int len = test.featureLength();
        for (int i = 0; i < test.count(); i++) {
            if (Arrays.equals(test.features(), i * len, (i + 1) * len, subset.features(), k * len, (k + 1) * len)
                    && test.labels()[i] == subset.labels()[k]) {
                return i;
            }
        }
        return -1;
    }
}
