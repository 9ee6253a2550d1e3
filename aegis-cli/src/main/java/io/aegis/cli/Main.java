package io.aegis.cli;

import io.aegis.scenario.ScenarioException;
import io.aegis.util.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aegis} command line. Every failure ends in one sentence on standard error and a
 * documented exit status, never a stack trace unless {@code --debug} (or AEGIS_DEBUG) asks for it:
 * 0 ok, 1 the run failed or an internal error, 2 bad input or usage, 130 / 143 interrupted.
 */
@Command(name = "aegis", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Actor-based simulator for Byzantine-robust federated learning.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:ok", "1:the run failed, or an internal error", "2:bad input or usage",
                "130:interrupted (SIGINT)", "143:terminated (SIGTERM)"},
        subcommands = {RunCommand.class, ValidateCommand.class, ResumeCommand.class, SweepCommand.class, CompareCommand.class,
                AggregateCommand.class, FetchDataCommand.class, NodeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Global: inherited by every subcommand, so {@code aegis run --debug} and {@code aegis --debug run} both work. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print the full stack trace (also: environment variable AEGIS_DEBUG=1).")
    boolean debug;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; tests set its err writer to capture what a user would see. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        CommandLine bench = new CommandLine(new Bench());
        bench.addSubcommand("train", new BenchTrainCommand());
        bench.addSubcommand("aggregate", new BenchAggregateCommand());
        bench.addSubcommand("round", new BenchRoundCommand());
        cli.addSubcommand("bench", bench);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(Main::onException);
        cli.setParameterExceptionHandler(Main::onUsageError);
        return cli;
    }

    /** A mistake on the command line: one sentence and where to read the usage, exit 2. */
    static int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (debugRequested(args)) {
            e.printStackTrace(err);
        }
        err.println("aegis: " + oneLine(e.getMessage()) + " (see '" + typedName(cmd) + " --help')");
        err.flush();
        return UserError.BAD_INPUT;
    }

    /** The command as typed ("aegis bench aggregate"), from the names it was registered under. */
    private static String typedName(CommandLine cmd) {
        StringBuilder b = new StringBuilder();
        for (CommandLine c = cmd; c != null; c = c.getParent()) {
            b.insert(0, c.getParent() == null ? "aegis" : " " + c.getCommandName());
        }
        return b.toString();
    }

    static int onException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean debug = debugRequested(parsed == null ? new String[0]
                : parsed.originalArgs().toArray(new String[0]));
        if (debug) {
            e.printStackTrace(err);
        }
        int status = report(e, err);
        err.flush();
        return status;
    }

    /** Writes the one-sentence form of {@code e} and returns its exit status. */
    static int report(Throwable e, PrintWriter err) {
        Throwable t = userCause(unwrap(e));
        if (t instanceof UserError u) {
            err.println("aegis: " + oneLine(u.getMessage()));
            return u.exitStatus();
        }
        if (t instanceof ScenarioException s) {
            s.problems().forEach(err::println);
            return UserError.BAD_INPUT;
        }
        if (t instanceof CommandLine.ParameterException p) {
            err.println("aegis: " + oneLine(p.getMessage()));
            return UserError.BAD_INPUT;
        }
        if (t instanceof OutOfMemoryError) {
            err.println("aegis: out of memory (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB); give Java more with AEGIS_JAVA_OPTS=-Xmx<size> or make the scenario smaller");
            return INTERNAL_ERROR;
        }
        err.println("aegis: internal error: " + t.getClass().getName() + ": " + oneLine(String.valueOf(t.getMessage()))
                + " (run with --debug for the stack trace)");
        return INTERNAL_ERROR;
    }

    /** Picocli and reflection wrap what the command threw; the cause is what the user should read. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CommandLine.ExecutionException || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A user error anywhere in the cause chain (a run wraps what failed inside it) is what the user should read. */
    private static Throwable userCause(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 20; c = c.getCause(), depth++) {
            if (c instanceof UserError || c instanceof ScenarioException) {
                return c;
            }
        }
        return e;
    }

    static boolean debugRequested(String[] args) {
        String env = System.getenv("AEGIS_DEBUG");
        if (env != null && !env.isBlank() && !env.equals("0") && !env.equalsIgnoreCase("false")) {
            return true;
        }
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(String s) {
        String t = String.valueOf(s).replaceAll("\\s*[\\r\\n]+\\s*", " ").replace('\t', ' ').strip();
        return t.length() > 2000 ? t.substring(0, 2000) + "..." : t;
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
