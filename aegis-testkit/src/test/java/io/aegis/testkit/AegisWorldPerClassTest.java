package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension, one world per class: the same kit in every test, its rounds going on in order. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AegisWorldPerClassTest {
    @RegisterExtension
    static final AegisWorld world = AegisWorld.perClass(AegisTestKit.builder(Worlds.TEN_CLIENTS));

    static AegisTestKit first;

    @Test
    @Order(1)
    void roundOne(AegisTestKit kit) {
        first = kit;
        assertEquals(1, kit.step().round());
    }

    @Test
    @Order(2)
    void theWorldGoesOnInTheNextTest(AegisTestKit kit) {
        assertSame(first, kit);
        assertEquals(2, kit.step().round());
    }
}
