package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Issue 11: a user's Jackson or slf4j of the wrong line fails kit start-up with one sentence naming both versions. */
class ClasspathCheckTest {

    @Test
    void jacksonOfTheTwoTwentyOneLineIsAccepted() {
        assertNull(ClasspathCheck.jacksonProblem(new Version(2, 21, 6, null, "com.fasterxml.jackson.core", "jackson-core"), "jackson-core"));
        assertNull(ClasspathCheck.jacksonProblem(new Version(2, 21, 0, null, null, null), "jackson-databind"));
    }

    @Test
    void aSpringBomsJacksonIsRefusedInOneSentenceNamingFoundAndNeeded() {
        String problem = ClasspathCheck.jacksonProblem(new Version(2, 17, 2, null, "com.fasterxml.jackson.core", "jackson-databind"),
                "jackson-databind");
        assertTrue(problem.contains("needs Jackson 2.21.x") && problem.contains("jackson-databind 2.17.2"), problem);
        assertEquals(-1, problem.indexOf('\n'), problem);
    }

    @Test
    void slf4jOnePointSevenIsRefusedAndTheBuildsOwnIsAccepted() throws Exception {
        assertNull(ClasspathCheck.slf4jProblem(getClass().getClassLoader()));
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertTrue(ClasspathCheck.slf4jProblem(empty).contains("needs slf4j-api 2.0.x"));
        }
    }

    @Test
    void theBuildsOwnClassPathPasses() {
        ClasspathCheck.require();
    }
}
