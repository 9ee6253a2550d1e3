package io.aegis.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1-3): float32/float64 arrays of one or
 * two dimensions, little or big endian, C or Fortran order in; float64 little-endian vectors out.
 * Anything else (wrong magic, other dtypes, object arrays, truncated data) is rejected with a
 * message that names the file and the problem.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A 2-D array as a row-major float matrix (a 1-D array is one row). */
    public record Matrix(float[] data, int rows, int cols) {}

    public static Matrix readMatrix(Path file) throws IOException {
        long size = sizeOf(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readMatrix(in, file.toString(), size);
        }
    }

    /** Reads from a stream of unknown length: memory grows with the data that actually arrives. */
    public static Matrix readMatrix(InputStream in, String name) throws IOException {
        return readMatrix(in, name, -1);
    }

    private static Matrix readMatrix(InputStream in, String name, long fileSize) throws IOException {
        Header h = header(in, name);
        checkSize(h, name, fileSize);
        int count = h.count();
        float[][] data = {new float[fileSize >= 0 ? count : Math.min(count, 1 << 16)]};
        readValues(in, h.width, h.order, name, count, (i, v) -> {
            if (i >= data[0].length) {
                data[0] = java.util.Arrays.copyOf(data[0], (int) Math.min(count, 2L * data[0].length));
            }
            data[0][i] = (float) v;
        });
        finish(in, name, count);
        float[] values = data[0];
        return new Matrix(h.fortran ? transposeColumnMajor(values, (int) h.rows, (int) h.cols) : values, (int) h.rows, (int) h.cols);
    }

    /** Reads a 1-D float32 or float64 array at full precision (a 1 x d or d x 1 2-D array is accepted too). */
    public static double[] readVector(Path file) throws IOException {
        long size = sizeOf(file);
        try (InputStream in = Files.newInputStream(file)) {
            String name = file.toString();
            Header h = header(in, name);
            if (h.rows != 1 && h.cols != 1) {
                throw bad(name, "expected a 1-D array, got " + h.rows + " x " + h.cols);
            }
            checkSize(h, name, size);
            double[] out = new double[h.count()];
            readValues(in, h.width, h.order, name, out.length, (i, v) -> out[i] = v);
            finish(in, name, out.length);
            return out;
        }
    }

    /** The size of a regular file; a directory or a missing file is the user's mistake, said in one sentence. */
    private static long sizeOf(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw bad(file.toString(), "is a directory, not a .npy file");
        }
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!Files.isReadable(file)) {
            throw bad(file.toString(), "cannot be read (permission denied)");
        }
        return Files.size(file);
    }

    /** Before allocating: the header's shape must match the bytes the file holds. */
    private static void checkSize(Header h, String name, long fileSize) {
        if (fileSize < 0) {
            return;
        }
        long data = (long) h.count() * h.width;
        long expected = h.headerBytes + data;
        if (fileSize < expected) {
            throw bad(name, "is truncated: its header declares " + h.rows + " x " + h.cols + " values (" + data
                    + " bytes of data) but the file holds only " + Math.max(0, fileSize - h.headerBytes));
        }
        if (fileSize > expected) {
            throw bad(name, "has " + (fileSize - expected) + " bytes after the " + h.count() + " values its header declares");
        }
    }

    private record Header(int width, ByteOrder order, boolean fortran, long rows, long cols, long headerBytes) {
        int count() {
            return (int) (rows * cols); // header() checked that the product fits
        }
    }

    private interface Sink {
        void put(int index, double value);
    }

    private static void finish(InputStream in, String name, int count) throws IOException {
        if (in.read() != -1) {
            throw bad(name, "has data after the " + count + " values its header declares");
        }
    }

    private static Header header(InputStream in, String name) throws IOException {
        byte[] magic = readFully(in, 8, name, "header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw bad(name, "not a NumPy .npy file (missing the \\x93NUMPY magic)");
            }
        }
        int major = magic[6] & 0xff;
        int headerLength;
        if (major == 1) {
            byte[] len = readFully(in, 2, name, "header length");
            headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readFully(in, 4, name, "header length");
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLength < 0 || headerLength > (1 << 20)) {
                throw bad(name, "implausible header length " + headerLength);
            }
        } else {
            throw bad(name, "unsupported .npy format version " + major + "." + (magic[7] & 0xff));
        }
        String header = new String(readFully(in, headerLength, name, "header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, name, "descr");
        boolean fortran = "True".equals(find(FORTRAN, header, name, "fortran_order"));
        long[] shape = shape(find(SHAPE, header, name, "shape"), name);
        int width;
        ByteOrder order;
        switch (descr) {
            case "<f4", "=f4", "|f4" -> { width = 4; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f4" -> { width = 4; order = ByteOrder.BIG_ENDIAN; }
            case "<f8", "=f8", "|f8" -> { width = 8; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f8" -> { width = 8; order = ByteOrder.BIG_ENDIAN; }
            default -> throw bad(name, "dtype '" + descr + "' is not supported; save the array as float32 or float64");
        }
        long rows;
        long cols;
        if (shape.length == 2) {
            rows = shape[0];
            cols = shape[1];
        } else if (shape.length == 1) {
            rows = 1;
            cols = shape[0];
        } else {
            throw bad(name, "expected a 1-D or 2-D array, got shape " + java.util.Arrays.toString(shape));
        }
        long count;
        try {
            count = Math.multiplyExact(rows, cols);
        } catch (ArithmeticException overflow) {
            count = Long.MAX_VALUE;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw bad(name, "array of " + rows + " x " + cols + " values is too large (limit 2^31 - 9 values)");
        }
        long headerBytes = 8 + (major == 1 ? 2 : 4) + (long) headerLength;
        return new Header(width, order, fortran && shape.length == 2, rows, cols, headerBytes);
    }

    private static void readValues(InputStream in, int width, ByteOrder order, String name, int count, Sink out) throws IOException {
        byte[] buf = new byte[1 << 16];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        long total = (long) count * width;
        long done = 0;
        int next = 0;
        int carry = 0;
        while (done < total) {
            int want = (int) Math.min(buf.length - carry, total - done);
            int got = in.read(buf, carry, want);
            if (got < 0) {
                throw bad(name, "is truncated: its header declares " + count + " values but the data ends after "
                        + (done / width) + " (" + done + " of " + total + " bytes)");
            }
            done += got;
            int avail = carry + got;
            int whole = avail / width * width;
            bb.clear();
            for (int p = 0; p < whole; p += width) {
                out.put(next++, width == 4 ? bb.getFloat(p) : bb.getDouble(p));
            }
            carry = avail - whole;
            System.arraycopy(buf, whole, buf, 0, carry);
        }
    }

    private static float[] transposeColumnMajor(float[] data, int rows, int cols) {
        float[] out = new float[data.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = data[c * rows + r];
            }
        }
        return out;
    }

    /** Writes a float64 little-endian 1-D array (format 1.0). */
    public static void writeVector(Path file, double[] v) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeVector(out, v);
        }
    }

    public static void writeVector(OutputStream out, double[] v) throws IOException {
        writeHeader(out, "<f8", v.length);
        ByteBuffer bb = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            bb.putDouble(v[i]);
            if (!bb.hasRemaining()) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
        }
        out.write(bb.array(), 0, bb.position());
    }

    /** Writes a float32 little-endian 1-D array (format 1.0), e.g. a model's parameters. */
    public static void writeVector(OutputStream out, float[] v) throws IOException {
        writeHeader(out, "<f4", v.length);
        ByteBuffer bb = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            bb.putFloat(v[i]);
            if (!bb.hasRemaining()) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
        }
        out.write(bb.array(), 0, bb.position());
    }

    private static void writeHeader(OutputStream out, String descr, int length) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + length + ",), }";
        // magic(6) + version(2) + length(2) + dict + padding + '\n' must be a multiple of 64
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static long[] shape(String text, String name) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw bad(name, "negative dimension in shape (" + text + ")");
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw bad(name, "unreadable shape (" + text + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String find(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(name, "header has no valid '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    private static byte[] readFully(InputStream in, int n, String name, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int got = in.read(b, off, n - off);
            if (got < 0) {
                throw bad(name, "ends inside its " + what + " (" + off + " of " + n + " bytes)");
            }
            off += got;
        }
        return b;
    }

    private static IllegalArgumentException bad(String name, String problem) {
        return new IllegalArgumentException(name + ": " + problem);
    }
}
