package io.aegis.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.aegis.data.DataSets;
import io.aegis.data.FederatedData;
import io.aegis.data.Samples;
import io.aegis.metrics.RunFacts;
import io.aegis.metrics.RunIdentity;
import io.aegis.model.Model;
import io.aegis.scenario.Scenario;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;

/** What a run is made of: its summary facts, and the identity its checkpoints record. */
final class RunIdentities {
    private RunIdentities() {}

    /** At most this many test feature values enter the data fingerprint (a strided sample: cheap on CIFAR-10). */
    private static final int SAMPLED_FEATURES = 1 << 20;
    /** Client sizes of at most this many clients enter it. */
    private static final int SAMPLED_CLIENTS = 1000;

    static RunFacts facts(Scenario scenario, FederatedData data, Model model, String modelName) {
        Path dir = DataSets.directoryUsed(scenario);
        return new RunFacts(data.name(), modelName, model.numParams(), maliciousClients(scenario),
                dir == null ? null : dir.toString(), RunFacts.currentVersion());
    }

    static RunIdentity identity(Scenario scenario, FederatedData data, Model model, String modelName) {
        Path dir = DataSets.directoryUsed(scenario);
        return new RunIdentity(scenarioHash(scenario), modelName, model.numParams(), data.name(),
                dir == null ? null : dir.toString(), dataFingerprint(data));
    }

    /** The resolved scenario as JSON (config.json). */
    static String json(Scenario scenario) {
        return scenario.config().root().render(ConfigRenderOptions.concise().setJson(true).setFormatted(true)) + "\n";
    }

    /** SHA-256 of the resolved scenario without its output block (where the run is written changes nothing). */
    static String scenarioHash(Scenario scenario) {
        Config c = scenario.config().withoutPath("output");
        return sha256(c.root().render(ConfigRenderOptions.concise()).getBytes(StandardCharsets.UTF_8));
    }

    /** Shape, labels, a strided sample of the test features and the first clients' sizes. */
    static String dataFingerprint(FederatedData data) {
        MessageDigest md = digest();
        Samples test = data.test();
        ByteBuffer head = ByteBuffer.allocate(64);
        head.putInt(data.numClasses()).putInt(data.numClients()).putInt(test.count()).putInt(test.featureLength());
        for (int s : data.inputShape()) {
            head.putInt(s);
        }
        md.update(head.array(), 0, head.position());
        ByteBuffer labels = ByteBuffer.allocate(4 * test.labels().length);
        labels.asIntBuffer().put(test.labels());
        md.update(labels);
        float[] f = test.features();
        int stride = Math.max(1, f.length / SAMPLED_FEATURES);
        ByteBuffer sample = ByteBuffer.allocate(4 * (f.length / stride + 1));
        for (int i = 0; i < f.length; i += stride) {
            sample.putFloat(f[i]);
        }
        md.update(sample.array(), 0, sample.position());
        int n = Math.min(data.numClients(), SAMPLED_CLIENTS);
        ByteBuffer sizes = ByteBuffer.allocate(4 * n);
        for (int i = 0; i < n; i++) {
            sizes.putInt(data.clientSize(i));
        }
        md.update(sizes.array());
        return HexFormat.of().formatHex(md.digest());
    }

    /** Clients that some adversary group or {@code turn} event makes malicious in at least one round of the run. */
    static int maliciousClients(Scenario scenario) {
        int total = scenario.clients().total();
        BitSet bad = new BitSet(total);
        for (Scenario.AdversaryGroup g : scenario.adversaries()) {
            if (!g.behavior().isHonest() && anyRound(g.rounds()::contains, scenario.rounds())) {
                for (int c : g.clients().members(total)) {
                    bad.set(c);
                }
            }
        }
        for (Scenario.Event e : scenario.events()) {
            if (e.turn() != null && e.behavior() != null && !e.behavior().isHonest() && e.round() <= scenario.rounds()) {
                for (int c : e.turn().members(total)) {
                    bad.set(c);
                }
            }
        }
        return bad.cardinality();
    }

    private static boolean anyRound(java.util.function.LongPredicate in, int rounds) {
        for (int r = 1; r <= rounds; r++) {
            if (in.test(r)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
