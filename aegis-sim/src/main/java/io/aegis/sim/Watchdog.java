package io.aegis.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Notices a run that can make no progress. Progress is a new rounds.csv row, or any thread of the
 * run's actor system being busy (running, not parked): an actor handling a message, a client
 * training, the rule aggregating, the observer evaluating. A run in which nothing runs and no row
 * appears for longer than its limit is stuck for good: a message was lost or an actor waits for
 * one that will never come.
 */
final class Watchdog {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String[] threadPrefixes;
    private final long limitNanos;
    private long lastProgress = System.nanoTime();
    private int lastRows = -1;

    /**
     * @param systemName   the actor system whose dispatcher threads count as the run's own
     * @param limitSeconds how long the run may be idle with no new row
     */
    Watchdog(String systemName, double limitSeconds) {
        // dispatcher threads are named <system>-<dispatcher id>-<n>. Only the dispatchers that run the
        // simulation count: the remoting and cluster threads (a run is a cluster of one) sit in socket
        // reads that the JVM reports as RUNNABLE, and would make every stuck run look busy.
        this.threadPrefixes = new String[] {systemName + "-pekko.actor.default-dispatcher-",
                systemName + "-aegis.training-dispatcher-"};
        this.limitNanos = (long) (limitSeconds * 1e9);
    }

    /** Null while the run moves, else one sentence saying it is stuck. */
    String check(int rowsWritten) {
        long now = System.nanoTime();
        if (rowsWritten != lastRows || busy()) {
            lastRows = rowsWritten;
            lastProgress = now;
            return null;
        }
        if (now - lastProgress > limitNanos) {
            return String.format(java.util.Locale.ROOT,
                    "the run made no progress for %.0f s with %d rounds written: nothing ran and no round ended",
                    (now - lastProgress) / 1e9, rowsWritten);
        }
        return null;
    }

    private boolean busy() {
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 1)) {
            if (t != null && t.getThreadState() == Thread.State.RUNNABLE && ownThread(t.getThreadName())
                    && !waitingForIo(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A thread in a selector's native wait shows RUNNABLE but does nothing: every run is a cluster node,
     * and the remoting's I/O thread (pekko.io) sits in epoll for the whole run.
     */
    private static boolean waitingForIo(ThreadInfo t) {
        StackTraceElement[] top = t.getStackTrace();
        return top.length > 0 && top[0].isNativeMethod() && top[0].getClassName().startsWith("sun.nio.ch.");
    }

    private boolean ownThread(String name) {
        for (String p : threadPrefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
