package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemporalStepTest {
    private static final double EPS = 1e-12;

    @Test
    void firstRoundHasAlphaOneAndStepsAlongTheDampedUpdate() {
        TemporalStep t = new TemporalStep(0.5, 1.6);
        TemporalStep.Outcome o = t.apply(new double[] {2, -4});
        assertEquals(1.0, o.alpha(), EPS);
        assertFalse(o.skipped());
        assertArrayEquals(new double[] {1.6 * 1, 1.6 * -2}, o.step(), EPS);
        assertArrayEquals(new double[] {1, -2}, t.momentum(), EPS);
    }

    @Test
    void alphaIsTheCosineBetweenUpdateAndMomentumAndScalesTheStep() {
        TemporalStep t = new TemporalStep(0.5, 1.0);
        t.apply(new double[] {1, 0});
        TemporalStep.Outcome o = t.apply(new double[] {0, 1});
        // v = 0.5 * (0.5, 0) + 0.5 * (0, 1) = (0.25, 0.5); alpha = 0.5 / |v|
        double alpha = 0.5 / Math.hypot(0.25, 0.5);
        assertEquals(alpha, o.alpha(), EPS);
        assertArrayEquals(new double[] {alpha * 0.25, alpha * 0.5}, o.step(), EPS);
    }

    @Test
    void nonPositiveAlphaSkipsTheRoundButStillUpdatesMomentum() {
        TemporalStep t = new TemporalStep(0.5, 1.0);
        t.apply(new double[] {1, 0});
        // v = 0.5 * (0.5, 0) + 0.5 * (-0.25, 0) = (0.125, 0): opposite to U, alpha = -1
        TemporalStep.Outcome o = t.apply(new double[] {-0.25, 0});
        assertTrue(o.skipped());
        assertNull(o.step());
        assertEquals(-1.0, o.alpha(), EPS);
        assertArrayEquals(new double[] {0.125, 0}, t.momentum(), EPS);
    }

    @Test
    void zeroAggregateIsSkippedWithAlphaZero() {
        TemporalStep t = new TemporalStep(0.5, 1.0);
        TemporalStep.Outcome o = t.apply(new double[] {0, 0});
        assertTrue(o.skipped());
        assertEquals(0.0, o.alpha());
    }

    @Test
    void noUpdatesSkipWithoutTouchingMomentum() {
        TemporalStep t = new TemporalStep(0.5, 1.0);
        t.apply(new double[] {1, 1});
        TemporalStep.Outcome o = t.apply(null);
        assertTrue(o.skipped());
        assertTrue(Double.isNaN(o.alpha()));
        assertArrayEquals(new double[] {0.5, 0.5}, t.momentum(), EPS);
    }

    @Test
    void restoredMomentumContinuesExactlyLikeTheOriginal() {
        TemporalStep a = new TemporalStep(0.5, 1.0);
        a.apply(new double[] {1, 2});
        TemporalStep b = new TemporalStep(0.5, 1.0);
        b.restore(a.momentum());
        assertArrayEquals(a.apply(new double[] {3, -1}).step(), b.apply(new double[] {3, -1}).step(), 0.0);
    }

    @Test
    void rejectsImpossibleParametersAndLengthChanges() {
        assertThrows(IllegalArgumentException.class, () -> new TemporalStep(1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new TemporalStep(0.5, 0.0));
        TemporalStep t = new TemporalStep(0.5, 1.0);
        t.apply(new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> t.apply(new double[] {1, 2, 3}));
    }
}
