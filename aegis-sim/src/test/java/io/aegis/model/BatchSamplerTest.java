package io.aegis.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    @Test
    void everyExampleIsSeenOnceBeforeAnyIsSeenTwice() {
        BatchSampler s = new BatchSampler(10, 3);
        int[] batch = new int[4];
        int[] seen = new int[10];
        for (int step = 0; step < 5; step++) { // 20 draws = exactly two epochs
            s.nextBatch(batch);
            for (int i : batch) {
                seen[i]++;
            }
            if (step == 1) { // 8 draws: all distinct so far
                assertEquals(8, Arrays.stream(seen).filter(c -> c == 1).count());
            }
        }
        int[] twice = new int[10];
        Arrays.fill(twice, 2);
        assertArrayEquals(twice, seen);
    }

    @Test
    void batchesAreAFunctionOfTheSeed() {
        int[] a = new int[8];
        int[] b = new int[8];
        int[] c = new int[8];
        new BatchSampler(100, 5).nextBatch(a);
        new BatchSampler(100, 5).nextBatch(b);
        new BatchSampler(100, 6).nextBatch(c);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }
}
