package io.aegis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load averages, printed next to every benchmark figure: a figure taken while the
 * 1-minute load exceeds the core count is marked preliminary (other jobs took part of the CPU).
 */
final class LoadAverage {
    private LoadAverage() {}

    /** "load average 1/5/15 min: a, b, c (n cores)", plus " PRELIMINARY (busy machine)" when busy. */
    static String line() {
        double[] l = read();
        int cores = Runtime.getRuntime().availableProcessors();
        if (l == null) {
            return "load average: unknown (no /proc/loadavg); treat figures as preliminary";
        }
        boolean busy = l[0] > cores;
        return String.format(Locale.ROOT, "load average 1/5/15 min: %.2f, %.2f, %.2f (%d cores)%s", l[0], l[1], l[2], cores,
                busy ? " PRELIMINARY: the machine is busy, compare only ratios taken in this run" : "");
    }

    private static double[] read() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
