package io.aegis.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.aegis.actors.Channel;
import io.aegis.actors.Client;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class UpdateSerializerTest {
    private static final ActorTestKit KIT = ActorTestKit.create("serializer",
            ClusterNode.config(io.aegis.sim.Simulator.actorConfig(ConfigFactory.empty())));

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static Serialization serialization() {
        return SerializationExtension.get(Adapter.toClassic(KIT.system()));
    }

    private static Object roundTrip(Object message) throws NotSerializableException {
        Serialization s = serialization();
        var serializer = s.findSerializerFor(message);
        assertTrue(serializer instanceof UpdateSerializer, "bound to the binary serializer: " + serializer);
        byte[] bytes = serializer.toBinary(message);
        return s.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }

    private static float[] awkwardFloats() {
        float[] a = new float[1001];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rng.nextGaussian() * 1e-3);
        }
        a[0] = Float.NaN;
        a[1] = Float.intBitsToFloat(0x7fc00123); // a NaN with payload bits: corrupted updates must stay corrupted
        a[2] = Float.NEGATIVE_INFINITY;
        a[3] = -0.0f;
        a[4] = Float.MIN_VALUE;
        return a;
    }

    private static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "float " + i);
        }
    }

    @Test
    void anUploadCrossesTheWireBitForBit() throws Exception {
        float[] update = awkwardFloats();
        Channel.Upload back = (Channel.Upload) roundTrip(new Channel.Upload(7, 123456, update, 42));
        assertEquals(7, back.round());
        assertEquals(123456, back.client());
        assertEquals(42, back.samples());
        assertBitsEqual(update, back.update());
    }

    @Test
    void aColluderWithoutItsOwnUpdateStaysWithoutOne() throws Exception {
        Channel.Collude back = (Channel.Collude) roundTrip(new Channel.Collude(3, 9, null, 11));
        assertNull(back.own());
        assertEquals(11, back.samples());
        assertEquals(9, back.client());
    }

    @Test
    void aTrainKeepsItsModelAndItsReplyAddress() throws Exception {
        TestProbe<Channel.Command> probe = KIT.createTestProbe();
        float[] model = awkwardFloats();
        Client.Train back = (Client.Train) roundTrip(new Client.Train(5, model, probe.getRef()));
        assertEquals(5, back.round());
        assertBitsEqual(model, back.model());
        back.replyTo().tell(new Channel.NoReply(5, 1, "test"));
        assertEquals(new Channel.NoReply(5, 1, "test"), probe.receiveMessage());
    }

    @Test
    void aPostedModelCrossesTheWireBitForBitAndATrainWithoutOneStaysWithout() throws Exception {
        float[] model = awkwardFloats();
        NodeAgent.PostModel back = (NodeAgent.PostModel) roundTrip(new NodeAgent.PostModel(12, model));
        assertEquals(12, back.round());
        assertBitsEqual(model, back.model());
        TestProbe<Channel.Command> probe = KIT.createTestProbe();
        assertNull(((Client.Train) roundTrip(new Client.Train(12, null, probe.getRef()))).model());
    }

    @Test
    void aCutMessageIsRefusedNotMisread() {
        UpdateSerializer serializer = new UpdateSerializer(
                (org.apache.pekko.actor.ExtendedActorSystem) Adapter.toClassic(KIT.system()));
        byte[] whole = serializer.toBinary(new Channel.Upload(1, 2, new float[100], 3));
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        assertThrows(NotSerializableException.class, () -> serializer.fromBinary(cut, UpdateSerializer.UPLOAD));
    }

    /** The cost of the wire format (not a timed assertion: run with -Dgroups=bench). */
    @Test
    @Tag("bench")
    void measureTheSerializerCost() throws Exception {
        UpdateSerializer serializer = new UpdateSerializer(
                (org.apache.pekko.actor.ExtendedActorSystem) Adapter.toClassic(KIT.system()));
        // the default binding every message had before: Jackson CBOR (a system without the cluster settings)
        ActorTestKit plain = ActorTestKit.create("plain", io.aegis.sim.Simulator.actorConfig(ConfigFactory.empty()));
        Serialization s = SerializationExtension.get(Adapter.toClassic(plain.system()));
        for (int n : new int[] {610, 100_000, 1_000_000}) {
            Channel.Upload u = new Channel.Upload(1, 2, new float[n], 3);
            var cbor = s.findSerializerFor(u);
            int reps = Math.max(20, 20_000_000 / n);
            long t0 = System.nanoTime();
            int bytes = 0;
            for (int i = 0; i < reps; i++) {
                byte[] b = serializer.toBinary(u);
                bytes = b.length;
                serializer.fromBinary(b, UpdateSerializer.UPLOAD);
            }
            double binaryUs = (System.nanoTime() - t0) / 1e3 / reps;
            int cborReps = Math.max(3, reps / 20);
            long t1 = System.nanoTime();
            int cborBytes = 0;
            for (int i = 0; i < cborReps; i++) {
                byte[] b = cbor.toBinary(u);
                cborBytes = b.length;
                cbor.fromBinary(b, Channel.Upload.class);
            }
            double cborUs = (System.nanoTime() - t1) / 1e3 / cborReps;
            System.out.printf(java.util.Locale.ROOT,
                    "update of %d floats: binary %d bytes, %.1f us to write and read; jackson-cbor %d bytes, %.1f us%n",
                    n, bytes, binaryUs, cborBytes, cborUs);
        }
        plain.shutdownTestKit();
    }
}
