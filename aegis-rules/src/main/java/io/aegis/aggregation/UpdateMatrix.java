package io.aegis.aggregation;

import java.util.Arrays;

/**
 * One round's updates as a single row-major float matrix: row i is update i (length d).
 * Rules read it without copying; optional per-row weights carry client sample counts (FedAvg).
 */
public final class UpdateMatrix {
    private final float[] data;
    private final int rows;
    private final int cols;
    private final double[] weights;

    public UpdateMatrix(float[] data, int rows, int cols, double[] weights) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix data has " + data.length + " values, expected " + rows + " x " + cols);
        }
        if (weights != null && weights.length != rows) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries, expected " + rows);
        }
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.weights = weights;
    }

    public UpdateMatrix(float[] data, int rows, int cols) {
        this(data, rows, cols, null);
    }

    /** Copies the given rows into one contiguous matrix (all rows must have the same length). */
    public static UpdateMatrix ofRows(float[]... rows) {
        return ofRows(null, rows);
    }

    public static UpdateMatrix ofRows(double[] weights, float[]... rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", expected " + d);
            }
            System.arraycopy(rows[i], 0, data, i * d, d);
        }
        return new UpdateMatrix(data, n, d, weights);
    }

    public static UpdateMatrix ofRows(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has length " + rows[i].length + ", expected " + d);
            }
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) rows[i][j];
            }
        }
        return new UpdateMatrix(data, n, d, null);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array (row-major); not a copy. */
    public float[] data() {
        return data;
    }

    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** Offset of row i in {@link #data()}. */
    public int offset(int row) {
        return row * cols;
    }

    public float[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** Sample-count weights, or null when unknown. */
    public double[] weights() {
        return weights;
    }

    /** A new matrix with the given rows, in the given order (weights follow their rows). */
    public UpdateMatrix select(int[] indices) {
        float[] out = new float[indices.length * cols];
        double[] w = weights == null ? null : new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(data, indices[k] * cols, out, k * cols, cols);
            if (w != null) {
                w[k] = weights[indices[k]];
            }
        }
        return new UpdateMatrix(out, indices.length, cols, w);
    }
}
