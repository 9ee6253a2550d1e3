package io.aegis.aggregation;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Slow, obviously-correct versions of the rules (full sorts, direct distances) to check the fast ones against. */
final class Reference {
    private Reference() {}

    static double[] column(UpdateMatrix u, int c) {
        double[] v = new double[u.rows()];
        for (int i = 0; i < u.rows(); i++) {
            v[i] = u.get(i, c);
        }
        Arrays.sort(v);
        return v;
    }

    static double[] median(UpdateMatrix u) {
        double[] out = new double[u.cols()];
        int n = u.rows();
        for (int c = 0; c < u.cols(); c++) {
            double[] v = column(u, c);
            out[c] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }
        return out;
    }

    static double[] trimmedMean(UpdateMatrix u, int t) {
        double[] out = new double[u.cols()];
        int n = u.rows();
        for (int c = 0; c < u.cols(); c++) {
            double[] v = column(u, c);
            double s = 0;
            for (int i = t; i < n - t; i++) {
                s += v[i];
            }
            out[c] = s / (n - 2 * t);
        }
        return out;
    }

    static double squaredDistance(UpdateMatrix u, int a, int b) {
        double s = 0;
        for (int c = 0; c < u.cols(); c++) {
            double diff = (double) u.get(a, c) - u.get(b, c);
            s += diff * diff;
        }
        return s;
    }

    /** Krum scores over the rows not removed, neighbours = remaining - f - 2 (at least 0). */
    static double[] krumScores(UpdateMatrix u, int f, boolean[] removed) {
        int n = u.rows();
        int remaining = 0;
        for (int i = 0; i < n; i++) {
            remaining += removed[i] ? 0 : 1;
        }
        int k = Math.max(0, remaining - f - 2);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            if (removed[i]) {
                scores[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            double[] d = new double[remaining - 1];
            int len = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && !removed[j]) {
                    d[len++] = squaredDistance(u, i, j);
                }
            }
            Arrays.sort(d);
            for (int j = 0; j < k; j++) {
                scores[i] += d[j];
            }
        }
        return scores;
    }

    static double[] mean(UpdateMatrix u, int[] rows) {
        double[] out = new double[u.cols()];
        for (int r : rows) {
            for (int c = 0; c < u.cols(); c++) {
                out[c] += u.get(r, c);
            }
        }
        for (int c = 0; c < u.cols(); c++) {
            out[c] /= rows.length;
        }
        return out;
    }

    static UpdateMatrix random(SplittableRandom rng, int n, int d, boolean smallIntegers) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = smallIntegers ? rng.nextInt(-5, 6) : (float) Seedless.gaussian(rng);
        }
        return new UpdateMatrix(x, n, d);
    }

    static UpdateMatrix permute(UpdateMatrix u, int[] perm) {
        return u.select(perm);
    }

    static int[] shuffle(SplittableRandom rng, int n) {
        int[] p = AggregationResult.all(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static double dot(UpdateMatrix u, int a, int b) {
        double s = 0;
        for (int c = 0; c < u.cols(); c++) {
            s += (double) u.get(a, c) * u.get(b, c);
        }
        return s;
    }

    static double[] distancesTo(UpdateMatrix u, double[] z) {
        double[] out = new double[u.rows()];
        for (int i = 0; i < u.rows(); i++) {
            double s = 0;
            for (int c = 0; c < u.cols(); c++) {
                double diff = u.get(i, c) - z[c];
                s += diff * diff;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    /** n x n squared distances, summed directly over (x_a - x_b)^2 in double. */
    static double[] squaredDistances(UpdateMatrix u) {
        int n = u.rows();
        double[] dist = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                double s = squaredDistance(u, a, b);
                dist[a * n + b] = s;
                dist[b * n + a] = s;
            }
        }
        return dist;
    }

    /** Krum scores from a distance matrix over the rows not removed. */
    static double[] krumScores(double[] dist, int n, int f, boolean[] removed) {
        int remaining = 0;
        for (int i = 0; i < n; i++) {
            remaining += removed[i] ? 0 : 1;
        }
        int k = Math.max(0, remaining - f - 2);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            if (removed[i]) {
                scores[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            double[] d = new double[remaining - 1];
            int len = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && !removed[j]) {
                    d[len++] = dist[i * n + j];
                }
            }
            Arrays.sort(d);
            for (int j = 0; j < k; j++) {
                scores[i] += d[j];
            }
        }
        return scores;
    }

    /** Cosine similarities from direct double dot products; a zero row has similarity 0. */
    static double[] cosines(UpdateMatrix u) {
        int n = u.rows();
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            norm[i] = Math.sqrt(dot(u, i, i));
        }
        double[] s = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double den = norm[a] * norm[b];
                s[a * n + b] = den > 0 ? Math.max(-1, Math.min(1, dot(u, a, b) / den)) : 0;
            }
        }
        return s;
    }

    /**
     * The geometric median by plain Weiszfeld in double, run to convergence (a point that
     * coincides with an update is handled by Vardi-Zhang's rule: stay there when it is optimal).
     */
    static double[] geometricMedian(UpdateMatrix u) {
        int n = u.rows();
        int d = u.cols();
        double[] z = mean(u, AggregationResult.all(n));
        if (n <= 2) {
            return z;
        }
        for (int it = 0; it < 20_000; it++) {
            double[] dist = distancesTo(u, z);
            double[] sorted = dist.clone();
            Arrays.sort(sorted);
            double scale = sorted[n / 2];
            double[] next = new double[d];
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (dist[i] <= 1e-300) {
                    continue;
                }
                total += 1 / dist[i];
            }
            for (int i = 0; i < n; i++) {
                if (dist[i] <= 1e-300) {
                    continue;
                }
                double w = 1 / dist[i] / total;
                for (int c = 0; c < d; c++) {
                    next[c] += w * u.get(i, c);
                }
            }
            double move = 0;
            for (int c = 0; c < d; c++) {
                move += (next[c] - z[c]) * (next[c] - z[c]);
            }
            z = next;
            if (Math.sqrt(move) <= 1e-14 * scale) {
                break;
            }
        }
        return z;
    }

    /** Centered clipping's fixed-point iterations written out directly. */
    static double[] centeredClipping(UpdateMatrix u, double tau, int iterations, double[] start) {
        int n = u.rows();
        int d = u.cols();
        double[] v = start == null ? new double[d] : start.clone();
        for (int it = 0; it < iterations; it++) {
            double[] shift = new double[d];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = u.get(i, c) - v[c];
                    s += diff * diff;
                }
                double norm = Math.sqrt(s);
                double scale = norm > 0 ? Math.min(1, tau / norm) : 1;
                for (int c = 0; c < d; c++) {
                    shift[c] += scale * (u.get(i, c) - v[c]) / n;
                }
            }
            for (int c = 0; c < d; c++) {
                v[c] += shift[c];
            }
        }
        return v;
    }

    private static final class Seedless {
        static double gaussian(SplittableRandom rng) {
            return Gaussian.next(rng);
        }
    }
}
