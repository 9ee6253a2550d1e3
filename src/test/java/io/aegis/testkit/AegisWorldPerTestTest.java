package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension, one world per test: injected as a parameter, fresh for each test, closed after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AegisWorldPerTestTest {
    @RegisterExtension
    static final AegisWorld world = AegisWorld.perTest(AegisTestKit.builder(Worlds.TEN_CLIENTS).override("rounds = 2"));

    static AegisTestKit earlier;

    @Test
    @Order(1)
    void theKitIsInjected(AegisTestKit kit) {
        assertSame(world.kit(), kit);
        kit.step();
        earlier = kit;
    }

    @Test
    @Order(2)
    void theNextTestGetsAFreshWorldAndTheLastOneWasClosed(AegisTestKit kit) throws Exception {
        assertNotSame(earlier, kit);
        assertEquals(1, kit.nextRound());
        // completes only once the earlier world's actor system has terminated
        earlier.actorTestKit().system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
