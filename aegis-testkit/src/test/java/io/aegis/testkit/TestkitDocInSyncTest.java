package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/testkit.md's example is exactly the example project examples/custom-rule (the rule, then its
 * test, each from its imports on), which CI builds and tests against the installed modules.
 */
class TestkitDocInSyncTest {
    private static final String EXAMPLE = "examples/custom-rule/src/";

    @Test
    void theDocsExampleIsTheExampleProjectWordForWord() throws Exception {
        Path project = Path.of(System.getProperty("aegis.project.dir", "."));
        String doc = Files.readString(project.resolve("docs/testkit.md"));
        int at = 0;
        for (String file : new String[] {"main/java/com/example/rules/NormFilteredMean.java",
                "test/java/com/example/rules/NormFilteredMeanTest.java"}) {
            String source = Files.readString(project.resolve(EXAMPLE + file));
            int open = doc.indexOf("```java\n", at);
            assertTrue(open >= 0, "docs/testkit.md shows " + file + " in a java block");
            int close = doc.indexOf("```", open + 8);
            assertEquals(source.substring(source.indexOf("import ")), doc.substring(open + 8, close),
                    "copy " + EXAMPLE + file + " (from its first import) into docs/testkit.md");
            at = close + 3;
        }
    }
}
