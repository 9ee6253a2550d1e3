package io.aegis.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aegis.aggregation.UpdateMatrix;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ALIE and IPM on fixed inputs against their formulas, worked by hand in the comments. */
class CollusionAttacksTest {

    // columns: (1, 3, 5) -> mean 3, sample std sqrt(8 / 2) = 2; (2, 2, 8) -> mean 4, std sqrt(24 / 2) = sqrt(12)
    private static final UpdateMatrix THREE = UpdateMatrix.ofRows(
            new float[] {1, 2}, new float[] {3, 2}, new float[] {5, 8});

    private static final SplittableRandom RNG = new SplittableRandom(1);

    @Test
    void alieAutoZForCrossSiloTwentyClientsSevenAttackers() {
        // s = floor(20/2 + 1) - 7 = 4; cdf = (20 - 7 - 4) / (20 - 7) = 9/13; PhiInverse(9/13) = 0.50240222...
        assertEquals(0.5024022233733554, Alie.autoZ(20, 7), 1e-12);
    }

    @Test
    void alieAutoZForHundredClientsThirtyFourAttackers() {
        // s = 51 - 34 = 17; cdf = (100 - 34 - 17) / 66 = 49/66; PhiInverse = 0.65083730...
        assertEquals(0.6508373064444771, Alie.autoZ(100, 34), 1e-12);
    }

    @Test
    void alieAutoZIsNegativeWithoutAttackersAndFiniteWhenAttackersAreTheMajority() {
        // n = 20, m = 0: s = 11, cdf = 9/20 -> PhiInverse(0.45) = -0.12566134685507402
        assertEquals(-0.12566134685507402, Alie.autoZ(20, 0), 1e-12);
        // m = 11: s = 0, cdf = 1 -> clamped at 1 - 1e-6
        assertEquals(4.753424308817089, Alie.autoZ(20, 11), 1e-9);
        assertEquals(0.0, Alie.autoZ(7, 7), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Alie.autoZ(5, 6));
    }

    @Test
    void alieSendsMeanMinusZTimesSampleStdToEveryAttacker() {
        Alie alie = new Alie(OptionalDouble.of(1.5), Knowledge.OMNISCIENT);
        float[][] out = alie.craft(THREE, 5, 2, RNG);
        assertEquals(2, out.length);
        float[] expected = {(float) (3 - 1.5 * 2), (float) (4 - 1.5 * Math.sqrt(12))};
        assertArrayEquals(expected, out[0], 1e-6f);
        assertArrayEquals(expected, out[1], 1e-6f);
        assertNotSame(out[0], out[1]);
    }

    @Test
    void alieWithAutoZUsesTheRoundsParticipantCounts() {
        Alie alie = new Alie(OptionalDouble.empty(), Knowledge.OMNISCIENT);
        float[] row = alie.craft(THREE, 20, 7, RNG)[0];
        double z = 0.5024022233733554;
        assertArrayEquals(new float[] {(float) (3 - z * 2), (float) (4 - z * Math.sqrt(12))}, row, 1e-6f);
    }

    @Test
    void alieWithOneKnownUpdateSendsItAndWithNoneSendsZeros() {
        Alie alie = new Alie(OptionalDouble.of(1.0), Knowledge.OWN);
        assertArrayEquals(new float[] {1, 2}, alie.craft(UpdateMatrix.ofRows(new float[] {1, 2}), 4, 1, RNG)[0]);
        float[][] none = alie.craft(new UpdateMatrix(new float[0], 0, 3), 4, 2, RNG);
        assertArrayEquals(new float[3], none[0]);
        assertArrayEquals(new float[3], none[1]);
        assertEquals(0, alie.craft(THREE, 3, 0, RNG).length);
    }

    @Test
    void ipmSendsMinusEpsilonTimesTheMean() {
        assertArrayEquals(new float[] {-0.3f, -0.4f}, new Ipm(0.1, Knowledge.OMNISCIENT).craft(THREE, 5, 2, RNG)[1], 1e-7f);
        assertArrayEquals(new float[] {-300f, -400f}, new Ipm(100, Knowledge.OMNISCIENT).craft(THREE, 5, 1, RNG)[0], 1e-4f);
        assertArrayEquals(new float[2], new Ipm(0.1, Knowledge.OWN).craft(new UpdateMatrix(new float[0], 0, 2), 2, 1, RNG)[0], 0f);
    }

    @Test
    void colludingAttacksRejectMoreAttackersThanParticipants() {
        assertThrows(IllegalArgumentException.class, () -> new Ipm(0.1, Knowledge.OMNISCIENT).craft(THREE, 2, 3, RNG));
        assertThrows(IllegalArgumentException.class,
                () -> new MinMax(MinMax.Direction.STD, Knowledge.OMNISCIENT).craft(THREE, 5, -1, RNG));
    }
}
