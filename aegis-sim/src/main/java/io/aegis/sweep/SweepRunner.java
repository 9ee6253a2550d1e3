package io.aegis.sweep;

import io.aegis.progress.Durations;
import io.aegis.progress.ProgressMode;
import io.aegis.report.ComparisonPage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a sweep's combinations, {@code parallel} at a time, each as an ordinary run folder
 * {@code <sweep>/runs/<run-id>/} (see {@link ChildJvm} for why each is a child JVM); keeps results.csv
 * current as runs end, and writes report.html at the end. A failed run is a row with status failed,
 * never the end of the sweep.
 */
public final class SweepRunner {
    /** How long an interrupted run may take to reach its round boundary and write its outputs. */
    static final long STOP_GRACE_SECONDS = 120;

    /**
     * @param parallel   runs at once
     * @param poolPerRun training threads of each run
     * @param heapMb     heap of each run's JVM (unless AEGIS_RUN_JAVA_OPTS says otherwise)
     */
    public record Settings(int parallel, int poolPerRun, int heapMb, ProgressMode mode) {

        /**
         * {@code requested} runs at once (0 = auto: one per core, fewer when the sweep is small or the
         * memory would not hold {@code perRunMb} per run); the cores are shared out so that the
         * training threads of all runs fit them, and each run's heap is its share of 60% of the memory,
         * at least {@code perRunMb} and at most 8 GB.
         */
        public static Settings forMachine(int requested, int runs, int perRunMb, ProgressMode mode) {
            int cores = Runtime.getRuntime().availableProcessors();
            long memMb = ChildJvm.physicalMemoryMb();
            int parallel = requested > 0 ? requested
                    : (int) Math.max(1, Math.min(Math.min(cores, Math.max(1, runs)), memMb * 7 / 10 / perRunMb));
            int pool = Math.max(1, cores / parallel);
            int heap = (int) Math.max(perRunMb, Math.min(8192, memMb * 6 / 10 / parallel));
            return new Settings(parallel, pool, heap, mode);
        }

        /** A run's memory by data set: images need more than tables (a rough floor, not a measurement). */
        public static int memoryPerRunMb(String dataset) {
            return switch (dataset) {
                case "mnist", "fashion-mnist" -> 2048;
                case "cifar10" -> 3072;
                default -> 768;
            };
        }
    }

    private enum Start { FRESH, RESUME, KEEP }

    private final String name;
    private final Path base;
    private final List<String> gridKeys;
    private final List<RunSpec> runs;
    private final Path sweepDir;
    private final Settings settings;
    private final PrintStream out;
    private volatile String signal;

    public SweepRunner(String name, Path base, List<String> gridKeys, List<RunSpec> runs, Path sweepDir,
                       Settings settings, PrintStream out) {
        this.name = name;
        this.base = base;
        this.gridKeys = gridKeys;
        this.runs = runs;
        this.sweepDir = sweepDir;
        this.settings = settings;
        this.out = out;
    }

    /** Asks the sweep to stop (SIGINT = "INT", SIGTERM = "TERM"): no run starts, running ones stop at a round boundary. */
    public void interrupt(String signalName) {
        signal = signalName;
    }

    public Path runDir(RunSpec run) {
        return sweepDir.resolve("runs").resolve(run.id());
    }

