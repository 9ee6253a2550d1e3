package io.aegis.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.aegis.aggregation.Rules;
import io.aegis.model.TrainingParams;
import io.aegis.scenario.Fields.Node;
import io.aegis.scenario.Scenario.AdversaryGroup;
import io.aegis.scenario.Scenario.Behavior;
import io.aegis.scenario.Scenario.ChurnSpec;
import io.aegis.scenario.Scenario.ClientsSpec;
import io.aegis.scenario.Scenario.DatasetSpec;
import io.aegis.scenario.Scenario.Event;
import io.aegis.scenario.Scenario.FaultRates;
import io.aegis.scenario.Scenario.FaultsSpec;
import io.aegis.scenario.Scenario.OutputSpec;
import io.aegis.scenario.Scenario.ServerSpec;
import io.aegis.scenario.Scenario.SyntheticSpec;
import io.aegis.scenario.Scenario.TargetedFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates a merged, resolved scenario against the spec and builds the {@link Scenario}. Every
 * key is read through {@link Fields}, which reports problems instead of throwing; the entries of
 * {@code adversaries}, {@code events} and {@code faults.targeted} are checked by
 * {@link EntryReader}; keys that no read visits and that {@code defaults.conf} lacks are unknown.
 */
final class ScenarioReader {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Keeps per-client arrays allocatable; far above any simulated population on one machine. */
    static final long MAX_CLIENTS = 10_000_000L;

    private final Config merged;
    private final ConfigObject schema;
    private final Fields f;
    private final Path folder;
    private final String defaultName;
    /** AEGIS_DATA_DIR when it replaced the default dataset.dir; written into scenario.conf. */
    private String dataDirFromEnv;

    ScenarioReader(Config merged, Config defaults, Fields fields, Path folder, String defaultName) {
        this.merged = merged;
        this.schema = defaults.root();
        this.f = fields;
        this.folder = folder;
        this.defaultName = defaultName;
    }

    /** The scenario, or null when a problem was reported. */
    Scenario read() {
        Node root = Fields.root(merged.root());
        Problems problems = f.problems();

        Node nameNode = f.at(root, "name");
        String name = f.string(nameNode, "");
        if (name.isEmpty()) {
            name = safeName(defaultName);
        } else {
            f.check(nameNode, SAFE_NAME.matcher(name).matches(), "'" + Fields.clip(name)
                    + "' is not safe as a folder name; use up to 100 letters, digits, '.', '_' and '-', starting"
                    + " with a letter or digit, e.g. '" + safeName(name) + "'");
        }
        long seed = f.integer(f.at(root, "seed"), Long.MIN_VALUE, Long.MAX_VALUE, 0);
        int rounds = (int) f.integer(f.at(root, "rounds"), 1, Integer.MAX_VALUE, 1);
        String clock = f.name(f.at(root, "clock"), KnownNames.CLOCKS, "clock", "virtual");

        DatasetSpec dataset = dataset(f.at(root, "dataset"));
        String model = model(f.at(root, "model"), f.path(root, "dataset.name"), dataset.name());
        TrainingParams training = training(f.at(root, "training"));
        ClientsSpec clients = clients(f.at(root, "clients"));
        Node deadlineNode = f.path(root, "round.deadline");
        double deadline = f.seconds(deadlineNode, 1);
        double schedulerMax = Limits.schedulerMaxSeconds();
        f.check(deadlineNode, deadline <= schedulerMax, "must be at most " + Limits.days(schedulerMax)
                + " (the longest delay the actor scheduler accepts), got "
                + (deadlineNode.present() ? Fields.clip(String.valueOf(deadlineNode.value().unwrapped())) : Limits.days(deadline)));
        ServerSpec server = server(f.at(root, "server"), f.path(root, "clients.per-round"), clients.perRound());

        int classes = switch (dataset.name()) {
            case "synthetic" -> dataset.synthetic().classes();
            case "spambase" -> 2;
            default -> 10;
        };
        EntryReader entries = new EntryReader(f, schema, merged, clients.total(), classes, rounds);
        entries.behaviorDefaults(f.at(root, "behaviors"));
        List<AdversaryGroup> adversaries = entries.adversaries(f.at(root, "adversaries"));
        ChurnSpec churn = churn(f.at(root, "churn"));
        List<Event> events = entries.events(f.at(root, "events"));
        FaultsSpec faults = faults(f.at(root, "faults"), entries);
        int checkpointEvery = (int) f.integer(f.path(root, "checkpoint.every"), 0, Integer.MAX_VALUE, 0);
        f.integer(f.path(root, "evaluation.every"), 1, Integer.MAX_VALUE, 1); // read by io.aegis.model.EvaluationSchedule
        f.integer(f.path(root, "evaluation.examples"), 0, Integer.MAX_VALUE, 0);
        Node output = f.at(root, "output");
        String outDir = f.string(f.at(output, "dir"), "runs");
        f.check(f.at(output, "dir"), !outDir.isBlank(), "must name a folder, got ''");
        boolean report = f.bool(f.at(output, "report"), true);

        unknownKeys(root, merged.root(), schema);
        if (!problems.isEmpty()) {
            return null;
        }
        Sizes.check(f, root, dataset, model, clients, training);
        if (!problems.isEmpty()) {
            return null;
        }

        // scenario.conf must repeat the run by itself: the derived name and the trace's absolute path go in
        Config config = merged.withValue("name", ConfigValueFactory.fromAnyRef(name, "run name"));
        if (dataDirFromEnv != null) {
            config = config.withValue("dataset.dir", ConfigValueFactory.fromAnyRef(dataDirFromEnv, "AEGIS_DATA_DIR"));
        }
        if (churn.traceFile() != null) {
            config = config.withValue("churn.trace", ConfigValueFactory.fromAnyRef(churn.traceFile(), "resolved trace path"));
        }
        return new Scenario(name, seed, rounds, Scenario.ClockMode.valueOf(clock.toUpperCase(Locale.ROOT)), dataset,
                model, training, clients, deadline, server, adversaries, churn, events, faults, checkpointEvery,
                new OutputSpec(outDir, report), config);
    }

