package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.util.Npy;
import io.aegis.util.NpyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AggregateCommandTest {
    private static final double[][] ROUND = {
            {1.0, 0.1, 0.0},
            {-2.0, 0.1, 0.0},
            {1.1, -0.1, 0.1},
            {0.9, 0.0, -0.1},
            {-1.5, 0.0, 0.2},
            {1.2, 0.2, 0.0},
            {1.0, 0.0, 0.1},
    };

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AggregateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path input(boolean float32) throws IOException {
        Path f = dir.resolve(float32 ? "u32.npy" : "u64.npy");
        Files.write(f, NpyFiles.matrix(ROUND, float32));
        return f;
    }

    @Test
    void medianOfBothDtypesIsWrittenAsFloat64Vector() throws IOException {
        for (boolean f32 : new boolean[] {true, false}) {
            Path result = dir.resolve("median" + f32 + ".npy");
            Run r = run("--rule", "median", "--in", input(f32).toString(), "--out", result.toString());
            assertEquals(0, r.code(), r.err());
            assertArrayEquals(new double[] {1.0, 0.0, 0.0}, Npy.readVector(result), 1e-7);
            assertTrue(new String(Files.readAllBytes(result), 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1).contains("<f8"));
        }
    }

    @Test
    void stpaExplainPrintsKeptClustersAndMaxCrossSimilarity() throws IOException {
        Path result = dir.resolve("stpa.npy");
        Run r = run("--rule", "stpa", "--param", "threshold=0.02", "--in", input(true).toString(), "--out", result.toString(), "--explain");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("[0,2,3,5,6]", json.get("kept").toString());
        assertEquals("[1,4]", json.get("excluded").toString());
        assertEquals("[[0,2,3,5,6],[1,4]]", json.get("clusters").toString());
        assertTrue(json.get("maxCrossSimilarity").asDouble() < 0, r.out());
        assertArrayEquals(new double[] {1.0, 0.0, 0.0}, Npy.readVector(result), 1e-7);
    }

    @Test
    void shortParamNamesMapToTheRulesScenarioKeys() throws IOException {
        Path result = dir.resolve("krum.npy");
        Run r = run("--rule", "multi-krum", "--param", "f=1", "--param", "m=2", "--in", input(false).toString(),
                "--out", result.toString(), "--explain");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.get("kept").size());
        assertEquals(1, json.get("f").asInt());
    }

    @Test
    void badInputsExitWithOneClearLine() throws IOException {
        Path result = dir.resolve("x.npy");
        Run unknownParam = run("--rule", "krum", "--param", "g=1", "--in", input(true).toString(), "--out", result.toString());
        assertEquals(2, unknownParam.code());
        assertTrue(unknownParam.err().contains("did you mean 'f'"), unknownParam.err());
        Run tooFew = run("--rule", "krum", "--param", "f=3", "--in", input(true).toString(), "--out", result.toString());
        assertEquals(2, tooFew.code());
        assertTrue(tooFew.err().contains("2f + 2"), tooFew.err());
        Path broken = dir.resolve("broken.npy");
        Files.write(broken, new byte[] {1, 2, 3});
        Run bad = run("--rule", "median", "--in", broken.toString(), "--out", result.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("broken.npy") && bad.err().contains("ends inside"), bad.err());
        Run unknownRule = run("--rule", "medain", "--in", input(true).toString(), "--out", result.toString());
        assertEquals(2, unknownRule.code());
        assertTrue(unknownRule.err().contains("did you mean 'median'"), unknownRule.err());
        Path nan = dir.resolve("nan.npy");
        Files.write(nan, NpyFiles.matrix(new double[][] {{1, Double.NaN}, {2, 3}}, false));
        Run nanRun = run("--rule", "median", "--in", nan.toString(), "--out", result.toString());
        assertEquals(2, nanRun.code());
        assertTrue(nanRun.err().contains("row 0, column 1"), nanRun.err());
    }
}
