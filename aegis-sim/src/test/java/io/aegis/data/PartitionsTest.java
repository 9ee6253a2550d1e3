package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    /** n labels, balanced over 10 classes, in class order (the worst case for a naive split). */
    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i * 10 / n;
        }
        return y;
    }

    /** Every index 0..n-1 appears in exactly one client. */
    private static void assertDisjointCover(int[][] parts, int n) {
        int[] seen = new int[n];
        for (int[] p : parts) {
            for (int i : p) {
                seen[i]++;
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen[i], "index " + i + " held by " + seen[i] + " clients");
        }
    }

    private static int distinctLabels(int[] part, int[] y) {
        return (int) Arrays.stream(part).map(i -> y[i]).distinct().count();
    }

    /** Mean over clients of the share of the client's most common class. */
    private static double meanTopClassShare(int[][] parts, int[] y) {
        double sum = 0;
        for (int[] p : parts) {
            int[] c = new int[10];
            for (int i : p) {
                c[y[i]]++;
            }
            sum += (double) Arrays.stream(c).max().getAsInt() / p.length;
        }
        return sum / parts.length;
    }

    @Test
    void iidGivesNearEqualDisjointShuffledParts() {
        int[][] parts = Partitions.iid(1003, 10, 5);
        assertDisjointCover(parts, 1003);
        for (int[] p : parts) {
            assertTrue(p.length == 100 || p.length == 101, "size " + p.length);
        }
        int[] y = labels(1003);
        assertTrue(meanTopClassShare(parts, y) < 0.3, "iid clients should see every class");
        assertArrayEquals(parts[3], Partitions.iid(1003, 10, 5)[3]);
        assertFalse(Arrays.equals(parts[3], Partitions.iid(1003, 10, 6)[3]));
    }

    @Test
    void dirichletSkewGrowsAsAlphaShrinks() {
        int[] y = labels(5000);
        int[][] skewed = Partitions.dirichlet(y, 10, 50, 0.1, 1);
        int[][] mild = Partitions.dirichlet(y, 10, 50, 100, 1);
        assertDisjointCover(skewed, 5000);
        assertDisjointCover(mild, 5000);
        double skewedTop = meanTopClassShare(skewed, y);
        double mildTop = meanTopClassShare(mild, y);
        assertTrue(skewedTop > 0.5, "alpha 0.1: mean top-class share " + skewedTop);
        assertTrue(mildTop < 0.25, "alpha 100: mean top-class share " + mildTop);
        assertArrayEquals(skewed[7], Partitions.dirichlet(y, 10, 50, 0.1, 1)[7]);
    }

    @Test
    void dirichletLeavesNoClientEmptyEvenWhenAlphaIsTiny() {
        int[] y = labels(300);
        int[][] parts = Partitions.dirichlet(y, 10, 200, 0.001, 2);
        assertDisjointCover(parts, 300);
        for (int[] p : parts) {
            assertTrue(p.length > 0);
        }
    }

    @Test
    void shardsGiveEachClientEqualSizeAndAtMostItsShardCountOfLabels() {
        int[] y = labels(6000);
        int[][] parts = Partitions.shards(y, 10, 100, 2, 3);
        assertDisjointCover(parts, 6000);
        int twoLabelClients = 0;
        for (int[] p : parts) {
            assertEquals(60, p.length);
            int d = distinctLabels(p, y);
            assertTrue(d <= 2, "client with " + d + " labels");
            twoLabelClients += d == 2 ? 1 : 0;
        }
        assertTrue(twoLabelClients > 50, "shards dealt at random should mostly pair different labels: "
                + twoLabelClients);
    }

    @Test
    void impossibleSplitsAreRefusedWithTheNumbers() {
        IllegalArgumentException shards = assertThrows(IllegalArgumentException.class,
                () -> Partitions.shards(labels(100), 10, 60, 2, 1));
        assertTrue(shards.getMessage().contains("at least 120"), shards.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Partitions.iid(5, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> Partitions.dirichlet(labels(100), 10, 5, 0, 1));
    }
}
