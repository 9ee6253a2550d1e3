package io.aegis.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the Markdown files of a source tree: every relative link must name a file or folder that
 * exists, and no link or path may lead outside the repository into a machine's own folders
 * ({@code ../shared}, {@code /work}), which a clone does not have. Problems read
 * {@code file:line: message}.
 */
final class DocLinks {
    private DocLinks() {}

    /** Folders that hold build output, run output or data, never documentation. */
    private static final Set<String> SKIPPED = Set.of("target", "runs", "data", "node_modules");
    /** Inline links and images: [text](target) or [text](target "title"). */
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** Reference definitions: [name]: target */
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    /** A path into the folders a clone lacks, anywhere in the text (links, code, prose). */
    private static final Pattern OUTSIDE = Pattern.compile("(?<![\\w.-])((?:\\.\\./)+shared\\b|/work/)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    static List<String> check(Path root) {
        List<String> problems = new ArrayList<>();
        for (Path md : markdownFiles(root)) {
            problems.addAll(checkFile(root, md));
        }
        return problems;
    }

    static List<Path> markdownFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> !skipped(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String part = relative.getName(i).toString();
            if (part.startsWith(".") || SKIPPED.contains(part)) {
                return true;
            }
        }
        return false;
    }

    static List<String> checkFile(Path root, Path md) {
        List<String> lines;
        try {
            lines = Files.readAllLines(md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = root.relativize(md).toString();
        List<String> problems = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = name + ":" + (i + 1) + ": ";
            Matcher outside = OUTSIDE.matcher(line);
            while (outside.find()) {
                problems.add(where + "points outside the repository: " + outside.group(1));
            }
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String prose = INLINE_CODE.matcher(line).replaceAll("``");
            List<String> targets = new ArrayList<>();
            Matcher inline = INLINE.matcher(prose);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
            Matcher reference = REFERENCE.matcher(prose);
            if (reference.matches()) {
                targets.add(reference.group(1));
            }
            for (String target : targets) {
                String problem = problemOf(root, md, target);
                if (problem != null) {
                    problems.add(where + problem);
                }
            }
        }
        return problems;
    }

    private static String problemOf(Path root, Path md, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
            return null; // http:, https:, mailto: ... and anchors within the page
        }
        String path = target.replaceAll("[#?].*$", "");
        if (path.startsWith("/")) {
            return "absolute link " + target + " (link relative to the file, inside the repository)";
        }
        Path resolved = md.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root.normalize())) {
            return "link " + target + " leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "broken link " + target + " (no " + root.relativize(resolved) + ")";
        }
        return null;
    }
}
