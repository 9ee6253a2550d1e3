package io.aegis.cluster;

import io.aegis.actors.Channel;
import io.aegis.actors.Client;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The wire format of the messages that carry a model or an update between nodes (a round's model
 * posted to a worker, a client's Train, its upload or its update handed to the adversary): a few ints and the
 * float array as raw little-endian IEEE 754 (4 bytes a parameter, bit-exact, so a run on a cluster
 * aggregates the very floats a single JVM would). Everything else goes through Jackson CBOR.
 */
public final class UpdateSerializer extends SerializerWithStringManifest {
    static final String TRAIN = "T";
    static final String UPLOAD = "U";
    static final String COLLUDE = "C";
    static final String MODEL = "M";

    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    public UpdateSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    @Override
    public int identifier() {
        return 0x4165_6769; // "Aegi"
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof Client.Train) {
            return TRAIN;
        }
        if (o instanceof Channel.Upload) {
            return UPLOAD;
        }
        if (o instanceof Channel.Collude) {
            return COLLUDE;
        }
        if (o instanceof NodeAgent.PostModel) {
            return MODEL;
        }
        throw new IllegalArgumentException("not a model or update message: " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        if (o instanceof Client.Train t) {
            byte[] ref = resolver().toSerializationFormat(t.replyTo()).getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = buffer(4 + 4 + ref.length + floatsSize(t.model()));
            b.putInt(t.round()).putInt(ref.length).put(ref);
            putFloats(b, t.model());
            return b.array();
        }
        if (o instanceof Channel.Upload u) {
            ByteBuffer b = buffer(12 + floatsSize(u.update()));
            b.putInt(u.round()).putInt(u.client()).putInt(u.samples());
            putFloats(b, u.update());
            return b.array();
        }
        if (o instanceof NodeAgent.PostModel m) {
            ByteBuffer b = buffer(4 + floatsSize(m.model()));
            b.putInt(m.round());
            putFloats(b, m.model());
            return b.array();
        }
        if (o instanceof Channel.Collude c) {
            ByteBuffer b = buffer(12 + floatsSize(c.own()));
            b.putInt(c.round()).putInt(c.client()).putInt(c.samples());
            putFloats(b, c.own());
            return b.array();
        }
        throw new IllegalArgumentException("not a model or update message: " + o.getClass().getName());
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            switch (manifest) {
                case TRAIN -> {
                    int round = b.getInt();
                    byte[] ref = new byte[b.getInt()];
                    b.get(ref);
                    ActorRef<Channel.Command> replyTo = resolver().resolveActorRef(new String(ref, StandardCharsets.UTF_8));
                    return new Client.Train(round, getFloats(b), replyTo);
                }
                case UPLOAD, COLLUDE -> {
                    int round = b.getInt();
                    int client = b.getInt();
                    int samples = b.getInt();
                    float[] floats = getFloats(b);
                    return manifest.equals(UPLOAD) ? new Channel.Upload(round, client, floats, samples)
                            : new Channel.Collude(round, client, floats, samples);
                }
                case MODEL -> {
                    int round = b.getInt();
                    return new NodeAgent.PostModel(round, getFloats(b));
                }
                default -> throw new NotSerializableException("unknown manifest '" + manifest + "'");
            }
        } catch (RuntimeException e) {
            throw new NotSerializableException("damaged " + manifest + " message: " + e);
        }
    }

    private ActorRefResolver resolver() {
        if (resolver == null) {
            resolver = ActorRefResolver.get(Adapter.toTyped(system));
        }
        return resolver;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A length (-1 = null) and the floats. */
    private static int floatsSize(float[] a) {
        return 4 + (a == null ? 0 : 4 * a.length);
    }

    private static void putFloats(ByteBuffer b, float[] a) {
        if (a == null) {
            b.putInt(-1);
            return;
        }
        b.putInt(a.length);
        b.asFloatBuffer().put(a);
        b.position(b.position() + 4 * a.length);
    }

    private static float[] getFloats(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        if (n > b.remaining() / 4) {
            throw new IllegalArgumentException(n + " floats announced, " + b.remaining() + " bytes left");
        }
        float[] a = new float[n];
        b.asFloatBuffer().get(a);
        b.position(b.position() + 4 * n);
        return a;
    }
}
