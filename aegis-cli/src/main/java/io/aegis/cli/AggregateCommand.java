package io.aegis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.aegis.aggregation.AggregationResult;
import io.aegis.aggregation.RowSubsetRule;
import io.aegis.aggregation.Rules;
import io.aegis.aggregation.UpdateMatrix;
import io.aegis.scenario.Names;
import io.aegis.scenario.ServerRules;
import io.aegis.util.Npy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aegis aggregate}: applies one rule to an n x d .npy matrix of updates (one per row) and
 * writes the float64 aggregate, so anyone can check a rule against another implementation.
 * Parameters use the scenario's keys, short ({@code --param f=7} with krum is server.krum.f) or
 * dotted ({@code --param krum.f=7}, needed for STPA's inner rule unless the short key is unique).
 * For stpa the result is the spatial stage only: the temporal step needs a run's history.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Aggregate the rows of an n x d .npy array (float32/float64) with one rule; write a float64 .npy vector.",
                "Example: aegis aggregate --rule trimmed-mean --param trim-ratio=0.1 --in updates.npy --out result.npy --explain"})
public final class AggregateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rule", required = true, description = "One of: ${COMPLETION-CANDIDATES}", completionCandidates = RuleNames.class)
    String rule;

    @Option(names = "--param", description = "A rule parameter key=value (repeatable), e.g. f=7, trim-ratio=0.1, krum.f=3.")
    List<String> params = new ArrayList<>();

    @Option(names = "--in", required = true, description = "Input .npy file: n x d float32 or float64, one update per row.")
    Path in;

    @Option(names = "--out", required = true, description = "Output .npy file: the aggregate as a float64 vector of length d.")
    Path out;

    @Option(names = "--explain", description = "Print JSON to standard output: kept row indices and the rule's details.")
    boolean explain;

    static final class RuleNames extends ArrayList<String> {
        RuleNames() {
            super(Rules.NAMES);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            CliFiles.readableFile(in, "--in");
            CliFiles.writableFile(out, "--out");
            RowSubsetRule r = ServerRules.create(rule, serverBlock(rule, params));
            Npy.Matrix m = readUpdates(in);
            AggregationResult result = r.aggregate(new UpdateMatrix(m.data(), m.rows(), m.cols()));
            if (result.aggregate() == null) {
                throw new IllegalArgumentException(in + ": " + rule + " produced no aggregate");
            }
            Npy.writeVector(out, result.aggregate());
            if (explain) {
                PrintWriter o = spec.commandLine().getOut();
                o.println(explanation(r, m, result));
                o.flush();
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("aegis aggregate: " + e.getMessage());
            err.flush();
            return 2;
        } catch (NoSuchFileException e) {
            err.println("aegis aggregate: no such file: " + e.getFile());
            err.flush();
            return 2;
        }
    }

    private static Npy.Matrix readUpdates(Path file) throws IOException {
        Npy.Matrix m = Npy.readMatrix(file);
        if (m.rows() == 0) {
            throw new IllegalArgumentException(file + ": holds no updates (0 rows)");
        }
        if (m.cols() == 0) {
            throw new IllegalArgumentException(file + ": its updates have no coordinates (0 columns)");
        }
        float[] x = m.data();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(file + ": row " + (i / m.cols()) + ", column " + (i % m.cols())
                        + " is " + x[i] + "; updates must be finite");
            }
        }
        return m;
    }

    /** Turns key=value pairs into a server block; short keys resolve against the rule's (and STPA's inner rule's) parameters. */
    static Config serverBlock(String rule, List<String> params) {
        Config server = ConfigFactory.empty();
        if (!Rules.NAMES.contains(rule)) {
            return server; // Rules.create reports the unknown name
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param '" + p + "' must look like key=value");
            }
            String key = p.substring(0, eq).trim();
            if (key.startsWith("server.")) {
                key = key.substring("server.".length());
            }
            given.put(key, p.substring(eq + 1).trim());
        }
        List<String> allowed = new ArrayList<>(Rules.PARAMETERS.get(rule));
        if (rule.equals("stpa")) {
            String inner = given.getOrDefault("inner-rule", given.getOrDefault("stpa.inner-rule", Rules.DEFAULT_STPA_INNER));
            allowed.addAll(Rules.PARAMETERS.getOrDefault(inner, List.of()));
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            String path = resolve(rule, e.getKey(), allowed);
            server = server.withValue(path, ConfigValueFactory.fromAnyRef(e.getValue()));
        }
        return server;
    }

    private static String resolve(String rule, String key, List<String> allowed) {
        if (allowed.contains(key)) {
            return key;
        }
        List<String> matches = allowed.stream().filter(a -> a.substring(a.indexOf('.') + 1).equals(key)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("--param " + key + " is ambiguous for " + rule + "; use one of " + matches);
        }
        List<String> candidates = new ArrayList<>(allowed);
        allowed.forEach(a -> candidates.add(a.substring(a.indexOf('.') + 1)));
        throw new IllegalArgumentException("--param " + key + " is not a parameter of " + rule
                + (allowed.isEmpty() ? " (it takes none)" : Names.didYouMean(key, candidates)));
    }

    private static String explanation(RowSubsetRule r, Npy.Matrix m, AggregationResult result) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", r.name());
        json.put("n", m.rows());
        json.put("d", m.cols());
        json.put("kept", result.kept());
        boolean[] keep = new boolean[m.rows()];
        for (int k : result.kept()) {
            keep[k] = true;
        }
        json.put("excluded", java.util.stream.IntStream.range(0, m.rows()).filter(i -> !keep[i]).toArray());
        json.putAll(result.details());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    }

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new AggregateCommand()).execute(args));
    }
}
