package io.aegis.util;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds .npy bytes the way NumPy lays them out, for tests (any dtype string, order and shape). */
public final class NpyFiles {
    private NpyFiles() {}

    public static byte[] npy(String descr, boolean fortran, String shape, double[] values, int width, ByteOrder order) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer bb = ByteBuffer.allocate(values.length * width).order(order);
        for (double v : values) {
            if (width == 4) {
                bb.putFloat((float) v);
            } else {
                bb.putDouble(v);
            }
        }
        out.writeBytes(bb.array());
        return out.toByteArray();
    }

    /** A C-order little-endian 2-D file of the given rows. */
    public static byte[] matrix(double[][] rows, boolean float32) {
        int n = rows.length;
        int d = rows[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return npy(float32 ? "<f4" : "<f8", false, "(" + n + ", " + d + ")", flat, float32 ? 4 : 8, ByteOrder.LITTLE_ENDIAN);
    }
}
