package io.aegis.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationInvarianceTest {
    /** Exact score ties (e.g. mutual nearest neighbours when Krum counts one neighbour) break by row index, so inputs avoid them. */
    @Test
    void everyRuleGivesTheSameAggregateAndTheSameKeptUpdatesInAnyOrder() {
        var server = java.util.Map.of("krum.f", 2, "krum.m", 4, "bulyan.f", 3, "centered-clipping.tau", 3,
                "stpa.threshold", 0.3, "trimmed-mean.trim-ratio", 0.2);
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 5; trial++) {
            int n = 15; // Bulyan f = 3 ends its Krum selection with 2 neighbours: no forced ties
            int d = 37;
            UpdateMatrix u = Reference.random(rng, n, d, false);
            // a minority pointing the other way, so STPA has something to exclude
            for (int c = 0; c < d; c++) {
                for (int i = 0; i < n; i++) {
                    u.data()[i * d + c] += (float) (i < 4 ? -3 : 3);
                }
            }
            int[] perm = Reference.shuffle(rng, n);
            UpdateMatrix p = Reference.permute(u, perm);
            for (String name : Rules.NAMES) {
                RowSubsetRule rule = Rules.create(name, server);
                AggregationResult a = rule.aggregate(u);
                AggregationResult b = rule.aggregate(p);
                int[] mapped = Arrays.stream(b.kept()).map(k -> perm[k]).sorted().toArray();
                assertArrayEquals(a.kept(), mapped, name + " kept");
                assertArrayEquals(a.aggregate(), b.aggregate(), 1e-5, name);
            }
        }
    }
}