    private DatasetSpec dataset(Node d) {
        String name = f.name(f.at(d, "name"), KnownNames.DATASETS, "dataset", "synthetic");
        Node dirNode = f.at(d, "dir");
        String dir = f.string(dirNode, "data");
        f.check(dirNode, !dir.isBlank(), "must name a folder, got ''");
        // An explicit dataset.dir (scenario file or --set) wins; AEGIS_DATA_DIR only replaces the default.
        String env = dataDirFromEnvironment();
        if (env != null && (!dirNode.present() || f.problems().fromDefaults(dirNode.origin()))) {
            dir = env;
            dataDirFromEnv = env;
        }
        Node partitionNode = f.at(d, "partition");
        String partition = f.name(partitionNode, KnownNames.PARTITIONS, "partition", "iid");
        // Synthetic clients' data are generated per client, never pooled and split, so a label split
        // would be silently ignored: a run that looks non-IID by label would not be.
        f.check(partitionNode, !name.equals("synthetic") || partition.equals("iid")
                        || f.problems().fromDefaults(partitionNode.origin()),
                "'" + partition + "' does not apply to the synthetic data set, whose clients' data are generated"
                        + " per client: its heterogeneity comes from dataset.synthetic.iid = false with alpha and beta;"
                        + " split by label a published data set (mnist, fashion-mnist, spambase, cifar10)");
        double alpha = f.number(f.at(d, "dirichlet-alpha"), 0, true, Double.MAX_VALUE, 0.5);
        int shards = (int) f.integer(f.at(d, "shards-per-client"), 1, 1_000_000, 1);
        Node s = f.at(d, "synthetic");
        SyntheticSpec synthetic = new SyntheticSpec(
                f.number(f.at(s, "alpha"), 0, false, Double.MAX_VALUE, 0),
                f.number(f.at(s, "beta"), 0, false, Double.MAX_VALUE, 0),
                (int) f.integer(f.at(s, "dimension"), 1, 1_000_000, 1),
                (int) f.integer(f.at(s, "classes"), 2, 100_000, 2),
                f.bool(f.at(s, "iid"), false));
        if (!f.isBad(partitionNode)) {
            if (!partition.equals("dirichlet")) {
                f.warnUserSet(f.at(d, "dirichlet-alpha"), "has no effect: dataset.partition is " + partition
                        + " (dirichlet-alpha applies to partition = dirichlet)");
            }
            if (!partition.equals("shards")) {
                f.warnUserSet(f.at(d, "shards-per-client"), "has no effect: dataset.partition is " + partition
                        + " (shards-per-client applies to partition = shards)");
            }
        }
        if (!name.equals("synthetic")) {
            f.warnUserSet(s, "has no effect: dataset.name is " + name);
        } else if (synthetic.iid()) {
            String why = "has no effect: dataset.synthetic.iid = true gives every client the same model and inputs";
            f.warnUserSet(f.at(s, "alpha"), why);
            f.warnUserSet(f.at(s, "beta"), why);
        }
        return new DatasetSpec(name, dir, partition, alpha, shards, synthetic);
    }

