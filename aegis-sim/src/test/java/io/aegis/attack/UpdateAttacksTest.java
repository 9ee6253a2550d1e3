package io.aegis.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpdateAttacksTest {

    private static final float[] HONEST = {1.5f, -2f, 0f, 4f};

    @Test
    void signFlipMultipliesByMinusScale() {
        assertArrayEquals(new float[] {-1.5f, 2f, 0f, -4f}, new SignFlip(1).poison(HONEST, new SplittableRandom(1)), 0f);
        assertArrayEquals(new float[] {-4.5f, 6f, 0f, -12f}, new SignFlip(3).poison(HONEST, new SplittableRandom(1)), 0f);
        assertArrayEquals(new float[] {1.5f, -2f, 0f, 4f}, HONEST, "input must not be modified");
    }

    @Test
    void gaussianReplacesTheUpdateWithZeroMeanNoiseOfTheGivenSigma() {
        int d = 200_000;
        float[] out = new GaussianUpdate(200).poison(new float[d], new SplittableRandom(42));
        double sum = 0;
        double sq = 0;
        for (float v : out) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / d;
        double sd = Math.sqrt(sq / d - mean * mean);
        assertEquals(0.0, mean, 200 * 5 / Math.sqrt(d)); // 5 standard errors
        assertEquals(200.0, sd, 2.0);
    }

    @Test
    void gaussianIgnoresTheHonestValuesAndIsAFunctionOfTheSeed() {
        float[] a = new GaussianUpdate(200).poison(HONEST, new SplittableRandom(7));
        float[] b = new GaussianUpdate(200).poison(new float[4], new SplittableRandom(7));
        float[] c = new GaussianUpdate(200).poison(HONEST, new SplittableRandom(8));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }
}
