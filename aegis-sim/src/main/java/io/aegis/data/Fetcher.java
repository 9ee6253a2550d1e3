package io.aegis.data;

import io.aegis.data.DataSource.Download;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Downloads a data set into {@code <dir>/<name>/}: each file from the first source that serves it
 * with a matching checksum, written to a ".part" file and moved into place only once verified.
 * Files already present and verified are not downloaded again, so running it after a manual
 * download just checks the files (and unpacks an archive). Once a host fails at the network level,
 * its other files are not tried, so an offline machine gets its answer quickly.
 */
public final class Fetcher {
    private static final long PROGRESS_STEP = 16L << 20;
    private final HttpClient http;
    private final PrintStream out;
    private final Duration timeout;

    public Fetcher(HttpClient http, PrintStream out, Duration timeout) {
        this.http = http;
        this.out = out;
        this.timeout = timeout;
    }

    public static Fetcher withDefaults(PrintStream out) {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15))
                .proxy(ProxySelector.getDefault())
                .build();
        return new Fetcher(http, out, Duration.ofSeconds(60));
    }

    /**
     * Fetches every file of {@code source}. {@code mirrors} are base URLs tried first, as
     * {@code <mirror>/<name>/<file>}.
     */
    public void fetch(DataSource source, Path dataDir, List<String> mirrors) throws FetchException {
        Path folder = dataDir.resolve(source.name());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new FetchException("cannot create " + folder.toAbsolutePath() + ": " + e, false);
        }
        List<String> failures = new ArrayList<>();
        boolean allUnreachable = true;
        Set<String> deadHosts = new HashSet<>();
        for (Download d : source.downloads()) {
            Attempt result = fetchOne(source, d, folder, mirrors, deadHosts);
            if (!result.ok) {
                failures.add("  " + d.file() + ":\n" + result.reasons.stream()
                        .map(r -> "    " + r).collect(Collectors.joining("\n")));
                allUnreachable &= result.unreachable;
            }
        }
        if (!failures.isEmpty()) {
            throw new FetchException(failureMessage(source, folder, failures, allUnreachable), allUnreachable);
        }
        out.println(source.name() + ": all files present and verified in " + folder.toAbsolutePath());
    }

    private Attempt fetchOne(DataSource source, Download d, Path folder, List<String> mirrors, Set<String> deadHosts) {
        Path target = folder.resolve(d.file());
        if (d.isArchive() && source.requiredFiles().stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)))) {
            out.println(d.file() + ": already unpacked in " + folder.resolve(d.extractPrefix()));
            return Attempt.success();
        }
        Path present = !d.isArchive() && d.file().endsWith(".gz") ? IdxFiles.locate(folder, d.file()) : target;
        if (Files.isRegularFile(present)) {
            String check = verify(present, d);
            if (check == null) {
                out.println(present.getFileName() + ": present, checksum verified");
                Attempt a = new Attempt();
                try {
                    unpackIfArchive(d, target, folder);
                    a.ok = true;
                } catch (IOException | MalformedDataException e) {
                    a.reasons.add(target + ": cannot unpack (" + e.getMessage() + ")");
                    a.unreachable = false;
                }
                return a;
            }
            out.println(present.getFileName() + ": present but " + check + "; downloading it again");
        }
        List<URI> urls = new ArrayList<>();
        for (String m : mirrors) {
            urls.add(URI.create(m.replaceAll("/+$", "") + "/" + source.name() + "/" + d.file()));
        }
        urls.addAll(d.urls());
        Attempt attempt = new Attempt();
        Path part = folder.resolve(d.file() + ".part");
        for (URI url : urls) {
            String host = url.getHost() + ":" + url.getPort();
            if (deadHosts.contains(host)) {
                attempt.reasons.add(url + ": skipped, its host was unreachable a moment ago");
                continue;
            }
            out.println(d.file() + ": downloading " + url);
            try {
                long bytes = download(url, part);
                String check = verify(part, d);
                if (check != null) {
                    attempt.reasons.add(url + ": " + check);
                    attempt.unreachable = false;
                    continue;
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                out.println(d.file() + ": " + bytes + " bytes, checksum verified");
                unpackIfArchive(d, target, folder);
                attempt.ok = true;
                return attempt;
            } catch (HttpStatusException e) {
                attempt.reasons.add(url + ": HTTP " + e.status);
                attempt.unreachable = false;
            } catch (MalformedDataException e) {
                attempt.reasons.add(url + ": " + e.getMessage());
                attempt.unreachable = false;
            } catch (IOException e) {
                boolean network = isNetworkFailure(e);
                if (network) {
                    deadHosts.add(host);
                }
                attempt.reasons.add(url + ": " + describe(e));
                attempt.unreachable &= network;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                attempt.reasons.add(url + ": interrupted");
                return attempt;
            } finally {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // a stale .part file is overwritten by the next attempt
                }
            }
        }
        return attempt;
    }

    private void unpackIfArchive(Download d, Path archive, Path folder) throws IOException {
        if (!d.isArchive()) {
            return;
        }
        List<Path> written = TarGz.extract(archive, d.extractPrefix(), folder);
        out.println(d.file() + ": unpacked " + written.size() + " files into " + folder.resolve(d.extractPrefix()));
        Files.delete(archive);
    }

    private long download(URI url, Path part) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new HttpStatusException(response.statusCode());
            }
            long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (OutputStream file = Files.newOutputStream(part)) {
                return copyWithProgress(body, file, expected);
            }
        }
    }

    /** Copies, printing a line every 16 MB so a slow 170 MB download does not look hung. */
    private long copyWithProgress(InputStream in, OutputStream file, long expected) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        long nextReport = PROGRESS_STEP;
        int n;
        while ((n = in.read(buf)) > 0) {
            file.write(buf, 0, n);
            total += n;
            if (total >= nextReport) {
                out.println("  ... " + (total >> 20) + " MB" + (expected > 0 ? " of " + (expected >> 20) + " MB" : ""));
                nextReport += PROGRESS_STEP;
            }
        }
        return total;
    }

    /** Null when a checksum matches, else what is wrong. */
    private static String verify(Path file, Download d) {
        try {
            for (Checksum c : d.checksums()) {
                if (c.matches(file)) {
                    return null;
                }
            }
            Checksum first = d.checksums().get(0);
            return "checksum mismatch (" + first.algorithm() + " " + Checksum.digest(file, first.algorithm(),
                    first.ofContent()) + ", expected " + d.checksums().stream().map(Checksum::toString)
                    .collect(Collectors.joining(" or ")) + ")";
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static boolean isNetworkFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException
                    || t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage() + " (no DNS?)";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "cannot connect (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "timed out (" + t.getClass().getSimpleName() + ")";
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
    }

    private static String failureMessage(DataSource source, Path folder, List<String> failures, boolean unreachable) {
        Path abs = folder.toAbsolutePath();
        StringBuilder sb = new StringBuilder();
        if (unreachable) {
            sb.append("Could not reach any source for ").append(source.name())
                    .append(": the network looks unreachable from here (offline, firewall or proxy).\n");
        } else {
            sb.append("Could not fetch ").append(source.name()).append(":\n");
        }
        sb.append(String.join("\n", failures)).append("\n\n");
        sb.append("To install it by hand, download into ").append(abs).append("/:\n");
        for (Download d : source.downloads()) {
            sb.append("  ").append(d.file()).append("  from ").append(d.urls().get(0)).append('\n');
        }
        if (!source.manualHint().isEmpty()) {
            sb.append(source.manualHint().replace("%s", abs.toString()).replace("%d", abs.getParent().toString()))
                    .append('\n');
        }
        sb.append("Then run `aegis fetch-data ").append(source.name()).append(" --dir ")
                .append(abs.getParent()).append("` again: it verifies the checksums")
                .append(source.downloads().stream().anyMatch(Download::isArchive) ? " and unpacks the archive." : ".");
        return sb.toString();
    }

    private static final class Attempt {
        boolean ok;
        boolean unreachable = true;
        final List<String> reasons = new ArrayList<>();

        static Attempt success() {
            Attempt a = new Attempt();
            a.ok = true;
            return a;
        }
    }

    private static final class HttpStatusException extends IOException {
        final int status;

        HttpStatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }
}
