package io.aegis.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A churn trace: a CSV with a header {@code client,from,to} and one row per interval of rounds
 * (inclusive) during which that client is online. A client with rows is offline outside them; a
 * client the trace never names is always online, so a trace may describe only part of a population.
 */
public final class Availability {
    private final Map<Integer, List<int[]>> intervals;

    private Availability(Map<Integer, List<int[]>> intervals) {
        this.intervals = intervals;
    }

    public static Availability read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<Integer, List<int[]>> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("client")) {
                continue;
            }
            String[] parts = line.split(",", -1); // keep an empty "to" (open interval)
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                int client = Integer.parseInt(parts[0].trim());
                int from = Integer.parseInt(parts[1].trim());
                String toText = parts[2].trim();
                int to = toText.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(toText);
                if (client < 0 || from < 1 || to < from) {
                    throw new NumberFormatException();
                }
                map.computeIfAbsent(client, k -> new ArrayList<>()).add(new int[] {from, to});
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'client,from,to' with client >= 0 and "
                        + "1 <= from <= to (to may be empty = to the end), got '" + line + "'");
            }
        }
        return new Availability(map);
    }

    public boolean isOnline(int client, int round) {
        List<int[]> list = intervals.get(client);
        if (list == null) {
            return true;
        }
        for (int[] iv : list) {
            if (round >= iv[0] && round <= iv[1]) {
                return true;
            }
        }
        return false;
    }

    /** Largest client id the trace names, or -1. */
    public int maxClient() {
        return intervals.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }
}
