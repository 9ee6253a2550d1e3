package io.aegis.bench;

import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.Rules;
import io.aegis.aggregation.UpdateMatrix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every rule over the grid, next to two yardsticks measured in the same run on the same
 * matrix: "copy" (a plain array copy of the matrix's bytes) and "read" (one pass summing them).
 * {@code aegis bench-aggregate --jmh} runs this through the JMH runner and prints each rule's time
 * as a multiple of the yardsticks; combinations that do not fit the heap are left out there.
 * Directly: {@code java -cp target/aegis.jar org.openjdk.jmh.Main AggregationBenchmark -p n=100 -p d=431080}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class AggregationBenchmark {
    /** Yardsticks first, then the spec's rules. */
    public static final String[] TARGETS = {"copy", "read", "fedavg", "median", "trimmed-mean", "krum", "multi-krum",
        "bulyan", "geomed", "centered-clipping", "stpa"};

    @Param({"20", "100", "1000"})
    public int n;

    @Param({"110", "159010", "431080"})
    public int d;

    @Param({"copy", "read", "fedavg", "median", "trimmed-mean", "krum", "multi-krum", "bulyan", "geomed",
        "centered-clipping", "stpa"})
    public String target;

    private UpdateMatrix matrix;
    private AggregationRule rule;
    private Bandwidth bandwidth;

    @Setup(Level.Trial)
    public void setUp() {
        matrix = BenchInputs.round(n, d, 1);
        bandwidth = new Bandwidth(matrix.data().length);
        rule = target.equals("copy") || target.equals("read") ? null : Rules.create(target, BenchInputs.server(n));
    }

    @Benchmark
    public Object run() {
        switch (target) {
            case "copy":
                return bandwidth.copy(matrix.data());
            case "read":
                return Bandwidth.read(matrix.data());
            default:
                return rule.aggregate(matrix);
        }
    }
}
