package io.aegis.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalTest {

    @Test
    void inverseCdfMatchesPublishedQuantiles() {
        assertEquals(0.0, Normal.inverseCdf(0.5), 0.0);
        assertEquals(1.959963984540054, Normal.inverseCdf(0.975), 1e-14);
        assertEquals(-1.959963984540054, Normal.inverseCdf(0.025), 1e-14);
        assertEquals(2.326347874040841, Normal.inverseCdf(0.99), 1e-14);
        assertEquals(3.090232306167814, Normal.inverseCdf(0.999), 1e-13);
        assertEquals(1.0, Normal.inverseCdf(0.8413447460685429), 1e-14);
        assertEquals(-6.361340902404056, Normal.inverseCdf(1e-10), 1e-12);
        assertEquals(7.034486910047836, Normal.inverseCdf(1 - 1e-12), 1e-6); // 1 - 1e-12 is inexact in binary
        // the far tail (sqrt(-log p) > 5) uses the third rational approximation
        assertEquals(-9.262340089798405, Normal.inverseCdf(1e-20), 1e-12);
        assertEquals(-37.0470962993612, Normal.inverseCdf(1e-300), 1e-10);
    }

    @Test
    void inverseCdfIsOddAroundOneHalfAcrossAllThreeRegions() {
        for (double p : new double[] {0.3, 0.07, 0.001, 1e-5}) {
            assertEquals(-Normal.inverseCdf(p), Normal.inverseCdf(1 - p), 1e-9 * Math.max(1, Math.abs(Normal.inverseCdf(p))), "p=" + p);
        }
    }

    @Test
    void inverseCdfHasInfiniteEndsAndNanOutsideTheUnitInterval() {
        assertEquals(Double.NEGATIVE_INFINITY, Normal.inverseCdf(0.0));
        assertEquals(Double.POSITIVE_INFINITY, Normal.inverseCdf(1.0));
        assertTrue(Double.isNaN(Normal.inverseCdf(-0.1)));
        assertTrue(Double.isNaN(Normal.inverseCdf(1.5)));
        assertTrue(Double.isNaN(Normal.inverseCdf(Double.NaN)));
    }
}
