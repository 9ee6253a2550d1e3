package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.scenario.Distribution;
import io.aegis.scenario.IdSet;
import io.aegis.scenario.Scenario.FaultRates;
import io.aegis.scenario.Scenario.FaultsSpec;
import io.aegis.scenario.Scenario.TargetedFaults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault plan's draws: rates honoured, targeted entries confined, payload damage as documented. */
class FaultPlanTest {
    static FaultRates rates(double drop, double duplicate, double corrupt, String kind, double crash, double reorder,
                            double replay) {
        return new FaultRates(drop, duplicate, new Distribution.None(), corrupt, kind, crash, reorder, replay);
    }

    static final FaultRates NONE = rates(0, 0, 0, "nan", 0, 0, 0);

    @Test
    void eachFaultHappensAtItsRateAndTheSameDrawComesBackForTheSameSeedRoundAndClient() {
        FaultPlan plan = new FaultPlan(new FaultsSpec(rates(0.2, 0.1, 0.05, "nan", 0.05, 0, 0.1), List.of()), 5);
        int n = 20_000;
        int lost = 0;
        int twice = 0;
        int corrupt = 0;
        int replay = 0;
        int crash = 0;
        for (int i = 0; i < n; i++) {
            int round = 1 + i / 100;
            int client = i % 100;
            FaultPlan.Fate f = plan.fate(round, client, 1.0);
            assertEquals(f, plan.fate(round, client, 1.0));
            lost += f.lost() ? 1 : 0;
            twice += f.copies().size() == 2 ? 1 : 0;
            corrupt += f.corruption() != null ? 1 : 0;
            replay += f.replay() ? 1 : 0;
            crash += plan.crashes(round, client) ? 1 : 0;
        }
        assertEquals(0.2, lost / (double) n, 0.015);
        assertEquals(0.8 * 0.1, twice / (double) n, 0.01);
        assertEquals(0.05, corrupt / (double) n, 0.008);
        assertEquals(0.1, replay / (double) n, 0.01);
        assertEquals(0.05, crash / (double) n, 0.008);
    }

    @Test
    void aTargetedEntryAppliesOnlyToItsClientsInItsRounds() {
        FaultsSpec spec = new FaultsSpec(NONE, List.of(new TargetedFaults(IdSet.parse("0-9"), IdSet.parse("20-30"),
                rates(1.0, 0, 0, "nan", 1.0, 0, 0))));
        FaultPlan plan = new FaultPlan(spec, 9);
        for (int round = 15; round <= 35; round++) {
            for (int client = 0; client < 20; client++) {
                boolean inside = client <= 9 && round >= 20 && round <= 30;
                assertEquals(inside, plan.fate(round, client, 1.0).lost(), "round " + round + " client " + client);
                assertEquals(inside, plan.crashes(round, client));
            }
        }
    }

    @Test
    void aReorderedCopyIsHeldBackButStillArrivesBeforeTheDeadline() {
        FaultPlan plan = new FaultPlan(new FaultsSpec(rates(0, 0, 0, "nan", 0, 1.0, 0), List.of()), 3);
        double slack = 2.0;
        boolean heldBack = false;
        for (int client = 0; client < 200; client++) {
            FaultPlan.Copy c = plan.fate(1, client, slack).copies().get(0);
            assertTrue(c.reordered());
            assertTrue(c.extraDelay() >= 0 && c.extraDelay() <= slack, "within the slack: " + c.extraDelay());
            heldBack |= c.extraDelay() > 0.5;
        }
        assertTrue(heldBack);
    }

    @Test
    void eachCorruptionKindDamagesACopyAsDocumentedAndLeavesTheOriginalIntact() {
        FaultPlan plan = new FaultPlan(new FaultsSpec(NONE, List.of()), 1);
        float[] original = new float[64];
        for (int i = 0; i < original.length; i++) {
            original[i] = 0.25f + i;
        }
        float[] keep = original.clone();
        for (int client = 0; client < 50; client++) {
            float[] nan = plan.corrupt(original, "nan", 4, client);
            assertEquals(1, differing(original, nan));
            assertEquals(1, java.util.stream.IntStream.range(0, 64).filter(i -> Float.isNaN(nan[i])).count());

            float[] flipped = plan.corrupt(original, "bit-flip", 4, client);
            assertEquals(1, differing(original, flipped));
            int bits = 0;
            for (int i = 0; i < 64; i++) {
                bits += Integer.bitCount(Float.floatToRawIntBits(original[i]) ^ Float.floatToRawIntBits(flipped[i]));
            }
            assertEquals(1, bits, "exactly one bit flipped");

            float[] cut = plan.corrupt(original, "truncate", 4, client);
            assertTrue(cut.length < original.length);
            assertArrayEquals(java.util.Arrays.copyOf(original, cut.length), cut);

            float[] scaled = plan.corrupt(original, "scale", 4, client);
            for (int i = 0; i < 64; i++) {
                assertEquals(original[i] * FaultPlan.CORRUPT_SCALE, scaled[i]);
            }
        }
        assertArrayEquals(keep, original);
        assertEquals(0, plan.corrupt(new float[0], "nan", 1, 1).length);
        assertNull(plan.corrupt(null, "scale", 1, 1));
    }

    @Test
    void injectionsReplaceTheRandomDrawsOnlyForTheirPairAndOnlyOnAnOverlayPlan() {
        FaultPlan plain = new FaultPlan(new FaultsSpec(rates(1.0, 0, 0, "nan", 0, 0, 0), List.of()), 2);
        assertThrows(IllegalStateException.class, () -> plain.inject(1, 1, FaultPlan.Injection.NONE));
        assertFalse(plain.mayReplay());
        FaultPlan plan = plain.withOverlay();
        assertTrue(plan.mayReplay(), "an overlay may replay, so the channel keeps history");
        plan.inject(3, 4, new FaultPlan.Injection(false, true, 7.0, "scale", true, false));
        FaultPlan.Fate f = plan.fate(3, 4, 1.0);
        assertEquals(List.of(new FaultPlan.Copy(7.0, false), new FaultPlan.Copy(7.0, false)), f.copies());
        assertEquals("scale", f.corruption());
        assertTrue(f.replay());
        assertTrue(plan.fate(3, 5, 1.0).lost(), "other pairs keep the scenario's rates");
        assertTrue(plan.fate(4, 4, 1.0).lost());
        plan.inject(5, 4, FaultPlan.Injection.NONE.and(new FaultPlan.Injection(false, false, 0, null, false, true)));
        assertTrue(plan.crashes(5, 4));
        assertFalse(plan.fate(5, 4, 1.0).lost(), "an injection overrides the drop rate for its pair");
    }

    private static int differing(float[] a, float[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i]) ? 1 : 0;
        }
        return n;
    }
}
