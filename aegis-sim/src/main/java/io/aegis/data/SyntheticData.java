package io.aegis.data;

import io.aegis.scenario.Scenario.SyntheticSpec;
import io.aegis.util.Seeds;
import java.util.SplittableRandom;

/**
 * FedProx Synthetic(alpha, beta) (Li et al., "Federated Optimization in Heterogeneous Networks",
 * MLSys 2020), generated per client on demand so that a population of any size costs nothing until
 * a client is asked for. Everything about client k is drawn, in a fixed order, from
 * {@code Seeds.stream(seed, "synthetic", k)}: its sample count, its model (W_k, b_k), its input mean
 * v_k, then its samples; so client k's data depends only on (seed, k, spec), never on which clients
 * were generated before it.
 *
 * <p>As in the reference generator (FedProx's {@code generate_synthetic.py}), the second argument of
 * N(0, alpha) and N(0, beta) is a standard deviation, and Sigma_jj = j^-1.2 is a variance.
 * Sample counts: 50 + min(floor(exp(N(4, 2))), 950), i.e. the reference's lognormal(4, 2) + 50
 * (median about 104) capped at 1,000 so that no client is huge. The last 20% (rounded down) of a
 * client's samples are its held-out share and not part of its training samples. The test set pools
 * the held-out shares of the first min(numClients, 200) clients only: for the small populations of
 * the paper that is every client, and for 100,000 clients it keeps the test set (and start-up)
 * bounded, at most 200 x 200 examples.
 */
public final class SyntheticData implements FederatedData {
    public static final String NAME = "synthetic";
    public static final int TEST_CLIENTS = 200;
    public static final double HELD_OUT_SHARE = 0.2;
    static final int MIN_SAMPLES = 50;
    static final int MAX_SAMPLES = 1000;
    static final double LOG_MEAN = 4.0;
    static final double LOG_SD = 2.0;

    private final SyntheticSpec spec;
    private final int numClients;
    private final long seed;
    private final double[] sigmaSd;
    /** The IID variant's one shared model (W then b, row-major); null for the non-IID one. */
    private final double[] sharedModel;
    private final Samples test;

    public SyntheticData(SyntheticSpec spec, int numClients, long seed) {
        if (numClients < 1) {
            throw new IllegalArgumentException("need at least one client, got " + numClients);
        }
        if (spec.dimension() < 1 || spec.classes() < 2) {
            throw new IllegalArgumentException("synthetic data needs dimension >= 1 and classes >= 2, got "
                    + spec.dimension() + " and " + spec.classes());
        }
        if (spec.alpha() < 0 || spec.beta() < 0) {
            throw new IllegalArgumentException("synthetic alpha and beta must be >= 0, got "
                    + spec.alpha() + " and " + spec.beta());
        }
        this.spec = spec;
        this.numClients = numClients;
        this.seed = seed;
        this.sigmaSd = new double[spec.dimension()];
        for (int j = 0; j < sigmaSd.length; j++) {
            sigmaSd[j] = Math.pow(j + 1, -0.6);
        }
        this.sharedModel = spec.iid() ? drawModel(Seeds.stream(seed, "synthetic-global"), 0.0) : null;
        this.test = pooledTestSet();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numClients() {
        return numClients;
    }

    @Override
    public Samples client(int id) {
        return generate(id, false);
    }

    @Override
    public int clientSize(int id) {
        int total = totalSamples(Seeds.stream(seed, "synthetic", checkId(id)));
        return total - heldOut(total);
    }

    @Override
    public Samples test() {
        return test;
    }

    @Override
    public int numClasses() {
        return spec.classes();
    }

    @Override
    public int[] inputShape() {
        return new int[] {spec.dimension()};
    }

    /** Client {@code id}'s held-out share, which the test set pools for the first {@link #TEST_CLIENTS}. */
    Samples heldOutOf(int id) {
        return generate(id, true);
    }

    private Samples pooledTestSet() {
        int clients = Math.min(numClients, TEST_CLIENTS);
        Samples[] parts = new Samples[clients];
        int count = 0;
        for (int k = 0; k < clients; k++) {
            parts[k] = heldOutOf(k);
            count += parts[k].count();
        }
        int d = spec.dimension();
        float[] x = new float[count * d];
        int[] y = new int[count];
        int pos = 0;
        for (Samples p : parts) {
            System.arraycopy(p.features(), 0, x, pos * d, p.count() * d);
            System.arraycopy(p.labels(), 0, y, pos, p.count());
            pos += p.count();
        }
        return new Samples(x, y, d, spec.classes());
    }

    private Samples generate(int id, boolean heldOutPart) {
        SplittableRandom rng = Seeds.stream(seed, "synthetic", checkId(id));
        int total = totalSamples(rng);
        int held = heldOut(total);
        int d = spec.dimension();
        int c = spec.classes();
        double[] model;
        double[] mean = new double[d];
        if (sharedModel != null) {
            model = sharedModel;
        } else {
            double u = spec.alpha() * Seeds.gaussian(rng);
            double bigB = spec.beta() * Seeds.gaussian(rng);
            model = drawModel(rng, u);
            for (int j = 0; j < d; j++) {
                mean[j] = bigB + Seeds.gaussian(rng);
            }
        }
        int from = heldOutPart ? total - held : 0;
        int to = heldOutPart ? total : total - held;
        float[] x = new float[(to - from) * d];
        int[] y = new int[to - from];
        double[] xi = new double[d];
        for (int i = 0; i < to; i++) {
            for (int j = 0; j < d; j++) {
                xi[j] = mean[j] + sigmaSd[j] * Seeds.gaussian(rng);
            }
            if (i < from) {
                continue;
            }
            int k = i - from;
            for (int j = 0; j < d; j++) {
                x[k * d + j] = (float) xi[j];
            }
            y[k] = argmaxLogit(model, xi, c);
        }
        return new Samples(x, y, d, c);
    }

    /** W (classes x dimension) then b (classes), entries ~ N(u, 1). */
    private double[] drawModel(SplittableRandom rng, double u) {
        int size = spec.classes() * spec.dimension() + spec.classes();
        double[] m = new double[size];
        for (int i = 0; i < size; i++) {
            m[i] = u + Seeds.gaussian(rng);
        }
        return m;
    }

    /** argmax of W x + b, which is argmax of softmax(W x + b). */
    private static int argmaxLogit(double[] model, double[] x, int classes) {
        int d = x.length;
        int best = 0;
        double bestLogit = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = model[classes * d + c];
            for (int j = 0; j < d; j++) {
                z += model[c * d + j] * x[j];
            }
            if (z > bestLogit) {
                bestLogit = z;
                best = c;
            }
        }
        return best;
    }

    /** The first draw of a client's stream, so clientSize needs nothing else. */
    private static int totalSamples(SplittableRandom rng) {
        double logNormal = Math.exp(LOG_MEAN + LOG_SD * Seeds.gaussian(rng));
        return MIN_SAMPLES + (int) Math.min(Math.floor(logNormal), MAX_SAMPLES - MIN_SAMPLES);
    }

    private static int heldOut(int total) {
        return (int) Math.floor(total * HELD_OUT_SHARE);
    }

    private int checkId(int id) {
        if (id < 0 || id >= numClients) {
            throw new IndexOutOfBoundsException("client " + id + " is not in 0.." + (numClients - 1));
        }
        return id;
    }
}
