package io.aegis.sim;

import io.aegis.actors.Checkpoint;
import io.aegis.metrics.RoundRow;
import io.aegis.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run folder can be resumed from: its newest valid checkpoint and the rows of rounds.csv up
 * to it. Anything that would make the resumed run differ from an uninterrupted one is refused with
 * one sentence (exit status 2): no run folder, no rounds.csv, rows missing below the checkpoint.
 */
final class ResumePoint {
    private static final Logger LOG = LoggerFactory.getLogger(ResumePoint.class);

    private final Path runDir;
    private final Checkpoint checkpoint;
    private final List<RoundRow> rows;

    private ResumePoint(Path runDir, Checkpoint checkpoint, List<RoundRow> rows) {
        this.runDir = runDir;
        this.checkpoint = checkpoint;
        this.rows = rows;
    }

    /** The checkpoint to continue from, or null when the run stopped before its first row (it starts over). */
    Checkpoint checkpoint() {
        return checkpoint;
    }

    static ResumePoint of(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new UserError(UserError.BAD_INPUT, runDir + " is not a directory");
        }
        if (!Files.isRegularFile(runDir.resolve("scenario.conf"))) {
            throw new UserError(UserError.BAD_INPUT, runDir + " is not a run folder: it has no scenario.conf");
        }
        Path csv = runDir.resolve("rounds.csv");
        if (!Files.isRegularFile(csv)) {
            throw new UserError(UserError.BAD_INPUT, runDir + " has no rounds.csv, so the rounds already run are unknown"
                    + " and the run cannot be resumed");
        }
        List<RoundRow> rows = readRows(csv);
        Checkpoint cp = Checkpoint.latest(runDir, LOG::warn).orElse(null);
        if (cp == null) {
            if (rows.isEmpty()) {
                return new ResumePoint(runDir, null, rows);
            }
            throw new UserError(UserError.BAD_INPUT, "no valid checkpoint in " + runDir
                    + " (checkpoint.every was 0 when it stopped, or every checkpoint is damaged)");
        }
        List<RoundRow> kept = rows.stream().filter(r -> r.round() <= cp.round()).toList();
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).round() != i + 1) {
                throw new UserError(UserError.BAD_INPUT, "rounds.csv in " + runDir + " lacks the row of round " + (i + 1)
                        + ", so the run cannot be resumed");
            }
        }
        if (kept.size() < cp.round()) {
            throw new UserError(UserError.BAD_INPUT, "rounds.csv in " + runDir + " holds " + kept.size()
                    + " rows but its checkpoint is of round " + cp.round() + ", so the run cannot be resumed");
        }
        return new ResumePoint(runDir, cp, kept);
    }

    /** The rows up to a damaged one (an interrupted write) or the end. */
    private static List<RoundRow> readRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).startsWith("round,accuracy,")) {
            throw new UserError(UserError.BAD_INPUT, csv + " is not an Aegis rounds.csv (its header is missing)");
        }
        List<RoundRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(RoundRow.parse(line));
            } catch (RuntimeException damaged) {
                break; // a row cut short by the interruption
            }
        }
        return rows;
    }

    /**
     * Rewrites rounds.csv with the header and the rows up to {@code round} (rows written after the
     * checkpoint are computed again); returns those rows.
     */
    List<RoundRow> keepRowsUpTo(int round) throws IOException {
        List<String> kept = new ArrayList<>();
        kept.add(RoundRow.HEADER);
        List<RoundRow> out = new ArrayList<>();
        for (RoundRow r : rows) {
            if (r.round() <= round) {
                kept.add(r.csv());
                out.add(r);
            }
        }
        Path csv = runDir.resolve("rounds.csv");
        Path tmp = csv.resolveSibling("rounds.csv.tmp");
        Files.write(tmp, kept);
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return out;
    }
}
