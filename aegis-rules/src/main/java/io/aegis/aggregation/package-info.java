/**
 * Robust aggregation rules: pure functions from one round's updates (an {@link io.aegis.aggregation.UpdateMatrix},
 * one update {@code u = w_local - w_global} per row) to the update the server adds to the model.
 *
 * <h2>Rules by scenario name ({@link io.aegis.aggregation.Rules#create})</h2>
 * Plain Java: this package depends on nothing but the JDK. Parameters are a plain map whose keys are
 * relative to the scenario's {@code server} block; defaults apply when a key is missing. docs/rules.md
 * lists every rule, parameter and default, and where the defaults differ from ByzFL's.
 * <table>
 * <caption>rules, parameters, defaults and behaviour with few updates</caption>
 * <tr><th>name</th><th>keys (default)</th><th>0 / 1 / 2 updates</th></tr>
 * <tr><td>fedavg</td><td>-; weights are client sample counts, plain mean when unknown</td><td>none / itself / (weighted) mean</td></tr>
 * <tr><td>median</td><td>-; even count: mean of the two middle values</td><td>none / itself / mean</td></tr>
 * <tr><td>trimmed-mean</td><td>trimmed-mean.trim-ratio (0.2), in [0, 0.5); floor(ratio * n) cut per side</td><td>none / itself / mean</td></tr>
 * <tr><td>krum</td><td>krum.f (7); needs n &gt; 2f + 2</td><td>none / error / error (TooFewUpdatesException)</td></tr>
 * <tr><td>multi-krum</td><td>krum.f (7), krum.m (auto = n - f)</td><td>as krum</td></tr>
 * <tr><td>bulyan</td><td>bulyan.f (4); needs n &gt;= 4f + 3 when f &gt; 0</td><td>none / error unless f = 0 (then the mean)</td></tr>
 * <tr><td>geomed</td><td>geomed.nu (1e-6, relative to the median distance), geomed.iterations (100),
 *     geomed.tolerance (1e-10, relative to the median distance); starts at the coordinate-wise median</td><td>none / itself / mean</td></tr>
 * <tr><td>centered-clipping</td><td>centered-clipping.tau (10), centered-clipping.iterations (1); starts from the
 *     previous round's aggregate, zero offline</td><td>none / clipped step towards it / clipped mean step</td></tr>
 * <tr><td>stpa</td><td>stpa.threshold (0.02), stpa.inner-rule (median, any other rule, with its own keys)</td>
 *     <td>fewer than 3: not clustered, the inner rule sees all</td></tr>
 * </table>
 * The temporal half of STPA is {@link io.aegis.aggregation.TemporalStep}; {@link io.aegis.aggregation.Rules#temporalStep}
 * turns it on per {@code server.temporal} (auto = stpa only, or true for any rule) with stpa.momentum (0.5) and
 * stpa.learning-rate (1.0). Zero updates always give a null aggregate and empty {@code kept} (skip the round).
 *
 * <h2>Ties (deterministic, documented where they occur)</h2>
 * Krum/Multi-Krum/Bulyan: equal scores pick the lower row. Bulyan's second stage: at equal distance from the
 * median the smaller value is taken first. STPA: complete linkage merges the lexicographically first most
 * similar pair; equally large final clusters keep the one holding the lowest row; a zero update has cosine 0.
 *
 * <h2>Exact for every finite input</h2>
 * Every rule gives, for any finite float32 input (1e-45 .. 3.4e38, one row of 1e35 among tiny ones),
 * the answer of a double-precision reference up to float rounding (ExactnessPropertyTest). Sums run
 * in double; the Gram matrix ({@link io.aegis.aggregation.GramBackend}) scales each row of each
 * block by a power of two before any float product, centres distances on a robust centre, and
 * recomputes in double every distance its error bound cannot vouch for; orderings are total
 * ({@code Double.compare}), so a non-finite value can never sort first.
 *
 * <h2>How it is fast</h2>
 * Rules read the round's contiguous float matrix in place (filters hand row subsets to inner rules, no copies).
 * Coordinate-wise rules (median, trimmed mean, Bulyan's second stage) copy cache-sized column blocks and sort
 * each column of the block with a Batcher network pruned to the ranks they read, a branch-free min/max loop the
 * JIT vectorizes (several times faster than per-column quickselect, measured). Cosine similarity and Krum
 * distances come from one Gram matrix: the pure-Java backend (double sums) for small rounds, the best
 * {@link io.aegis.aggregation.GramBackend} found by {@link java.util.ServiceLoader} (the simulator registers a
 * native BLAS one) for rounds of 40 or more large updates. Working memory is O(n * block + n^2).
 * Measure with {@code aegis bench aggregate} (quick) or {@code aegis bench aggregate --jmh}.
 */
package io.aegis.aggregation;
