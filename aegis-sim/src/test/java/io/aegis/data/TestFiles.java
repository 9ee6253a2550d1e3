package io.aegis.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;

/** Helpers that write small data files in the published formats, and find the shared data sets. */
final class TestFiles {
    private TestFiles() {}

    /** The shared data sets folder, or a skipped test when this machine does not have it. */
    static Path sharedDatasets(String name) {
        String prop = System.getProperty("aegis.shared.datasets");
        Path dir = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/datasets");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve(name)),
                "shared data set " + name + " not found under " + dir + " (set -Daegis.shared.datasets); skipping");
        return dir;
    }

    static byte[] idxImages(int magic, int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return bytes.toByteArray();
    }

    static byte[] idxLabels(int magic, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(labels.length);
        out.write(labels);
        return bytes.toByteArray();
    }

    static void writeGz(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    /** A gzipped POSIX tar archive holding the given regular files (paths to contents). */
    static void writeTarGz(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] h = new byte[512];
                put(h, 0, e.getKey());
                put(h, 100, "0000644");
                put(h, 108, "0000000");
                put(h, 116, "0000000");
                put(h, 124, String.format("%011o", e.getValue().length));
                put(h, 136, "00000000000");
                h[156] = '0';
                put(h, 257, "ustar");
                put(h, 263, "00");
                for (int i = 148; i < 156; i++) {
                    h[i] = ' ';
                }
                int sum = 0;
                for (byte b : h) {
                    sum += b & 0xff;
                }
                put(h, 148, String.format("%06o", sum));
                h[154] = 0;
                out.write(h);
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    /** {@code count} CIFAR-10 records: label i % 10, pixel j of record i = (i + j) mod 256. */
    static byte[] cifarRecords(int count, int labelOffset) {
        byte[] b = new byte[count * Cifar10Loader.RECORD];
        for (int i = 0; i < count; i++) {
            int off = i * Cifar10Loader.RECORD;
            b[off] = (byte) ((i + labelOffset) % 10);
            for (int j = 0; j < Cifar10Loader.PIXELS; j++) {
                b[off + 1 + j] = (byte) (i + j);
            }
        }
        return b;
    }
}
