package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension, one world per test: injected as a parameter, fresh for each test, closed after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AegisWorldPerTestTest {
    static final AtomicInteger rulesBuilt = new AtomicInteger();

    @RegisterExtension
    static final AegisWorld world = AegisWorld.perTest(AegisTestKit.builder(Worlds.TEN_CLIENTS).override("rounds = 2")
            .ruleFactory(() -> {
                rulesBuilt.incrementAndGet();
                return new RoundViewTest.DropsFirstRow();
            }));

    static AegisTestKit earlier;

    @Test
    @Order(1)
    void theKitIsInjected(AegisTestKit kit) {
        assertSame(world.kit(), kit);
        RoundView r = kit.step();
        assertEquals(1, r.excludedCount(), "the factory's rule ran");
        earlier = kit;
    }

    @Test
    @Order(2)
    void theNextTestGetsAFreshWorldAndTheLastOneWasClosed(AegisTestKit kit) throws Exception {
        assertNotSame(earlier, kit);
        assertEquals(1, kit.nextRound());
        assertEquals(2, rulesBuilt.get(), "a new rule for each test's world");
        // completes only once the earlier world's actor system has terminated
        earlier.actorTestKit().system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
