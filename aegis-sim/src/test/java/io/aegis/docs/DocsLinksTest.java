package io.aegis.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsLinksTest {

    private static Path projectRoot() {
        return Path.of(System.getProperty("aegis.project.dir", "")).toAbsolutePath().normalize();
    }

    @Test
    void everyRelativeLinkInTheRepositoryDocsResolvesAndNonePointsOutsideIt() {
        Path root = projectRoot();
        List<Path> docs = DocLinks.markdownFiles(root);
        assertTrue(docs.contains(root.resolve("README.md")), "the scan must see README.md, saw " + docs);
        assertTrue(docs.contains(root.resolve("docs/outputs.md")), "the scan must see docs/*.md");
        List<String> problems = DocLinks.check(root);
        assertEquals(List.of(), problems, "documentation problems:\n" + String.join("\n", problems));
    }

    @Test
    void aLinkToAMissingFileIsReportedWithFileAndLine(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.md"), "# A\n\nSee [b](b.md) and [readme](../README.md#top).\n");
        Files.writeString(root.resolve("README.md"), "[a](docs/a.md)\n");

        assertEquals(List.of("docs/a.md:3: broken link b.md (no docs/b.md)"), DocLinks.check(root));
    }

    @Test
    void pathsIntoSharedOrWorkAreReportedEvenInCodeAndEvenWhenTheyResolve(@TempDir Path root) throws IOException {
        Path repo = Files.createDirectories(root.resolve("repo"));
        Files.createDirectories(root.resolve("shared/spec"));
        Files.writeString(root.resolve("shared/spec/x.md"), "x\n");
        Files.writeString(repo.resolve("README.md"), String.join("\n",
                "The contract is [x](../shared/spec/x.md).",
                "```",
                "export AEGIS_DATA_DIR=/work/shared/datasets",
                "```",
                "Fine: a `shared/` cache, the work/ folder, [site](https://example.org/work/x).", ""));

        List<String> problems = DocLinks.check(repo);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("README.md:1: points outside the repository: ../shared"), problems.get(0));
        assertTrue(problems.get(1).startsWith("README.md:1: link ../shared/spec/x.md leaves the repository"), problems.get(1));
        assertTrue(problems.get(2).startsWith("README.md:3: points outside the repository: /work/"), problems.get(2));
    }

    @Test
    void linksInCodeAndExternalOrAnchorLinksAreNotFollowed(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "[anchor](#outputs) [web](https://example.org/none.md) [mail](mailto:a@b.c)",
                "`[not a link](missing.md)`",
                "```",
                "[also not](missing.md)",
                "```", ""));
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/generated.md"), "[gone](missing.md)\n");

        assertEquals(List.of(), DocLinks.check(root));
    }
}
