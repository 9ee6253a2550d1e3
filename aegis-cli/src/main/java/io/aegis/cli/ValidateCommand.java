package io.aegis.cli;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a scenario and prints every problem (file:line: key: message), or OK.",
                "Example: aegis validate scenarios/quickstart.conf --set server.rule=krum"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Problems go to the top-level handler (exit 2); warnings to standard error, and the scenario is still OK. */
    @Override
    public Integer call() throws ScenarioException {
        CliFiles.readableFile(scenario, "scenario file");
        ScenarioLoader.Checked checked = ScenarioLoader.check(scenario, overrides);
        PrintWriter err = spec.commandLine().getErr();
        checked.warnings().forEach(err::println);
        err.flush();
        Scenario s = checked.scenario();
        PrintWriter out = spec.commandLine().getOut();
        out.println("OK: " + s.name() + " (" + s.rounds() + " rounds, " + s.clients().total()
                + " clients, rule " + s.server().rule() + ")");
        out.flush();
        return 0;
    }
}