    private String model(Node m, Node datasetNode, String dataset) {
        String model = f.name(m, KnownNames.MODELS, "model", "auto");
        if (model.equals("auto")) {
            return KnownNames.autoModel(dataset);
        }
        List<String> fits = KnownNames.datasetsFor(model);
        if (!fits.contains(dataset) && !f.isBad(datasetNode)) {
            Node blame = blame(m, datasetNode);
            f.report(blame, "model " + model + " takes the images of " + String.join(" or ", fits)
                    + ", not dataset " + dataset + "; use mlp, logreg or model = auto");
        }
        return model;
    }

    private TrainingParams training(Node t) {
        return new TrainingParams(
                (int) f.integer(f.at(t, "local-steps"), 1, 1_000_000, 1),
                (int) f.integer(f.at(t, "batch-size"), 1, 1_000_000, 1),
                f.number(f.at(t, "learning-rate"), 0, true, Double.MAX_VALUE, 0.01));
    }

    private ClientsSpec clients(Node c) {
        Node totalNode = f.at(c, "total");
        Node perRoundNode = f.at(c, "per-round");
        int total = (int) f.integer(totalNode, 1, MAX_CLIENTS, 1);
        int perRound = (int) f.integer(perRoundNode, 1, MAX_CLIENTS, 1);
        if (perRound > total && !f.isBad(totalNode) && !f.isBad(perRoundNode)) {
            if (blame(perRoundNode, totalNode) == perRoundNode) {
                f.report(perRoundNode, "must be at most clients.total = " + total + ", got " + perRound);
            } else {
                f.report(totalNode, "must be at least clients.per-round = " + perRound + ", got " + total);
            }
        }
        return new ClientsSpec(total, Math.min(perRound, total),
                delay(f.at(c, "compute-time")),
                delay(f.at(c, "network-delay")),
                f.probability(f.at(c, "dropout")));
    }

