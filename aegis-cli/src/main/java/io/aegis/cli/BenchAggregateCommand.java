package io.aegis.cli;

import io.aegis.aggregation.AggregationRule;
import io.aegis.aggregation.GramBackend;
import io.aegis.aggregation.GramBackends;
import io.aegis.aggregation.Rules;
import io.aegis.aggregation.UpdateMatrix;
import io.aegis.bench.BenchInputs;
import io.aegis.bench.Bandwidth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aegis bench-aggregate}: a quick timing of every rule over n x d grids, each time printed
 * next to the time to copy and to read the same bytes once, so figures compare across machines.
 * For rigorous numbers use the JMH benchmarks in io.aegis.bench (see their doc).
 */
@Command(name = "bench-aggregate", mixinStandardHelpOptions = true,
        description = {"Time every aggregation rule against a memory-bandwidth yardstick (quick; JMH for rigour).",
                "Example: aegis bench aggregate --n 20,100 --d 110,431080 --rules median,krum,stpa"})
public final class BenchAggregateCommand implements Callable<Integer> {

    @Option(names = "--n", split = ",", description = "Numbers of updates (default: 20,100,1000).")
    int[] ns = BenchInputs.NS;

    @Option(names = "--d", split = ",", description = "Update dimensions (default: 110,159010,431080).")
    int[] ds = BenchInputs.DS;

    @Option(names = "--rules", split = ",", description = "Rules to time (default: all).")
    List<String> rules = Rules.NAMES;

    @Option(names = "--repeat", description = "Timed repetitions per figure, after untimed warm-up calls for at least a second; the fastest is reported (default: ${DEFAULT-VALUE}).")
    int repeat = 3;

    @Option(names = "--budget-seconds", description = "Skip further repetitions of a rule once one takes longer than this (default: ${DEFAULT-VALUE}).")
    double budget = 10;

    @Option(names = "--jmh", description = "Measure with JMH (forked JVM, warm-up, 3 x 1 s iterations per figure) instead of the quick loop.")
    boolean jmh;

    @Option(names = "--numpy", description = "Also run the NumPy/SciPy reference script (numpy_agg_ref.py, see --numpy-script) in this invocation and print Aegis/NumPy ratios (its parameters: trim ratio 0.1, Krum f = n/4).")
    boolean numpy;

    @Option(names = "--numpy-script", description = "The NumPy reference script numpy_agg_ref.py (default: looked for in a shared/bench folder above the project).")
    java.nio.file.Path numpyScript;

    /** Aegis's best ms by "rule n d", for the NumPy comparison. */
    private final java.util.Map<String, Double> timed = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (jmh) {
            return runJmh();
        }
        for (String r : rules) {
            Rules.create(r, null);
        }
        System.out.printf(Locale.ROOT, "cores=%d maxHeap=%.1fGB java=%s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1e9, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "load average at start: %.2f%n", OS.getSystemLoadAverage());
        // which kernel computes the Gram of each round size (Krum, Bulyan, GeoMed, STPA)
        System.out.println("gram backends: " + Arrays.stream(ns).mapToObj(n -> "n=" + n + " " + GramBackends.best(n).name())
                .collect(Collectors.joining(", ")) + " (found: "
                + GramBackends.all().stream().map(GramBackend::name).toList() + ")");
        System.out.printf(Locale.ROOT, "%-18s %6s %8s %12s %10s %10s %12s%n", "rule", "n", "d", "ms", "x copy", "x read", "cpu ms");
        for (int n : ns) {
            for (int d : ds) {
                long bytes = BenchInputs.bytes(n, d);
                // the matrix, one working copy, the copy yardstick's buffer, headroom
                long need = bytes * 2 + Math.min(bytes, 256L << 20) + (64L << 20);
                if (need > Runtime.getRuntime().maxMemory() || (long) n * d > Integer.MAX_VALUE - 8) {
                    System.out.printf(Locale.ROOT, "skip n=%d d=%d: needs about %.1f GB of heap (-Xmx)%n", n, d, need / 1e9);
                    continue;
                }
                UpdateMatrix m = BenchInputs.round(n, d, 1);
                Bandwidth bw = new Bandwidth(m.data().length);
                double copy = best(() -> bw.copy(m.data()));
                double read = best(() -> Bandwidth.read(m.data()));
                System.out.printf(Locale.ROOT, "%-18s %6d %8d %12.3f %10s %10s   (%.1f GB/s)%n", "[copy]", n, d, copy * 1e3, "1.00", "",
                        bytes * 2 / copy / 1e9);
                System.out.printf(Locale.ROOT, "%-18s %6d %8d %12.3f %10s %10s   (%.1f GB/s)%n", "[read]", n, d, read * 1e3, "", "1.00",
                        bytes / read / 1e9);
                for (String r : rules) {
                    AggregationRule rule = Rules.create(r, numpy ? NumpyReference.sameParameters(n) : BenchInputs.server(n));
                    double t = best(() -> rule.aggregate(m));
                    timed.put(r + " " + n + " " + d, t * 1e3);
                    System.out.printf(Locale.ROOT, "%-18s %6d %8d %12.3f %10.2f %10.2f %12.1f%n", r, n, d, t * 1e3, t / copy, t / read,
                            lastCpu * 1e3);
                }
            }
        }
        if (numpy) {
            NumpyReference.compare(numpyScript, rules, ns, ds, timed, OS.getSystemLoadAverage());
        }
        return 0;
    }

