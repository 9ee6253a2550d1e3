package io.aegis.aggregation;

/**
 * Service-provider interface for the one heavy product the rules need: the Gram matrix of a block
 * of rows. {@link Gram} does everything that makes the result exact and finite (centring, scaling
 * every row of a block by a power of two so that |values| &lt; 1, summing blocks in double,
 * recomputing in double whatever the bound below cannot vouch for); a backend only multiplies.
 * <p>The pure-Java default is always there; faster ones (a native BLAS) are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.aegis.aggregation.GramBackend}. It needs a public no-argument
 * constructor that does no heavy work (load native code on first use).
 */
public interface GramBackend {

    /** A short name for logs and {@code -Daegis.gram.backend=NAME}. */
    String name();

    /** Among the backends found, the highest priority is used; the pure-Java default has 0. */
    int priority();

    /**
     * Whether this backend is a good choice for blocks of n rows: the highest-priority backend that
     * suits n is used (a vector kernel that beats BLAS on 20 rows may lose on 1000).
     */
    default boolean suits(int n) {
        return true;
    }

    /** Columns per block for n rows (memory: n x width floats per task). */
    int blockWidth(int n);

    /**
     * A bound on |computed - exact| / (||a|| ||b||) for one inner product of {@code width} columns
     * (values already in the block, |v| &lt; 1). Gram uses it to decide which distances to recompute.
     */
    double relativeError(int width);

    /**
     * For every b &lt;= a &lt; n: {@code g[a * n + b] += 2^(exp[a] + exp[b]) * <row a, row b>}, the
     * rows being {@code block[r * width .. (r + 1) * width)}. Values satisfy |v| &lt; 1, so float
     * products cannot overflow. Called from several threads at once, each with its own arrays.
     */
    void addScaledProducts(float[] block, int n, int width, int[] exp, double[] g);
}
