package io.aegis.cli;

import io.aegis.scenario.ScenarioException;
import io.aegis.sim.Simulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues an interrupted run from the newest valid checkpoint in its folder.",
                "Refuses (exit status 2) a folder whose scenario.conf, model or data no longer match its checkpoint.",
                "Exit status: 0 completed, 1 failed, 2 bad input, 130 / 143 stopped again by SIGINT / SIGTERM.",
                "Example: aegis resume runs/quickstart-20260101-120000"})
public final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder to continue.")
    java.nio.file.Path runDir;

    @Override
    public Integer call() throws Exception {
        try {
            return RunEnding.runWithSignals(options -> {
                try (io.aegis.progress.RunProgress progress = new io.aegis.progress.RunProgress(System.out,
                        io.aegis.progress.ProgressMode.detect(false))) {
                    return Simulator.resume(runDir, options.withProgress(progress));
                }
            });
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
    }
}
