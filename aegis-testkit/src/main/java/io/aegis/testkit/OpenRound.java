package io.aegis.testkit;

import io.aegis.actors.Server;

/**
 * A round the test steps through by hand, like Pekko's {@code ManualTime}: the clients have been
 * asked to train, and the channel's copies wait, in simulated arrival order, until the test lets
 * them through. Get one from {@link AegisTestKit#openRound()}; finish it with {@link #close()}.
 *
 * <pre>{@code
 * OpenRound open = kit.openRound();
 * long forged = open.deliverNow(attack, 1_000);   // reaches the server before any client's upload
 * open.deliverNextArrival();                      // the earliest client upload
 * open.advanceToDeadline();                       // the rest before the deadline, then the deadline: the rule runs
 * RoundView r = open.close();                     // late copies, then the view
 * }</pre>
 */
public final class OpenRound {
    private final AegisTestKit kit;
    private final int round;
    private boolean deadlinePassed;
    private RoundView closed;

    OpenRound(AegisTestKit kit, int round) {
        this.kit = kit;
        this.round = round;
    }

    /** The round this is. */
    public int round() {
        return round;
    }

    /** Whether the deadline tick has reached the server (the rule has run). */
    public boolean deadlinePassed() {
        return deadlinePassed;
    }

    /**
     * Hands the server an update tagged with this round, now: before every copy not yet let through
     * (after the deadline it counts as late). Returns its fresh token.
     */
    public long deliverNow(float[] update, int samples) {
        long token = kit.freshToken(round);
        deliverNow(new Server.Update(round, token, update, samples));
        return token;
    }

    /** Hands the server any message now: any round tag, token, payload and sample count. */
    public void deliverNow(Server.Update update) {
        requireOpen();
        kit.handToServer(update);
    }

    /**
     * Lets the earliest client copy still held through to the server and returns it, or returns null
     * (letting nothing through) when the next thing due is the deadline. Waits for every selected
     * client to answer first (the channel holds the round until then).
     */
    public Server.Update deliverNextArrival() {
        requireOpen();
        if (deadlinePassed) {
            return null;
        }
        Server.Command next = kit.peekHeld(round);
        if (!(next instanceof Server.Update u)) {
            return null;
        }
        kit.passHeld();
        return u;
    }

    /**
     * Advances the virtual clock to the deadline: every copy due before it reaches the server, then
     * the deadline tick, and the server aggregates. Returns how many copies it let through.
     */
    public int advanceToDeadline() {
        requireOpen();
        int n = 0;
        while (!deadlinePassed) {
            Server.Command next = kit.peekHeld(round);
            kit.passHeld();
            if (next instanceof Server.Deadline) {
                deadlinePassed = true;
            } else {
                n++;
            }
        }
        return n;
    }

    /** Passes the deadline if it has not passed, lets the late copies through and returns the round's view. */
    public RoundView close() {
        if (closed != null) {
            return closed;
        }
        advanceToDeadline();
        closed = kit.finishRound(this);
        return closed;
    }

    private void requireOpen() {
        if (closed != null) {
            throw new IllegalStateException("round " + round + " is closed");
        }
    }
}
