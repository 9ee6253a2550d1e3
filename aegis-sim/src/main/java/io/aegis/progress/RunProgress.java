package io.aegis.progress;

import io.aegis.metrics.RoundRow;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of one run: {@code round i/N  accuracy a  excluded e (m malicious)  elapsed t  ETA t}.
 * LIVE rewrites one line in place; LINES prints a line every max(1, N/20) rounds, at the last round,
 * and whenever 30 seconds passed without one (a heartbeat covers rounds slower than that);
 * QUIET prints nothing. The ETA assumes the remaining rounds go at the pace of those done since start.
 */
public final class RunProgress implements RoundListener, AutoCloseable {
    static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final PrintStream out;
    private final ProgressMode mode;
    private final LongSupplier clock;
    private final ScheduledExecutorService heartbeat;
    private long startNanos;
    private long lastPrintNanos;
    private int firstRound = 1;
    private int rounds;
    private RoundRow last;
    private int liveWidth;

    public RunProgress(PrintStream out, ProgressMode mode) {
        this(out, mode, System::nanoTime, mode == ProgressMode.LINES);
    }

    /** For tests: a fake clock and no heartbeat thread. */
    RunProgress(PrintStream out, ProgressMode mode, LongSupplier clock, boolean heartbeatThread) {
        this.out = out;
        this.mode = mode;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
        if (heartbeatThread) {
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aegis-progress");
                t.setDaemon(true);
                return t;
            });
            heartbeat.scheduleAtFixedRate(this::beat, 5, 5, TimeUnit.SECONDS);
        } else {
            heartbeat = null;
        }
    }

    @Override
    public synchronized void started(String name, int firstRound, int rounds) {
        this.firstRound = firstRound;
        this.rounds = rounds;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    @Override
    public synchronized void roundWritten(RoundRow row) {
        last = row;
        long now = clock.getAsLong();
        switch (mode) {
            case LIVE -> live(line(now));
            case LINES -> {
                int every = Math.max(1, rounds / 20);
                if (row.round() % every == 0 || row.round() >= rounds || now - lastPrintNanos >= HEARTBEAT_NANOS) {
                    print(now);
                }
            }
            case QUIET -> { }
        }
    }

    /** Prints the latest state if 30 seconds passed without a line (a slow round). */
    synchronized void beat() {
        long now = clock.getAsLong();
        if (mode == ProgressMode.LINES && now - lastPrintNanos >= HEARTBEAT_NANOS) {
            print(now);
        }
    }

    private void print(long now) {
        out.println(line(now));
        out.flush();
        lastPrintNanos = now;
    }

    private void live(String text) {
        int pad = Math.max(0, liveWidth - text.length());
        out.print("\r" + text + " ".repeat(pad));
        out.flush();
        liveWidth = text.length();
    }

    /** The progress text at {@code now}. */
    synchronized String line(long now) {
        double elapsed = (now - startNanos) / 1e9;
        int done = last == null ? firstRound - 1 : last.round();
        int doneHere = done - (firstRound - 1);
        String eta = doneHere <= 0 ? "?" : Durations.format(elapsed / doneHere * (rounds - done));
        StringBuilder b = new StringBuilder();
        b.append("round ").append(done).append('/').append(rounds);
        if (last != null) {
            b.append("  accuracy ").append(Double.isNaN(last.accuracy()) ? "n/a"
                    : String.format(Locale.ROOT, "%.4f", last.accuracy()));
            b.append("  excluded ").append(last.excluded()).append(" (").append(last.maliciousExcluded())
                    .append(" malicious)");
        }
        b.append("  elapsed ").append(Durations.format(elapsed)).append("  ETA ").append(eta);
        return b.toString();
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        synchronized (this) {
            if (mode == ProgressMode.LIVE && liveWidth > 0) {
                out.println();
                out.flush();
                liveWidth = 0;
            }
        }
    }
}