    private ServerSpec server(Node s, Node perRoundNode, int perRound) {
        Node ruleNode = f.at(s, "rule");
        String rule = f.name(ruleNode, KnownNames.RULES, "rule", "fedavg");
        Node trim = f.path(s, "trimmed-mean.trim-ratio");
        double ratio = f.number(trim, 0, false, 0.5, 0);
        f.check(trim, ratio < 0.5, "must be below 0.5 (half the values are trimmed from each side), got 0.5");
        Node krumF = f.path(s, "krum.f");
        Node krumM = f.path(s, "krum.m");
        long kf = f.integer(krumF, 0, MAX_CLIENTS, 0);
        // multi-krum takes m = auto (n - f)
        boolean autoM = krumM.present() && krumM.value().valueType() == ConfigValueType.STRING
                && Fields.finiteNumber(krumM.value()) == null;
        long km = autoM ? 1 : f.integer(krumM, 1, MAX_CLIENTS, 1);
        if (autoM) {
            f.name(krumM, List.of("auto"), "krum.m (expected auto or a whole number >= 1)", "auto");
        }
        Node bulyanF = f.path(s, "bulyan.f");
        long bf = f.integer(bulyanF, 0, MAX_CLIENTS, 0);
        Node g = f.at(s, "geomed");
        f.number(f.at(g, "nu"), 0, true, Double.MAX_VALUE, 1);
        f.integer(f.at(g, "iterations"), 1, 1_000_000, 1);
        f.number(f.at(g, "tolerance"), 0, true, Double.MAX_VALUE, 1);
        Node cc = f.at(s, "centered-clipping");
        f.number(f.at(cc, "tau"), 0, true, Double.MAX_VALUE, 1);
        f.integer(f.at(cc, "iterations"), 1, 1_000_000, 1);
        Node stpa = f.at(s, "stpa");
        f.number(f.at(stpa, "threshold"), -1, false, 1, 0);
        Node inner = f.at(stpa, "inner-rule");
        String innerRule = f.name(inner, KnownNames.RULES, "inner rule", "median");
        f.check(inner, !innerRule.equals("stpa"), "stpa cannot be its own inner rule; use median or another rule");
        Node momentumNode = f.at(stpa, "momentum");
        double momentum = f.number(momentumNode, 0, false, 1, 0);
        f.check(momentumNode, momentum < 1, "must be below 1 (a momentum of 1 never forgets), got 1");
        double lr = f.number(f.at(stpa, "learning-rate"), 0, true, Double.MAX_VALUE, 1);
        // STPA variant (docs/stpa.md); the rule factory reads the values (io.aegis.aggregation.StpaVariant)
        Node variantNode = f.at(stpa, "variant");
        String variant = f.name(variantNode, List.of("paper", "robust"), "stpa variant", "paper");
        Node robust = f.at(stpa, "robust");
        f.number(f.at(robust, "norm-bound"), 0, false, Double.MAX_VALUE, 3);
        f.integer(f.at(robust, "history"), 1, 10_000, 5);
        f.name(f.at(robust, "alpha"), List.of("gate", "before", "after"), "alpha (gate, before or after)", "gate");
        f.name(f.at(robust, "separation"), List.of("mean", "max"), "separation statistic", "mean");
        f.name(f.at(robust, "clustering"), List.of("spectral", "complete"), "clustering", "spectral");
        f.number(f.at(robust, "null-band"), 0, false, Double.MAX_VALUE, 3);
        f.bool(f.at(robust, "min-majority"), true);
        f.name(f.at(robust, "split"), List.of("projection", "clusters"), "split (projection or clusters)", "projection");
        f.bool(f.at(robust, "anti-aligned"), true);
        f.bool(f.at(robust, "trajectory"), true);
        Node screen = f.at(robust, "norm-screen");
        double screenFactor = f.number(screen, 0, false, Double.MAX_VALUE, 100);
        f.check(screen, screenFactor == 0 || screenFactor >= 1, "must be 0 (off) or a factor >= 1, got " + screenFactor);
        Node robustThreshold = f.at(robust, "threshold");
        if (robustThreshold.present() && robustThreshold.value().valueType() == ConfigValueType.STRING
                && Fields.finiteNumber(robustThreshold.value()) == null) {
            f.name(robustThreshold, List.of("auto"), "stpa.robust.threshold (expected auto or a number in [-1, 1])", "auto");
        } else {
            f.number(robustThreshold, -1, false, 1, 0);
        }
        boolean temporal = temporal(f.at(s, "temporal"), rule);
        if (!f.isBad(variantNode)) {
            warnUnusedRuleKeys(s, ruleNode, rule, inner, innerRule, variant);
        }

        if (!f.isBad(ruleNode) && !f.isBad(perRoundNode)) {
            if ((rule.equals("krum") || rule.equals("multi-krum")) && !f.isBad(krumF) && perRound < 2 * kf + 3) {
                f.report(blame(krumF, perRoundNode), rule + " needs clients.per-round >= 2 * krum.f + 3 = "
                        + (2 * kf + 3) + ", but clients.per-round = " + perRound + " and krum.f = " + kf);
            }
            if (rule.equals("multi-krum") && !autoM && !f.isBad(krumM) && km > perRound) {
                f.report(blame(krumM, perRoundNode), "multi-krum cannot average krum.m = " + km
                        + " updates out of clients.per-round = " + perRound);
            }
            if (rule.equals("bulyan") && !f.isBad(bulyanF) && perRound < 4 * bf + 3) {
                f.report(blame(bulyanF, perRoundNode), "bulyan needs clients.per-round >= 4 * bulyan.f + 3 = "
                        + (4 * bf + 3) + ", but clients.per-round = " + perRound + " and bulyan.f = " + bf);
            }
        }
        Config block = s.value() instanceof ConfigObject o ? o.toConfig() : ConfigFactory.empty();
        return new ServerSpec(rule, temporal, momentum, lr, block);
    }

