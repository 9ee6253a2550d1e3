package io.aegis.cli;

import io.aegis.metrics.RunSummary;
import io.aegis.scenario.ScenarioException;
import io.aegis.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continues an interrupted run from the newest valid checkpoint in its folder.")
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(runDir.resolve("scenario.conf"))) {
            System.err.println("aegis: " + runDir + " is not a run folder (no scenario.conf)");
            return 2;
        }
        try {
            RunSummary s;
            try (io.aegis.progress.RunProgress progress = new io.aegis.progress.RunProgress(System.out,
                    io.aegis.progress.ProgressMode.detect(false))) {
                s = Simulator.resume(runDir, Simulator.Options.defaults().withProgress(progress));
            }
            System.out.printf(Locale.ROOT, "run resumed and finished: final accuracy %s%noutputs: %s%n",
                    s.finalAccuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", s.finalAccuracy()), s.runDir());
            return 0;
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return 2;
        } catch (IOException e) {
            System.err.println("aegis: " + e.getMessage());
            return 2;
        }
    }
}
