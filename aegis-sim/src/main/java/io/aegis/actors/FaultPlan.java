package io.aegis.actors;

import io.aegis.scenario.Scenario.FaultRates;
import io.aegis.scenario.Scenario.FaultsSpec;
import io.aegis.scenario.Scenario.TargetedFaults;
import io.aegis.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, from the seed alone, what the network does to each client's upload in each round:
 * lose it, deliver it twice, delay it, reorder it, damage it, replay a stale one, or crash the
 * client while it trains. A targeted entry that matches (client, round) replaces the global rates.
 *
 * <p>A plan made with {@link #withOverlay()} also takes faults injected by a test (the test kit) for
 * chosen (round, client) pairs, and hand-crafted messages to put on the wire; an injection replaces
 * the random draws for its pair. A plain plan has no overlay and behaves exactly as the scenario says.
 */
public final class FaultPlan {
    /** How a corrupted payload is scaled by the {@code scale} kind. */
    public static final float CORRUPT_SCALE = 1000f;

    private final FaultsSpec spec;
    private final long seed;
    /** (round, client) -> injected faults; null on a plain plan. */
    private final Map<Long, Injection> overlay;
    /** round -> hand-crafted messages the channel puts on the wire in that round; null on a plain plan. */
    private final Map<Integer, List<Delivery>> deliveries;

    public FaultPlan(FaultsSpec spec, long seed) {
        this(spec, seed, false);
    }

    private FaultPlan(FaultsSpec spec, long seed, boolean overlay) {
        this.spec = spec;
        this.seed = seed;
        this.overlay = overlay ? new ConcurrentHashMap<>() : null;
        this.deliveries = overlay ? new ConcurrentHashMap<>() : null;
    }

    /** The same plan, open to faults injected while the run goes (the test kit). */
    public FaultPlan withOverlay() {
        return new FaultPlan(spec, seed, true);
    }

    /**
     * Faults a test forces on one client's upload in one round. They replace the scenario's random
     * draws for that pair; {@code delay} is extra seconds on every copy, {@code corruptKind} null = intact.
     */
    public record Injection(boolean drop, boolean duplicate, double delay, String corruptKind, boolean replay,
                            boolean crash) {
        public static final Injection NONE = new Injection(false, false, 0, null, false, false);

        /** Both sets of faults at once (the other's corruption kind wins when both name one). */
        public Injection and(Injection o) {
            return new Injection(drop || o.drop, duplicate || o.duplicate, delay + o.delay,
                    o.corruptKind != null ? o.corruptKind : corruptKind, replay || o.replay, crash || o.crash);
        }
    }

    /** A hand-crafted message that reaches the server {@code arrival} simulated seconds into its round. */
    public record Delivery(double arrival, Server.Update update) {}

    /** Adds faults for (round, client); only on a plan made by {@link #withOverlay()}. */
    public void inject(int round, int client, Injection injection) {
        requireOverlay();
        overlay.merge(key(round, client), injection, Injection::and);
    }

    /** Puts a message on the wire in a round; only on a plan made by {@link #withOverlay()}. */
    public void deliver(int round, Delivery delivery) {
        requireOverlay();
        deliveries.computeIfAbsent(round, r -> java.util.Collections.synchronizedList(new ArrayList<>())).add(delivery);
    }

    /** The hand-crafted messages of a round, in the order they were added (none on a plain plan). */
    public List<Delivery> deliveries(int round) {
        if (deliveries == null) {
            return List.of();
        }
        List<Delivery> d = deliveries.get(round);
        return d == null ? List.of() : List.copyOf(d);
    }

    private Injection injected(int round, int client) {
        return overlay == null ? null : overlay.get(key(round, client));
    }

    private void requireOverlay() {
        if (overlay == null) {
            throw new IllegalStateException("this fault plan takes no injections; make it with withOverlay()");
        }
    }

    private static long key(int round, int client) {
        return ((long) round << 32) | (client & 0xffffffffL);
    }

    /** Whether any rate can replay, so the channel knows whether to keep past updates at all. */
    public boolean mayReplay() {
        return overlay != null || spec.global().replay() > 0
                || spec.targeted().stream().anyMatch(t -> t.rates().replay() > 0);
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
        Injection forced = injected(round, client);
        if (forced != null) {
            List<Copy> copies = new ArrayList<>(2);
            for (int k = 0; !forced.drop() && k < (forced.duplicate() ? 2 : 1); k++) {
                copies.add(new Copy(forced.delay(), false));
            }
            return new Fate(copies, forced.corruptKind(), forced.replay());
        }
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
        Injection forced = injected(round, client);
        if (forced != null) {
            return forced.crash();
        }
        double p = ratesFor(round, client).crash();
        return p > 0 && Seeds.stream(seed, "crash", round, client).nextDouble() < p;
    }

    /** A damaged copy of the payload; the original is left intact. */
    public float[] corrupt(float[] update, String kind, int round, int client) {
        SplittableRandom rng = Seeds.stream(seed, "corrupt", round, client);
        if (update == null || update.length == 0) {
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
