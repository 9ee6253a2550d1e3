package io.aegis.actors;

import io.aegis.scenario.Scenario.FaultRates;
import io.aegis.scenario.Scenario.FaultsSpec;
import io.aegis.scenario.Scenario.TargetedFaults;
import io.aegis.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides, from the seed alone, what the network does to each client's upload in each round:
 * lose it, deliver it twice, delay it, reorder it, damage it, replay a stale one, or crash the
 * client while it trains. A targeted entry that matches (client, round) replaces the global rates.
 */
public final class FaultPlan {
    /** How a corrupted payload is scaled by the {@code scale} kind. */
    public static final float CORRUPT_SCALE = 1000f;

    private final FaultsSpec spec;
    private final long seed;

    public FaultPlan(FaultsSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    /** Whether any rate can replay, so the channel knows whether to keep past updates at all. */
    public boolean mayReplay() {
        return spec.global().replay() > 0 || spec.targeted().stream().anyMatch(t -> t.rates().replay() > 0);
    }

    public FaultRates ratesFor(int round, int client) {
        for (TargetedFaults t : spec.targeted()) {
            if (t.clients().contains(client) && t.rounds().contains(round)) {
                return t.rates();
            }
        }
        return spec.global();
    }

    /** One copy of an upload that the network delivers. */
    public record Copy(double extraDelay, boolean reordered) {}

    /** What happens to one upload: the copies delivered (none = lost) and whether its payload is damaged. */
    public record Fate(List<Copy> copies, String corruption, boolean replay) {
        public boolean lost() {
            return copies.isEmpty();
        }
    }

    /**
     * The fate of client's upload in round; {@code slack} is the time left before the deadline when
     * it would arrive, so that a reordered copy still arrives in time but out of its natural order.
     */
    public Fate fate(int round, int client, double slack) {
        FaultRates r = ratesFor(round, client);
        SplittableRandom rng = Seeds.stream(seed, "fault", round, client);
        boolean dropped = rng.nextDouble() < r.drop();
        boolean duplicated = rng.nextDouble() < r.duplicate();
        boolean corrupt = rng.nextDouble() < r.corrupt();
        boolean replay = rng.nextDouble() < r.replay();
        List<Copy> copies = new ArrayList<>(2);
        if (!dropped) {
            int n = duplicated ? 2 : 1;
            for (int k = 0; k < n; k++) {
                double delay = r.delay().sample(rng);
                boolean reordered = rng.nextDouble() < r.reorder();
                if (reordered && slack > 0) {
                    delay += rng.nextDouble() * slack;
                }
                copies.add(new Copy(delay, reordered));
            }
        }
        return new Fate(copies, corrupt ? r.corruptKind() : null, replay);
    }

    /** Whether the client crashes while training in this round (it then misses the round). */
    public boolean crashes(int round, int client) {
        double p = ratesFor(round, client).crash();
        return p > 0 && Seeds.stream(seed, "crash", round, client).nextDouble() < p;
    }

    /** A damaged copy of the payload; the original is left intact. */
    public float[] corrupt(float[] update, String kind, int round, int client) {
        SplittableRandom rng = Seeds.stream(seed, "corrupt", round, client);
        if (update.length == 0) {
            return update;
        }
        switch (kind) {
            case "nan": {
                float[] out = update.clone();
                out[rng.nextInt(out.length)] = Float.NaN;
                return out;
            }
            case "bit-flip": {
                float[] out = update.clone();
                int i = rng.nextInt(out.length);
                out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(out[i]) ^ (1 << rng.nextInt(32)));
                return out;
            }
            case "truncate":
                return Arrays.copyOf(update, rng.nextInt(update.length));
            case "scale": {
                float[] out = update.clone();
                for (int i = 0; i < out.length; i++) {
                    out[i] *= CORRUPT_SCALE;
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown corrupt-kind " + kind);
        }
    }
}
