package io.aegis.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    private static final double[] VALUES = {1.5, -2.25, 3, 4, 5.125, -6};

    private static Npy.Matrix read(byte[] bytes) throws IOException {
        return Npy.readMatrix(new ByteArrayInputStream(bytes), "test.npy");
    }

    @Test
    void readsFloat32AndFloat64InBothByteOrders() throws IOException {
        float[] expected = {1.5f, -2.25f, 3, 4, 5.125f, -6};
        for (String descr : new String[] {"<f4", ">f4", "<f8", ">f8"}) {
            int width = descr.endsWith("4") ? 4 : 8;
            ByteOrder order = descr.startsWith("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            Npy.Matrix m = read(NpyFiles.npy(descr, false, "(2, 3)", VALUES, width, order));
            assertEquals(2, m.rows(), descr);
            assertEquals(3, m.cols(), descr);
            assertArrayEquals(expected, m.data(), descr);
        }
    }

    @Test
    void readsFortranOrderAsRowMajor() throws IOException {
        // column-major storage of [[1.5, 3, 5.125], [-2.25, 4, -6]]
        Npy.Matrix m = read(NpyFiles.npy("<f8", true, "(2, 3)", VALUES, 8, ByteOrder.LITTLE_ENDIAN));
        assertArrayEquals(new float[] {1.5f, 3, 5.125f, -2.25f, 4, -6}, m.data());
    }

    @Test
    void readsOneDimensionalArraysAsOneRow() throws IOException {
        Npy.Matrix m = read(NpyFiles.npy("<f4", false, "(6,)", VALUES, 4, ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, m.rows());
        assertEquals(6, m.cols());
    }

    @Test
    void writtenVectorsReadBackExactlyWithAnAlignedHeader(@TempDir Path dir) throws IOException {
        double[] v = {Math.PI, -1e-300, 0, 12345.678901234567};
        Path f = dir.resolve("v.npy");
        Npy.writeVector(f, v);
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, (bytes.length - 8 * v.length) % 64, "NumPy aligns the data to 64 bytes");
        assertTrue(new String(bytes, 0, 80, java.nio.charset.StandardCharsets.ISO_8859_1).contains("'descr': '<f8'"));
        assertArrayEquals(v, Npy.readVector(f), 0.0);
    }

    @Test
    void matrixFilesRoundTripThroughBothDtypes(@TempDir Path dir) throws IOException {
        double[][] rows = {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}};
        for (boolean f32 : new boolean[] {true, false}) {
            Path f = dir.resolve("m" + f32 + ".npy");
            Files.write(f, NpyFiles.matrix(rows, f32));
            Npy.Matrix m = Npy.readMatrix(f);
            assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, m.data());
        }
    }

    @Test
    void rejectsBrokenFilesWithClearMessages() {
        byte[] good = NpyFiles.npy("<f8", false, "(2, 3)", VALUES, 8, ByteOrder.LITTLE_ENDIAN);
        assertMessage("not a NumPy .npy file", "hello world, not numpy at all".getBytes());
        assertMessage("truncated", Arrays.copyOf(good, good.length - 5));
        assertMessage("ends inside its header", Arrays.copyOf(good, 20));
        assertMessage("dtype '<i8' is not supported", NpyFiles.npy("<i8", false, "(2, 3)", VALUES, 8, ByteOrder.LITTLE_ENDIAN));
        assertMessage("dtype '|O' is not supported", NpyFiles.npy("|O", false, "(2, 3)", VALUES, 8, ByteOrder.LITTLE_ENDIAN));
        assertMessage("1-D or 2-D", NpyFiles.npy("<f8", false, "(1, 2, 3)", VALUES, 8, ByteOrder.LITTLE_ENDIAN));
        byte[] trailing = Arrays.copyOf(good, good.length + 8);
        assertMessage("data after", trailing);
        byte[] noShape = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'shape'", "'shapx'")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertMessage("'shape'", noShape);
    }

    private static void assertMessage(String expected, byte[] bytes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bytes));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().startsWith("test.npy"), e.getMessage());
    }

    @Test
    void writerOutputIsReadableByTheReader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeVector(out, new double[] {1, 2, 3});
        Npy.Matrix m = read(out.toByteArray());
        assertArrayEquals(new float[] {1, 2, 3}, m.data());
    }
}