    /**
     * Runs every combination not yet completed; with {@code resume}, completed run folders are kept,
     * unfinished ones resume from their checkpoint (or restart when they have none). Returns the exit
     * status: 0 all completed, 1 some failed, 130/143 interrupted.
     */
    public int run(boolean resume) throws IOException {
        long t0 = System.nanoTime();
        List<RunResult> results = new ArrayList<>();
        Deque<Integer> queue = new ArrayDeque<>();
        Map<Integer, Start> how = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunSpec run = runs.get(i);
            Path dir = runDir(run);
            RunResult onDisk = resume ? RunResult.onDisk(dir, run.scenario().rounds()) : RunResult.pending();
            if (onDisk.completed()) {
                how.put(i, Start.KEEP);
                results.add(onDisk);
                continue;
            }
            results.add(RunResult.pending());
            how.put(i, resume && hasCheckpoint(dir) ? Start.RESUME : Start.FRESH);
            queue.add(i);
        }
        int kept = runs.size() - queue.size();
        ChildJvm jvm = new ChildJvm(ChildJvm.writeConf(sweepDir.resolve(".aegis-conf"), settings.poolPerRun()),
                ChildJvm.javaOpts(settings.heapMb()));
        ResultsCsv.write(sweepDir.resolve("results.csv"), gridKeys, runs, results);
        note(String.format(Locale.ROOT, "sweep %s: %d runs%s, %d at a time, %d training thread%s each -> %s",
                name, runs.size(), kept > 0 ? " (" + kept + " already completed)" : "", settings.parallel(),
                settings.poolPerRun(), settings.poolPerRun() == 1 ? "" : "s", sweepDir));