    /** One JMH run per (n, d) that fits a 6 GB fork; prints the JMH table, then ratios to the yardsticks. */
    private int runJmh() throws org.openjdk.jmh.runner.RunnerException {
        List<String> targets = new ArrayList<>(List.of("copy", "read"));
        targets.addAll(rules);
        List<String> lines = new ArrayList<>();
        for (int n : ns) {
            for (int d : ds) {
                long bytes = BenchInputs.bytes(n, d);
                if (bytes * 2 + Math.min(bytes, 256L << 20) > 5_500_000_000L) {
                    lines.add(String.format(Locale.ROOT, "skip n=%d d=%d: needs more than the fork's 6 GB heap", n, d));
                    continue;
                }
                var options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                        .include(io.aegis.bench.AggregationBenchmark.class.getName())
                        .param("n", String.valueOf(n))
                        .param("d", String.valueOf(d))
                        .param("target", targets.toArray(new String[0]))
                        .build();
                var results = new org.openjdk.jmh.runner.Runner(options).run();
                java.util.Map<String, Double> ms = new java.util.LinkedHashMap<>();
                for (var r : results) {
                    ms.put(r.getParams().getParam("target"), r.getPrimaryResult().getScore());
                }
                double copy = ms.getOrDefault("copy", Double.NaN);
                double read = ms.getOrDefault("read", Double.NaN);
                for (var e : ms.entrySet()) {
                    lines.add(String.format(Locale.ROOT, "%-18s %6d %8d %12.3f %10.2f %10.2f", e.getKey(), n, d, e.getValue(),
                            e.getValue() / copy, e.getValue() / read));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%-18s %6s %8s %12s %10s %10s%n", "target", "n", "d", "ms (JMH)", "x copy", "x read");
        lines.forEach(System.out::println);
        return 0;
    }

    /** Process CPU seconds of the fastest run (set by {@link #best}); on a shared machine, CPU / cores estimates idle wall time. */
    private double lastCpu;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Untimed calls go on until this much time has passed (at least one call): the JIT's C2 code is what a long run uses. */
    private static final double WARMUP_SECONDS = 1.0;

    /** Fastest of repeat runs after the warm-up, in seconds. */
    private double best(Runnable task) {
        double best = Double.MAX_VALUE;
        long warm = System.nanoTime();
        do {
            long t0 = System.nanoTime();
            task.run();
            if ((System.nanoTime() - t0) / 1e9 > budget) {
                break;
            }
        } while ((System.nanoTime() - warm) / 1e9 < WARMUP_SECONDS);
        for (int i = 0; i < Math.max(1, repeat); i++) {
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            task.run();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
            if (s < best) {
                best = s;
                lastCpu = cpu;
            }
            if (s > budget) {
                break;
            }
        }
        return best;
    }

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchAggregateCommand()).execute(args));
    }

    @Override
    public String toString() {
        return "bench-aggregate " + Arrays.toString(ns) + " x " + Arrays.toString(ds);
    }
}
