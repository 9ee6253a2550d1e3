package io.aegis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testkit.md's example is exactly CustomRuleExampleTest (from its imports on), which compiles and passes. */
class TestkitDocInSyncTest {

    @Test
    void theDocsExampleIsTheExampleTestWordForWord() throws Exception {
        Path project = Path.of(System.getProperty("aegis.project.dir", "."));
        String doc = Files.readString(project.resolve("docs/testkit.md"));
        String source = Files.readString(project.resolve("src/test/java/io/aegis/testkit/CustomRuleExampleTest.java"));
        int open = doc.indexOf("```java\n");
        assertTrue(open >= 0, "docs/testkit.md has a java example");
        int close = doc.indexOf("```", open + 8);
        String example = doc.substring(open + 8, close);
        assertEquals(source.substring(source.indexOf("import ")), example,
                "copy src/test/java/io/aegis/testkit/CustomRuleExampleTest.java (from its first import) into docs/testkit.md");
    }
}
