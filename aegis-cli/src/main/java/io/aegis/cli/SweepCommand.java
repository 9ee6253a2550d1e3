package io.aegis.cli;

import io.aegis.progress.ProgressMode;
import io.aegis.sweep.RunSpec;
import io.aegis.sweep.SweepException;
import io.aegis.sweep.SweepFile;
import io.aegis.sweep.SweepPlan;
import io.aegis.sweep.SweepRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs every combination of a sweep file (base scenario x grid axes x variants), in parallel "
                + "within the cores, each as an ordinary run folder; writes results.csv and report.html.",
                "Example: aegis sweep scenarios/paper/spambase-cross-silo.sweep.conf --set rounds=10",
                "Exit status: 0 all runs completed, 1 some failed, 2 bad input, 130/143 interrupted."})
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Sweep file (HOCON; see docs/sweeps.md).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key in every run (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "Runs at once (default: the file's parallel, auto = what the cores allow).")
    Integer parallel;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the sweep folder (default: the file's output.dir).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish this stopped sweep folder: keep completed runs, resume or restart the others.")
    Path resume;

    @Option(names = "--quiet", description = "Print only the final line.")
    boolean quiet;

    @Override
    public Integer call() {
        if (parallel != null && parallel < 1) {
            System.err.println("aegis: --parallel must be 1 or more");
            return 2;
        }
        if (resume != null && !Files.isDirectory(resume.resolve("runs"))) {
            System.err.println("aegis: " + resume + " is not a sweep folder (no runs/ in it)");
            return 2;
        }
        SweepFile sweep;
        List<RunSpec> runs;
        try {
            sweep = SweepFile.parse(file);
            runs = SweepPlan.expand(sweep, overrides);
        } catch (SweepException e) {
            e.problems().forEach(p -> System.err.println(p));
            return 2;
        }
        Path dir;
        try {
            dir = resume != null ? resume : newSweepDir(out != null ? out : Path.of(sweep.outputDir()), sweep.name());
            if (resume == null) {
                Files.copy(file, dir.resolve("sweep.conf"));
            }
        } catch (IOException e) {
            System.err.println("aegis: cannot create the sweep folder: " + e.getMessage());
            return 2;
        }
        int perRunMb = runs.stream().mapToInt(r -> SweepRunner.Settings.memoryPerRunMb(r.scenario().dataset().name()))
                .max().orElse(768);
        SweepRunner.Settings settings = SweepRunner.Settings.forMachine(parallel != null ? parallel : sweep.parallel(),
                runs.size(), perRunMb, ProgressMode.detect(quiet));
        SweepRunner runner = new SweepRunner(sweep.name(), sweep.base(),
                sweep.grid().stream().map(SweepFile.Axis::key).toList(), runs, dir, settings, System.out);
        Runnable restore = Signals.onInterrupt(runner::interrupt);
        try {
            return runner.run(resume != null);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("aegis: sweep stopped: " + e.getMessage());
            return 1;
        } finally {
            restore.run();
        }
    }

    /** {@code <out>/<name>-<yyyyMMdd-HHmmss>/}, suffixed -2, -3... if that second is taken. */
    static Path newSweepDir(Path out, String name) throws IOException {
        Files.createDirectories(out);
        String base = name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = out.resolve(base);
        for (int k = 2; ; k++) {
            try {
                Files.createDirectory(dir);
                Files.createDirectory(dir.resolve("runs"));
                return dir;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                dir = out.resolve(base + "-" + k);
            }
        }
    }

    /**
     * SIGINT and SIGTERM ask the sweep to stop (it passes the signal to its runs and waits for them)
     * instead of ending the JVM at once.
     */
    static final class Signals {
        private Signals() {}

        /** Installs the handler; the returned action puts the previous handlers back. */
        static Runnable onInterrupt(java.util.function.Consumer<String> handler) {
            List<Runnable> undo = new ArrayList<>();
            for (String name : List.of("INT", "TERM")) {
                try {
                    sun.misc.Signal signal = new sun.misc.Signal(name);
                    sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> handler.accept(s.getName()));
                    undo.add(() -> sun.misc.Signal.handle(signal, previous));
                } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                    // platform without this signal: the default (end the JVM) stays
                }
            }
            return () -> undo.forEach(Runnable::run);
        }
    }
}
