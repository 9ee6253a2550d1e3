package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The extension's callbacks, driven by hand: a per-class world lives across tests and is closed after the class. */
class AegisWorldLifecycleTest {

    @Test
    void aPerClassWorldSurvivesEachTestAndIsClosedAfterTheClass() throws Exception {
        AegisWorld world = AegisWorld.perClass(AegisTestKit.builder(Worlds.TEN_CLIENTS));
        world.beforeAll(null);
        AegisTestKit kit = world.kit();
        world.beforeEach(null);
        world.afterEach(null);
        world.beforeEach(null);
        assertSame(kit, world.kit(), "the same world for the next test");
        world.afterEach(null);
        world.afterAll(null);
        kit.actorTestKit().system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, world::kit);
    }

    @Test
    void onlyTheTestKitModuleUsesJUnitInMainCode() throws Exception {
        Path root = Path.of(System.getProperty("aegis.project.dir", "."));
        List<Path> offenders = new java.util.ArrayList<>();
        for (String module : List.of("aegis-rules", "aegis-sim", "aegis-cli")) {
            Path main = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(main), main + " exists");
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> {
                            try {
                                return Files.readString(p).contains("org.junit");
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .forEach(offenders::add);
            }
        }
        assertTrue(offenders.isEmpty(), "JUnit is for the aegis-testkit module only: " + offenders);
    }
}
