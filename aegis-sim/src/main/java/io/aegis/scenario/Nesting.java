package io.aegis.scenario;

/**
 * Finds HOCON text nested deeper than any scenario needs, before the recursive parser meets it:
 * where the parser's stack overflows depends on the JIT, so only a limit checked here gives the
 * same answer, with a line number, every time.
 */
final class Nesting {
    /** Far beyond real scenarios (about 4 levels), far below what the parser's stack survives. */
    static final int MAX_DEPTH = 100;

    private Nesting() {}

    /** The 1-based line where {@link #MAX_DEPTH} is exceeded, or -1. Skips strings and comments. */
    static int tooDeepAt(String text) {
        int depth = 0;
        int line = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '"') {
                if (text.startsWith("\"\"\"", i)) {
                    int end = text.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? n : end;
                    line += count(text, i, end);
                    i = end + 2;
                } else {
                    i++;
                    while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                        if (text.charAt(i) == '\\') {
                            i++;
                        }
                        i++;
                    }
                    if (i < n && text.charAt(i) == '\n') {
                        line++;
                    }
                }
            } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                while (i + 1 < n && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return line;
                }
            } else if (c == '}' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
        return -1;
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
