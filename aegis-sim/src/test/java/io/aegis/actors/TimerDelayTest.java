package io.aegis.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A delay drawn from a distribution can exceed what Pekko's scheduler accepts; the actors clamp it instead of throwing. */
class TimerDelayTest {

    @Test
    void delaysBeyondTheSchedulersReachAreClampedAndNonsenseBecomesZero() {
        Duration max = Server.seconds(Server.MAX_TIMER_SECONDS);
        assertEquals(max, Server.seconds(1e12), "a year-long delay waits as long as the scheduler allows");
        assertEquals(max, Server.seconds(Double.POSITIVE_INFINITY));
        assertEquals(Duration.ZERO, Server.seconds(Double.NaN));
        assertEquals(Duration.ZERO, Server.seconds(-3));
        assertEquals(Duration.ofMillis(1500), Server.seconds(1.5));
        // Pekko's LightArrayRevolverScheduler refuses more than Int.MaxValue ticks of 10 ms
        assertEquals(true, max.toMillis() / 10 < Integer.MAX_VALUE);
    }
}
