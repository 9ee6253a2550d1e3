package io.aegis.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * clients.csv: what became of each selected client's update, one row per client and round
 * ({@code round,client,malicious,outcome}), so a report can draw who was selected, malicious and
 * excluded. The observer feeds it what it learns (which delivery token came from which client, who
 * was lost, which token came late) and hands it each closed round when it writes that round's row.
 * Outcomes: kept | excluded | invalid | late | lost. {@code malicious} is 1 or 0, empty when the
 * update never reached the channel's routing (lost before it) and so no ground truth came with it.
 */
public final class ClientsCsv implements AutoCloseable {
    public static final String FILE = "clients.csv";
    public static final String HEADER = "round,client,malicious,outcome";

    public record Row(int round, int client, Boolean malicious, String outcome) {}

    private static final class Round {
        final Map<Long, Integer> clientByToken = new HashMap<>();
        final Map<Integer, Boolean> malicious = new HashMap<>();
        final Set<Integer> lost = new TreeSet<>();
        final Set<Long> late = new HashSet<>();
    }

    private final Path file;
    private final TreeMap<Integer, Round> open = new TreeMap<>();
    private BufferedWriter out;

    private ClientsCsv(Path file) {
        this.file = file;
    }

    /** Nothing is touched on disk until the first round is written. */
    public static ClientsCsv in(Path runDir) {
        return new ClientsCsv(runDir.resolve(FILE));
    }

    public void routed(int round, long token, int client, boolean malicious) {
        Round r = round(round);
        r.clientByToken.put(token, client);
        r.malicious.put(client, malicious);
    }

    public void lost(int round, int client) {
        round(round).lost.add(client);
    }

    public void late(int round, long token) {
        round(round).late.add(token);
    }

    /** Writes the round's rows (clients in id order) from what the server received, kept and excluded. */
    public void closed(int round, long[] received, long[] valid, long[] excluded) {
        Round r = open.remove(round);
        if (r == null) {
            r = new Round();
        }
        Set<Long> rec = set(received);
        Set<Long> val = set(valid);
        Set<Long> exc = set(excluded);
        TreeMap<Integer, String> outcome = new TreeMap<>();
        for (Map.Entry<Long, Integer> e : r.clientByToken.entrySet()) {
            long t = e.getKey();
            String o = exc.contains(t) ? "excluded" : val.contains(t) ? "kept" : rec.contains(t) ? "invalid"
                    : r.late.contains(t) ? "late" : "lost";
            outcome.merge(e.getValue(), o, ClientsCsv::firstOf);
        }
        for (int c : r.lost) {
            outcome.putIfAbsent(c, "lost");
        }
        try {
            BufferedWriter w = writer(round);
            for (Map.Entry<Integer, String> e : outcome.entrySet()) {
                Boolean m = r.malicious.get(e.getKey());
                w.write(round + "," + e.getKey() + "," + (m == null ? "" : m ? "1" : "0") + "," + e.getValue());
                w.newLine();
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        open.headMap(round).clear(); // rounds before a written one will never be written
    }

    /** A client has one token per round; should two outcomes meet, the one that says the most wins. */
    private static String firstOf(String a, String b) {
        List<String> order = List.of("excluded", "kept", "invalid", "late", "lost");
        return order.indexOf(a) <= order.indexOf(b) ? a : b;
    }

    /** Opens the file at the first write; a resumed run drops rows from the round it restarts at on. */
    private BufferedWriter writer(int firstRound) throws IOException {
        if (out != null) {
            return out;
        }
        List<String> keep = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int comma = line.indexOf(',');
                try {
                    if (comma > 0 && Integer.parseInt(line.substring(0, comma)) < firstRound) {
                        keep.add(line);
                    }
                } catch (NumberFormatException header) {
                    // the header is written again below
                }
            }
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        out.write(HEADER);
        out.newLine();
        for (String line : keep) {
            out.write(line);
            out.newLine();
        }
        return out;
    }

    private Round round(int round) {
        return open.computeIfAbsent(round, k -> new Round());
    }

    private static Set<Long> set(long[] tokens) {
        Set<Long> s = new HashSet<>();
        if (tokens != null) {
            for (long t : tokens) {
                s.add(t);
            }
        }
        return s;
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The rows of a run folder's clients.csv, or null when it has none; malformed lines are skipped. */
    public static List<Row> read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(line -> {
                String[] c = line.split(",", -1);
                if (c.length < 4) {
                    return;
                }
                try {
                    Boolean m = c[2].isEmpty() ? null : c[2].equals("1");
                    rows.add(new Row(Integer.parseInt(c[0]), Integer.parseInt(c[1]), m, c[3].trim()));
                } catch (NumberFormatException malformed) {
                    // skipped
                }
            });
        }
        return rows;
    }
}