    /**
     * Each rule's keys ({@link Rules#PARAMETERS}) act only when that rule runs, as server.rule or as
     * STPA's inner rule, and the robust keys only with variant = robust: a value the user set for
     * anything else is valid but ignored, so say so.
     */
    private void warnUnusedRuleKeys(Node s, Node ruleNode, String rule, Node inner, String innerRule, String variant) {
        if (f.isBad(ruleNode) || f.isBad(inner)) {
            return;
        }
        boolean stpaRuns = rule.equals("stpa");
        Set<String> used = new TreeSet<>(Rules.PARAMETERS.get(rule));
        if (stpaRuns) {
            used.addAll(Rules.PARAMETERS.get(innerRule));
        }
        String runs = stpaRuns ? "server.rule is stpa with inner rule " + innerRule : "server.rule is " + rule;
        Set<String> all = new TreeSet<>();
        Rules.PARAMETERS.values().forEach(all::addAll);
        for (String key : all) {
            if (!used.contains(key)) {
                f.warnUserSet(f.path(s, key), "has no effect: " + runs);
            } else if (key.startsWith("stpa.robust.") && variant.equals("paper")) {
                f.warnUserSet(f.path(s, key),
                        "has no effect: server.stpa.variant is paper (the robust keys apply to variant = robust)");
            }
        }
    }

    private boolean temporal(Node t, String rule) {
        if (t.present() && Fields.booleanOf(t.value()) != null) {
            return f.bool(t, false);
        }
        String v = f.name(t, KnownNames.TEMPORAL, "temporal setting", "auto");
        return v.equals("auto") ? rule.equals("stpa") : v.equals("true");
    }

