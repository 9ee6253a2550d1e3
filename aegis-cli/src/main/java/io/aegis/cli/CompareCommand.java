package io.aegis.cli;

import io.aegis.report.ComparisonPage;
import io.aegis.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Draws one comparison page for any set of run folders: accuracy per round with one line per "
                + "rule (mean over seeds, min-max band), one small chart per setting, final accuracy mean ± std.",
                "Example: aegis compare runs/spambase-* --out spambase.html"})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run folders (each holds scenario.conf, rounds.csv, summary.json)")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "FILE", description = "the page to write (default: ${DEFAULT-VALUE})")
    Path out = Path.of("comparison.html");

    @Override
    public Integer call() {
        try {
            for (Path d : runDirs) {
                if (!Files.isDirectory(d) || !(Files.isRegularFile(d.resolve("scenario.conf"))
                        || Files.isRegularFile(d.resolve("rounds.csv")) || Files.isRegularFile(d.resolve("summary.json")))) {
                    throw new UserError(UserError.BAD_INPUT,
                            d + " is not a run folder (it has no scenario.conf, rounds.csv or summary.json)");
                }
            }
            ComparisonPage.write(runDirs, out);
            System.out.println("comparison of " + runDirs.size() + " runs: " + out);
            return 0;
        } catch (UserError e) {
            System.err.println("aegis: " + e.getMessage());
            return e.exitStatus();
        } catch (IOException e) {
            System.err.println("aegis: cannot write " + out + ": " + e.getMessage());
            return UserError.BAD_INPUT;
        }
    }
}
