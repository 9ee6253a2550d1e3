package io.aegis.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aegis bench aggregate --numpy}: runs the NumPy/SciPy reference script in the same
 * invocation, right after Aegis's own timings, and prints Aegis/NumPy per rule and n with the load
 * average (figures from a loaded machine are preliminary).
 */
final class NumpyReference {
    /** Rules the script implements. */
    static final List<String> RULES = List.of("median", "trimmed-mean", "krum", "stpa");
    private static final Pattern LINE = Pattern.compile("numpy (\\S+) rule=(\\S+) n=(\\d+) d=(\\d+) best_ms=([0-9.]+)");

    private NumpyReference() {}

    /** The script's parameters (trim ratio 0.1, Krum f = n / 4), so both sides compute the same rule. */
    static Map<String, Object> sameParameters(int n) {
        Map<String, Object> p = new LinkedHashMap<>(io.aegis.bench.BenchInputs.server(n));
        p.put("trimmed-mean.trim-ratio", 0.1);
        p.put("krum.f", Math.max(0, Math.min(n / 4, (n - 3) / 2)));
        return p;
    }

    static void compare(Path script, List<String> rules, int[] ns, int[] ds, Map<String, Double> aegisMs, double loadBefore)
            throws IOException, InterruptedException {
        Path s = script != null ? script : locate();
        if (s == null || !Files.isRegularFile(s)) {
            System.out.println("NumPy reference: skipped (no numpy_agg_ref.py; give it with --numpy-script)");
            return;
        }
        String python = null;
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            if (exitCode(List.of(candidate, "-c", "import numpy, scipy")) == 0) {
                python = candidate;
                break;
            }
        }
        if (python == null) {
            System.out.println("NumPy reference: skipped (no python3 that imports numpy and scipy)");
            return;
        }
        List<String> shared = rules.stream().filter(RULES::contains).toList();
        if (shared.isEmpty()) {
            System.out.println("NumPy reference: skipped (none of " + RULES + " among --rules)");
            return;
        }
        StringBuilder nList = new StringBuilder();
        for (int n : ns) {
            nList.append(nList.length() == 0 ? "" : ",").append(n);
        }
        Map<String, Double> numpyMs = new LinkedHashMap<>();
        String version = "?";
        for (int d : ds) {
            List<String> cmd = List.of(python, s.toString(), "--n", nList.toString(), "--d", String.valueOf(d),
                    "--rules", String.join(",", shared));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LINE.matcher(line);
                    if (m.find()) {
                        version = m.group(1);
                        numpyMs.put(m.group(2) + " " + m.group(3) + " " + m.group(4), Double.parseDouble(m.group(5)));
                    } else {
                        System.out.println("numpy: " + line);
                    }
                }
            }
            p.waitFor();
        }
        double loadAfter = ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "%nAegis vs NumPy %s (%s), load average %.2f before Aegis, %.2f after NumPy"
                + " (preliminary unless the machine was idle)%n", version, s, loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "%-14s %6s %8s %12s %12s %14s%n", "rule", "n", "d", "aegis ms", "numpy ms", "aegis/numpy");
        List<String> missing = new ArrayList<>();
        for (int n : ns) {
            for (int d : ds) {
                for (String rule : shared) {
                    String key = rule + " " + n + " " + d;
                    Double a = aegisMs.get(key);
                    Double b = numpyMs.get(key);
                    if (a == null || b == null) {
                        missing.add(key);
                        continue;
                    }
                    System.out.printf(Locale.ROOT, "%-14s %6d %8d %12.1f %12.1f %14.2f%n", rule, n, d, a, b, a / b);
                }
            }
        }
        if (!missing.isEmpty()) {
            System.out.println("not compared (skipped on one side): " + missing);
        }
    }

    /** shared/bench/numpy_agg_ref.py above aegis.home (../shared/bench from a checkout), the project dir or the working dir. */
    private static Path locate() {
        for (String start : new String[] {System.getProperty("aegis.home"), System.getProperty("aegis.project.dir"), "."}) {
            if (start == null) {
                continue;
            }
            for (Path dir = Path.of(start).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("shared/bench/numpy_agg_ref.py");
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static int exitCode(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