    private ChurnSpec churn(Node c) {
        Node modelNode = f.at(c, "model");
        String model = f.name(modelNode, KnownNames.CHURN_MODELS, "churn model", "none");
        double leave = f.probability(f.at(c, "p-leave"));
        double back = f.probability(f.at(c, "p-return"));
        Node traceNode = f.at(c, "trace");
        String trace = f.string(traceNode, "");
        String traceFile = null;
        if (model.equals("trace") && !f.isBad(traceNode)) {
            if (trace.isBlank()) {
                f.report(blame(traceNode, modelNode), "churn.model = trace needs churn.trace = \"<file>\"");
            } else {
                Path p;
                try {
                    p = folder.resolve(trace).normalize();
                } catch (java.nio.file.InvalidPathException e) {
                    f.report(traceNode, "'" + Fields.clip(trace) + "' is not a file path");
                    return new ChurnSpec(model, leave, back, null);
                }
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    f.report(traceNode, "trace file " + p + " does not exist or cannot be read"
                            + " (relative paths start at the scenario's folder)");
                } else if (readableTrace(traceNode, p)) {
                    traceFile = p.toString();
                }
            }
        }
        return new ChurnSpec(model, leave, back, traceFile);
    }

    /** Larger traces are a mistake (a wrong file), and they are read whole into memory. */
    static final long MAX_TRACE_BYTES = 256L << 20;

    /** The run reads the trace at start; a malformed one must be a problem now, not a failed run later. */
    private boolean readableTrace(Node traceNode, Path p) {
        try {
            long size = Files.size(p);
            if (size > MAX_TRACE_BYTES) {
                f.report(traceNode, "trace file " + p + " has " + size + " bytes; at most " + MAX_TRACE_BYTES
                        + " are read (is it the right file?)");
                return false;
            }
            io.aegis.world.Availability.read(p);
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            f.report(traceNode, "trace file " + p + " is not UTF-8 text (is it the right file?)");
        } catch (java.io.IOException e) {
            f.report(traceNode, "bad trace: " + e.getMessage());
        }
        return false;
    }

    private FaultsSpec faults(Node fl, EntryReader entries) {
        FaultRates global = faultRates(fl, null);
        List<TargetedFaults> targeted = entries.targetedFaults(f.at(fl, "targeted"), global, this);
        return new FaultsSpec(global, targeted);
    }

    /** The fault keys of a block; keys absent from it take {@code fallback}'s values (null = required). */
    FaultRates faultRates(Node b, FaultRates fallback) {
        ConfigObject o = b.value() instanceof ConfigObject obj ? obj : null;
        boolean local = fallback != null;
        return new FaultRates(
                local && !has(o, "drop") ? fallback.drop() : f.probability(f.at(b, "drop")),
                local && !has(o, "duplicate") ? fallback.duplicate() : f.probability(f.at(b, "duplicate")),
                local && !has(o, "delay") ? fallback.delay() : delay(f.at(b, "delay")),
                local && !has(o, "corrupt") ? fallback.corrupt() : f.probability(f.at(b, "corrupt")),
                local && !has(o, "corrupt-kind") ? fallback.corruptKind()
                        : f.name(f.at(b, "corrupt-kind"), KnownNames.CORRUPT_KINDS, "corrupt-kind", "nan"),
                local && !has(o, "crash") ? fallback.crash() : f.probability(f.at(b, "crash")),
                local && !has(o, "reorder") ? fallback.reorder() : f.probability(f.at(b, "reorder")),
                local && !has(o, "replay") ? fallback.replay() : f.probability(f.at(b, "replay")));
    }

    /** A delay distribution whose samples the actor scheduler can wait for (see {@link Limits#maxDelaySeconds}). */
    private Distribution delay(Node n) {
        Distribution d = f.distribution(n);
        double max = Limits.maxDelaySeconds();
        double reach = Limits.practicalMax(d);
        f.check(n, reach <= max, d.text() + " can draw delays beyond " + Limits.days(max)
                + ", the longest one message may take (four such delays add up within the actor scheduler's limit of "
                + Limits.days(Limits.schedulerMaxSeconds()) + ")");
        return d;
    }

    private static boolean has(ConfigObject o, String key) {
        return o != null && o.containsKey(key);
    }

    /** Of two values in a cross-key check, the one the user wrote (not a default) carries the problem. */
    private Node blame(Node a, Node b) {
        Problems p = f.problems();
        if (!p.fromDefaults(a.origin())) {
            return a;
        }
        return p.fromDefaults(b.origin()) ? a : b;
    }

    // ---- unknown keys

    private void unknownKeys(Node n, ConfigObject actual, ConfigObject known) {
        for (String key : new TreeSet<>(actual.keySet())) {
            Node c = f.at(n, key);
            ConfigValue k = known.get(key);
            if (k == null) {
                // a block value most likely misspells a block key, a plain value a plain key
                boolean block = c.value() instanceof ConfigObject;
                Set<String> sameShape = new TreeSet<>();
                for (String k2 : known.keySet()) {
                    if ((known.get(k2) instanceof ConfigObject) == block) {
                        sameShape.add(k2);
                    }
                }
                String hint = Fields.closestKey(key, sameShape) != null ? suggestKey(n.path(), key, sameShape)
                        : suggestKey(n.path(), key, known.keySet());
                f.report(c, "unknown key" + hint);
            } else if (k instanceof ConfigObject ko) {
                if (c.value() instanceof ConfigObject co) {
                    unknownKeys(c, co, ko);
                } else {
                    f.object(c);
                }
            } else if (!f.wasRead(c.path())) {
                f.sameTypeAs(c, k);
            }
        }
    }

    /** "; did you mean 'server.rule'?" from the siblings, else from any known key with a close last part. */
    String suggestKey(String parentPath, String key, Set<String> siblings) {
        String prefix = parentPath.isEmpty() ? "" : parentPath + ".";
        String near = Fields.closestKey(key, siblings);
        if (near != null) {
            return "; did you mean '" + prefix + near + "'?";
        }
        String bestPath = null;
        for (String path : new TreeSet<>(schema.toConfig().entrySet().stream().map(Map.Entry::getKey).toList())) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            if (last.equalsIgnoreCase(key) || (bestPath == null && Names.closest(key, List.of(last)) != null)) {
                bestPath = path;
                if (last.equalsIgnoreCase(key)) {
                    break;
                }
            }
        }
        if (bestPath != null) {
            return "; did you mean '" + bestPath + "'?";
        }
        return siblings.isEmpty() ? "" : "; valid keys here: " + String.join(", ", new TreeSet<>(siblings));
    }

    /** Reads environment variables; tests replace it to check the AEGIS_DATA_DIR precedence without a real environment. */
    static java.util.function.UnaryOperator<String> environment = System::getenv;

    /** The environment variable AEGIS_DATA_DIR, or null when unset or blank. */
    static String dataDirFromEnvironment() {
        String env = environment.apply("AEGIS_DATA_DIR");
        return env == null || env.isBlank() ? null : env;
    }

    static String safeName(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (s.length() > 100) {
            s = s.substring(0, 100);
        }
        return s.isEmpty() ? "scenario" : s;
    }
}
