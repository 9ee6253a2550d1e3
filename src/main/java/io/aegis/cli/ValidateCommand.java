package io.aegis.cli;

import io.aegis.scenario.Scenario;
import io.aegis.scenario.ScenarioException;
import io.aegis.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() {
        if (!Files.isRegularFile(scenario)) {
            System.err.println("aegis: scenario file not found: " + scenario);
            return 2;
        }
        try {
            Scenario s = ScenarioLoader.load(scenario, overrides);
            System.out.println("OK: " + s.name() + " (" + s.rounds() + " rounds, " + s.clients().total()
                    + " clients, rule " + s.server().rule() + ")");
            return 0;
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return 2;
        }
    }
}