        long endedRounds = 0;
        Map<Integer, Running> running = new LinkedHashMap<>();
        int done = 0;
        int failed = 0;
        long lastLine = 0;
        boolean forwarded = false;
        while (!queue.isEmpty() || !running.isEmpty()) {
            String sig = signal;
            if (sig != null && !forwarded) {
                forwarded = true;
                note("sweep " + name + ": stopping (SIG" + sig + "): " + running.size()
                        + " running run(s) stop at a round boundary; " + queue.size() + " not started");
                running.values().forEach(r -> ChildJvm.signal(r.process, sig));
                queue.clear();
            }
            while (sig == null && running.size() < settings.parallel() && !queue.isEmpty()) {
                int i = queue.poll();
                running.put(i, launch(jvm, i, how.get(i)));
            }
            for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Running> e = it.next();
                Running r = e.getValue();
                if (r.process.isAlive()) {
                    if (forwarded && r.stopDeadline(STOP_GRACE_SECONDS)) {
                        r.process.destroyForcibly();
                    }
                    continue;
                }
                int i = e.getKey();
                RunSpec run = runs.get(i);
                int exit = r.process.exitValue();
                if (r.how == Start.RESUME && exit == 2 && signal == null) {
                    // the checkpoint no longer fits the run (aegis resume refused it): start over
                    note("run " + run.id() + ": cannot resume from its checkpoint; restarting it");
                    e.setValue(launch(jvm, i, Start.FRESH));
                    continue;
                }
                RunResult result = RunResult.afterExit(runDir(run), exit, (System.nanoTime() - r.started) / 1e9);
                results.set(i, result);
                endedRounds += Math.max(0, (result.roundsCompleted() == null ? 0 : result.roundsCompleted()) - r.rowsAtStart);
                it.remove();
                done++;
                if (result.status().equals(RunResult.FAILED)) {
                    failed++;
                }
                ResultsCsv.write(sweepDir.resolve("results.csv"), gridKeys, runs, results);
                note(String.format(Locale.ROOT, "run %s %s%s (%d/%d)", run.id(), result.status(),
                        result.error() != null ? ": " + result.error()
                                : result.finalAccuracy() != null ? String.format(Locale.ROOT, ": final accuracy %.4f",
                                result.finalAccuracy()) : "", done + kept, runs.size()));
            }
            long now = System.nanoTime();
            boolean due = settings.mode() == ProgressMode.LIVE ? now - lastLine >= TimeUnit.SECONDS.toNanos(1)
                    : settings.mode() == ProgressMode.LINES && now - lastLine >= TimeUnit.SECONDS.toNanos(30);
            if (due && (!queue.isEmpty() || !running.isEmpty())) {
                status(statusLine(done + kept, running, queue, failed, t0, endedRounds));
                lastLine = now;
            }
            sleep(200);
        }
        clearLive();
        ResultsCsv.write(sweepDir.resolve("results.csv"), gridKeys, runs, results);
        List<Path> dirs = runs.stream().map(this::runDir).filter(Files::isDirectory).toList();
        try {
            ComparisonPage.write(dirs, sweepDir.resolve("report.html"));
        } catch (IOException | RuntimeException e) {
            note("sweep " + name + ": cannot write report.html: " + e.getMessage());
        }
        long completed = results.stream().filter(RunResult::completed).count();
        long interrupted = results.stream().filter(r -> r.status().equals(RunResult.INTERRUPTED)).count();
        long notStarted = results.stream().filter(r -> r.status().equals(RunResult.PENDING)).count();
        out.printf(Locale.ROOT, "sweep %s: %d completed, %d failed, %d interrupted, %d not started in %s; results: %s, page: %s%n",
                name, completed, failed, interrupted, notStarted, Durations.format((System.nanoTime() - t0) / 1e9),
                sweepDir.resolve("results.csv"), sweepDir.resolve("report.html"));
        out.flush();
        if (signal != null) {
            return signal.equals("TERM") ? 143 : 130;
        }
        return failed > 0 || interrupted > 0 ? 1 : 0;
    }

    private Running launch(ChildJvm jvm, int i, Start how) {
        RunSpec run = runs.get(i);
        Path dir = runDir(run);
        try {
            Process p;
            if (how == Start.RESUME) {
                p = jvm.startResume(dir);
            } else {
                deleteTree(dir);
                SweepJson.write(dir, name, run, gridKeys);
                p = jvm.startRun(base, run.overrides(), dir);
            }
            return new Running(p, System.nanoTime(), how, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start run " + run.id() + ": " + e.getMessage(), e);
        }
    }

    /** Done / running / left, and an ETA from the rounds run since the sweep started. */
    private String statusLine(int finished, Map<Integer, Running> running, Deque<Integer> queue, int failed,
                              long t0, long endedRounds) {
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long progressed = endedRounds;
        long remaining = 0;
        for (Map.Entry<Integer, Running> e : running.entrySet()) {
            Integer n = RunResult.roundsInCsv(e.getValue().dir.resolve("rounds.csv"));
            int rows = n == null ? 0 : n;
            progressed += Math.max(0, rows - e.getValue().rowsAtStart);
            remaining += Math.max(0, runs.get(e.getKey()).scenario().rounds() - rows);
        }
        for (int i : queue) {
            remaining += runs.get(i).scenario().rounds();
        }
        String eta = progressed <= 0 ? "?" : Durations.format(elapsed / progressed * remaining);
        return String.format(Locale.ROOT, "sweep %s: %d/%d done%s, %d running, %d left  elapsed %s  ETA %s", name,
                finished, runs.size(), failed > 0 ? " (" + failed + " failed)" : "", running.size(), queue.size(),
                Durations.format(elapsed), eta);
    }

    private int liveWidth;

    private void status(String text) {
        if (settings.mode() == ProgressMode.LIVE) {
            out.print("\r" + text + " ".repeat(Math.max(0, liveWidth - text.length())));
            liveWidth = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    private void clearLive() {
        if (settings.mode() == ProgressMode.LIVE && liveWidth > 0) {
            out.print("\r" + " ".repeat(liveWidth) + "\r");
            liveWidth = 0;
        }
    }

    /** A line that stays (not in quiet mode): above the live line on a terminal. */
    private void note(String text) {
        if (settings.mode() == ProgressMode.QUIET) {
            return;
        }
        clearLive();
        out.println(text);
        out.flush();
    }

    private static boolean hasCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("checkpoint-\\d+\\.bin"));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Running {
        final Process process;
        final long started;
        final Start how;
        final Path dir;
        /** Rows a resumed run already had: they cost no time in this sweep. */
        final int rowsAtStart;
        long stopAsked;

        Running(Process process, long started, Start how, Path dir) {
            this.process = process;
            this.started = started;
            this.how = how;
            this.dir = dir;
            Integer rows = how == Start.RESUME ? RunResult.roundsInCsv(dir.resolve("rounds.csv")) : null;
            this.rowsAtStart = rows == null ? 0 : rows;
        }

        /** True once the run had {@code grace} seconds to stop after it was asked to. */
        boolean stopDeadline(long grace) {
            long now = System.nanoTime();
            if (stopAsked == 0) {
                stopAsked = now;
            }
            return now - stopAsked > TimeUnit.SECONDS.toNanos(grace);
        }
    }
}
