package io.aegis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aegis} command line. */
@Command(name = "aegis", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Actor-based simulator for Byzantine-robust federated learning.",
        subcommands = {RunCommand.class, ValidateCommand.class, ResumeCommand.class, SweepCommand.class, CompareCommand.class,
                AggregateCommand.class, FetchDataCommand.class, NodeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        CommandLine bench = new CommandLine(new Bench());
        bench.addSubcommand("train", new BenchTrainCommand());
        bench.addSubcommand("aggregate", new BenchAggregateCommand());
        bench.addSubcommand("round", new BenchRoundCommand());
        cli.addSubcommand("bench", bench);
        return cli.setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Speed benchmarks: 'bench train' (local training), 'bench aggregate' (the rules), 'bench round' (where a simulated round's time goes).")
    static final class Bench implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"aegis " + (v == null ? "0.1.0" : v)};
        }
    }
}
