package io.aegis.actors;

import io.aegis.metrics.RunIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything needed to continue a run after round {@code round}: the model, the rule's and the
 * temporal step's memory, the online set, and the channel's recent uploads (for stale replays).
 * Random streams need no saving: every draw is keyed by (seed, purpose, round, client).
 *
 * <p>File format: magic, version, payload length, payload, SHA-256 of the payload. It is written to a
 * temporary file and renamed, so a crash mid-write never leaves a half checkpoint under the real name;
 * a damaged file fails its checksum and is reported, never loaded.
 */
public record Checkpoint(int round, float[] model, double[] previousAggregate, double[] momentum,
                         long[] onlineWords, TreeMap<Integer, Map<Integer, float[]>> history, RunIdentity identity) {

    private static final int MAGIC = 0x41454743; // "AEGC"
    /** 2 adds the run's identity (scenario hash, model, data) after the history. */
    private static final int VERSION = 2;

    /** A checkpoint that does not say what run it belongs to (version 1 files, tests). */
    public Checkpoint(int round, float[] model, double[] previousAggregate, double[] momentum,
                      long[] onlineWords, TreeMap<Integer, Map<Integer, float[]>> history) {
        this(round, model, previousAggregate, momentum, onlineWords, history, null);
    }
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.bin");

    public static Path fileFor(Path runDir, int round) {
        return runDir.resolve(String.format("checkpoint-%06d.bin", round));
    }

    public void write(Path runDir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(round);
            writeFloats(out, model);
            writeDoubles(out, previousAggregate);
            writeDoubles(out, momentum);
            out.writeInt(onlineWords.length);
            for (long w : onlineWords) {
                out.writeLong(w);
            }
            out.writeInt(history == null ? 0 : history.size());
            if (history != null) {
                for (Map.Entry<Integer, Map<Integer, float[]>> e : history.entrySet()) {
                    out.writeInt(e.getKey());
                    out.writeInt(e.getValue().size());
                    for (Map.Entry<Integer, float[]> c : new TreeMap<>(e.getValue()).entrySet()) {
                        out.writeInt(c.getKey());
                        writeFloats(out, c.getValue());
                    }
                }
            }
            out.writeBoolean(identity != null);
            if (identity != null) {
                out.writeUTF(identity.scenarioHash());
                out.writeUTF(identity.model());
                out.writeInt(identity.parameters());
                out.writeUTF(identity.dataset());
                out.writeUTF(identity.dataDir() == null ? "" : identity.dataDir());
                out.writeUTF(identity.dataFingerprint());
            }
        }
        byte[] payload = bytes.toByteArray();
        Path target = fileFor(runDir, round);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(payload.length);
            out.write(payload);
            out.write(sha256(payload));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads and verifies a checkpoint file; sizes are checked against the file before anything is allocated. */
    public static Checkpoint read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 64) {
            throw new CorruptCheckpointException(file + " is too large to be an Aegis checkpoint");
        }
        byte[] all = Files.readAllBytes(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            if (all.length < 12 || in.readInt() != MAGIC) {
                throw new CorruptCheckpointException(file + " is not an Aegis checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new CorruptCheckpointException(file + " has format version " + version + ", expected " + VERSION);
            }
            int length = in.readInt();
            if (length < 0 || length + 12L + 32 != all.length) {
                throw new CorruptCheckpointException(file + " is truncated or has trailing bytes");
            }
            byte[] payload = Arrays.copyOfRange(all, 12, 12 + length);
            byte[] digest = Arrays.copyOfRange(all, 12 + length, all.length);
            if (!MessageDigest.isEqual(digest, sha256(payload))) {
                throw new CorruptCheckpointException(file + " fails its checksum: it is damaged and will not be loaded");
            }
            try {
                return parse(payload, version);
            } catch (java.io.EOFException | IllegalArgumentException e) {
                throw new CorruptCheckpointException(file + " has a valid checksum but an impossible content: " + e.getMessage());
            }
        }
    }

    private static Checkpoint parse(byte[] payload, int version) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        try (DataInputStream in = new DataInputStream(bytes)) {
            int round = in.readInt();
            float[] model = readFloats(in);
            double[] prev = readDoubles(in);
            double[] momentum = readDoubles(in);
            long[] words = new long[count(in, 8)];
            for (int i = 0; i < words.length; i++) {
                words[i] = in.readLong();
            }
            TreeMap<Integer, Map<Integer, float[]>> history = new TreeMap<>();
            int rounds = count(in, 8);
            for (int k = 0; k < rounds; k++) {
                int r = in.readInt();
                int n = count(in, 8);
                Map<Integer, float[]> m = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    int client = in.readInt();
                    m.put(client, readFloats(in));
                }
                history.put(r, m);
            }
            RunIdentity identity = null;
            if (version >= 2 && in.readBoolean()) {
                String hash = in.readUTF();
                String modelName = in.readUTF();
                int parameters = in.readInt();
                String dataset = in.readUTF();
                String dir = in.readUTF();
                identity = new RunIdentity(hash, modelName, parameters, dataset, dir.isEmpty() ? null : dir, in.readUTF());
            }
            return new Checkpoint(round, model, prev, momentum, words, history, identity);
        }
    }

    /** The newest checkpoint in a run folder that verifies; damaged newer ones are reported to {@code warn}. */
    public static Optional<Checkpoint> latest(Path runDir, java.util.function.Consumer<String> warn) throws IOException {
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(runDir)) {
            list.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    files.put(Integer.parseInt(m.group(1)), p);
                }
            });
        }
        for (Path p : files.descendingMap().values()) {
            try {
                return Optional.of(read(p));
            } catch (CorruptCheckpointException e) {
                warn.accept(e.getMessage());
            }
        }
        return Optional.empty();
    }

    public static final class CorruptCheckpointException extends IOException {
        public CorruptCheckpointException(String message) {
            super(message);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v == null ? -1 : v.length);
        if (v != null) {
            for (float x : v) {
                out.writeFloat(x);
            }
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v == null ? -1 : v.length);
        if (v != null) {
            for (double x : v) {
                out.writeDouble(x);
            }
        }
    }

    /**
     * A length field, checked against the bytes left so that a crafted value cannot make us allocate
     * gigabytes: {@code n} items of {@code bytesEach} must still fit in the payload.
     */
    private static int count(DataInputStream in, int bytesEach) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * bytesEach > in.available()) {
            throw new IllegalArgumentException("a length field of " + n + " exceeds the " + in.available() + " bytes left");
        }
        return n;
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if ((long) n * 4 > in.available()) {
            throw new IllegalArgumentException("a length field of " + n + " exceeds the " + in.available() + " bytes left");
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if ((long) n * 8 > in.available()) {
            throw new IllegalArgumentException("a length field of " + n + " exceeds the " + in.available() + " bytes left");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
