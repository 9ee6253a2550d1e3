package io.aegis.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.aegis.scenario.Fields.Node;
import io.aegis.scenario.Scenario.AdversaryGroup;
import io.aegis.scenario.Scenario.Behavior;
import io.aegis.scenario.Scenario.Event;
import io.aegis.scenario.Scenario.FaultRates;
import io.aegis.scenario.Scenario.TargetedFaults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The list entries of a scenario ({@code adversaries}, {@code events}, {@code faults.targeted}),
 * whose allowed keys depend on the entry: a behaviour accepts exactly the parameters that
 * {@code behaviors.<name>} lists in {@code defaults.conf}.
 */
final class EntryReader {
    private static final Set<String> GROUP_KEYS = Set.of("clients", "behavior", "rounds");
    private static final Set<String> EVENT_KEYS = Set.of("round", "go-offline", "go-online", "turn", "behavior");
    private static final List<String> EVENT_ACTIONS = List.of("go-offline", "go-online", "turn");
    private static final Set<String> TARGET_KEYS = Set.of("clients", "rounds");

    private final Fields f;
    private final ConfigObject schema;
    private final Config merged;
    private final int totalClients;
    private final int classes;
    private final int lastRound;

    EntryReader(Fields fields, ConfigObject schema, Config merged, int totalClients, int classes, int lastRound) {
        this.lastRound = lastRound;
        this.f = fields;
        this.schema = schema;
        this.merged = merged;
        this.totalClients = totalClients;
        this.classes = classes;
    }

    /** Checks the values of {@code behaviors.<name>.*}, the parameters every group falls back to. */
    void behaviorDefaults(Node behaviors) {
        ConfigObject o = f.object(behaviors);
        if (o == null) {
            return;
        }
        for (String name : new TreeSet<>(o.keySet())) {
            Set<String> params = paramsOf(name);
            if (params == null) {
                continue; // not a behaviour: the unknown-key check reports it
            }
            Node b = f.at(behaviors, name);
            ConfigObject bo = f.object(b);
            if (bo == null) {
                continue;
            }
            for (String key : new TreeSet<>(bo.keySet())) {
                if (params.contains(key)) {
                    param(name, key, f.at(b, key), Integer.MAX_VALUE);
                }
            }
        }
    }

    List<AdversaryGroup> adversaries(Node list) {
        List<AdversaryGroup> out = new ArrayList<>();
        for (Node e : entries(list)) {
            ConfigObject o = f.object(e);
            if (o == null) {
                continue;
            }
            IdSet clients = clients(f.at(e, "clients"), "an adversary group needs clients = \"<ids>\", e.g. \"0-33\"");
            Node roundsNode = f.at(e, "rounds");
            IdSet rounds = roundsNode.present() ? rounds(roundsNode) : IdSet.parse("1-");
            Behavior behavior = behavior(e, o, GROUP_KEYS, "an adversary group needs behavior = ");
            warnIfAfterLastRound(roundsNode, rounds, "this adversary group never acts");
            if (clients != null && rounds != null && behavior != null) {
                out.add(new AdversaryGroup(clients, behavior, rounds));
            }
        }
        return out;
    }

    List<Event> events(Node list) {
        List<Event> out = new ArrayList<>();
        for (Node e : entries(list)) {
            ConfigObject o = f.object(e);
            if (o == null) {
                continue;
            }
            Node roundNode = f.at(e, "round");
            if (!roundNode.present()) {
                f.report(e, "an event needs round = <number>, the round at whose start it applies");
            }
            int round = (int) f.integer(roundNode, 1, Integer.MAX_VALUE, 1);
            if (roundNode.present() && !f.isBad(roundNode) && round > lastRound) {
                f.warn(roundNode, "round " + round + " is after the last round (rounds = " + lastRound
                        + "); this event never happens");
            }
            List<String> actions = EVENT_ACTIONS.stream().filter(o::containsKey).toList();
            if (actions.isEmpty()) {
                f.report(e, "an event needs one of go-offline = \"<ids>\", go-online = \"<ids>\" or turn = \"<ids>\"");
                continue;
            }
            if (actions.size() > 1) {
                f.report(e, "an event does one thing, but this one has " + String.join(" and ", actions)
                        + "; write one event for each");
                continue;
            }
            String action = actions.get(0);
            IdSet ids = clients(f.at(e, action), null);
            Behavior behavior = null;
            if (action.equals("turn")) {
                behavior = behavior(e, o, EVENT_KEYS, "a turn event needs behavior = ");
            } else {
                for (String key : new TreeSet<>(o.keySet())) {
                    if (!key.equals("round") && !key.equals(action)) {
                        Node k = f.at(e, key);
                        f.report(k, key.equals("behavior") || paramOwner(key) != null
                                ? "only a turn event takes a behaviour and its parameters"
                                : "unknown key" + suggest(key, Set.of("round", action)));
                    }
                }
            }
            if (ids == null || (action.equals("turn") && behavior == null)) {
                continue;
            }
            out.add(new Event(round,
                    action.equals("go-offline") ? ids : null,
                    action.equals("go-online") ? ids : null,
                    action.equals("turn") ? ids : null,
                    behavior));
        }
        return out;
    }

    List<TargetedFaults> targetedFaults(Node list, FaultRates global, ScenarioReader reader) {
        Set<String> faultKeys = new TreeSet<>();
        ConfigValue faults = schema.get("faults");
        if (faults instanceof ConfigObject fo) {
            faultKeys.addAll(fo.keySet());
            faultKeys.remove("targeted");
        }
        List<TargetedFaults> out = new ArrayList<>();
        for (Node e : entries(list)) {
            ConfigObject o = f.object(e);
            if (o == null) {
                continue;
            }
            Node clientsNode = f.at(e, "clients");
            Node roundsNode = f.at(e, "rounds");
            IdSet clients = clientsNode.present() ? clients(clientsNode, null) : IdSet.all();
            IdSet rounds = roundsNode.present() ? rounds(roundsNode) : IdSet.all();
            Set<String> allowed = new TreeSet<>(faultKeys);
            allowed.addAll(TARGET_KEYS);
            for (String key : new TreeSet<>(o.keySet())) {
                if (!allowed.contains(key)) {
                    f.report(f.at(e, key), "unknown key" + suggest(key, allowed));
                }
            }
            FaultRates rates = reader.faultRates(e, global);
            warnIfAfterLastRound(roundsNode, rounds, "these faults never happen");
            if (clients != null && rounds != null) {
                out.add(new TargetedFaults(clients, rounds, rates));
            }
        }
        return out;
    }

    private void warnIfAfterLastRound(Node roundsNode, IdSet rounds, String consequence) {
        if (rounds != null && roundsNode.present() && !f.isBad(roundsNode) && rounds.minBound() > lastRound) {
            f.warn(roundsNode, "rounds '" + rounds + "' start after the last round (rounds = " + lastRound + "); "
                    + consequence);
        }
    }

    // ---- parts

    private List<Node> entries(Node listNode) {
        List<Node> out = new ArrayList<>();
        var l = f.list(listNode);
        if (l != null) {
            for (int i = 0; i < l.size(); i++) {
                out.add(f.entry(listNode, l, i));
            }
        }
        return out;
    }

    /** Client ids within 0 .. total-1. */
    private IdSet clients(Node n, String missingMessage) {
        if (!n.present() && missingMessage != null && n.reachable()) {
            f.report(n, missingMessage);
            return null;
        }
        IdSet s = f.idSet(n);
        if (s != null && s.maxBound() >= totalClients) {
            f.report(n, "client range '" + s + "' goes beyond the last client, " + (totalClients - 1)
                    + " (clients.total = " + totalClients + "; ids start at 0)");
            return null;
        }
        return s;
    }

    private IdSet rounds(Node n) {
        IdSet s = f.idSet(n);
        if (s != null && s.minBound() < 1) {
            f.report(n, "rounds are numbered from 1, got '" + s + "'");
            return null;
        }
        return s;
    }

    /**
     * The entry's behaviour, with its parameters: the entry's own keys (other than the scheduling
     * ones) over {@code behaviors.<name>}. Reports keys the behaviour does not take.
     */
    private Behavior behavior(Node e, ConfigObject o, Set<String> scheduling, String missingMessage) {
        Node bn = f.at(e, "behavior");
        if (!bn.present()) {
            f.report(e, missingMessage + "one of " + String.join(", ", KnownNames.BEHAVIORS));
            return null;
        }
        String name = f.name(bn, KnownNames.BEHAVIORS, "behaviour", null);
        if (name == null) {
            return null; // without a valid behaviour its parameters cannot be judged
        }
        Set<String> params = paramsOf(name);
        ConfigObject own = o;
        boolean ok = true;
        for (String key : new TreeSet<>(o.keySet())) {
            if (scheduling.contains(key)) {
                own = own.withoutKey(key);
                continue;
            }
            Node k = f.at(e, key);
            if (params.contains(key)) {
                ok &= param(name, key, k, classes - 1);
                continue;
            }
            ok = false;
            String owner = paramOwner(key);
            if (owner != null) {
                f.report(k, "'" + key + "' is not a parameter of " + name + "; " + (params.isEmpty()
                        ? name + " takes none" : name + " takes " + String.join(", ", new TreeSet<>(params))));
            } else {
                Set<String> allowed = new TreeSet<>(scheduling);
                allowed.addAll(params);
                f.report(k, "unknown key" + suggest(key, allowed));
            }
        }
        if (!ok) {
            return null;
        }
        Config globals = merged.hasPath("behaviors") && merged.getValue("behaviors") instanceof ConfigObject bo
                && bo.get(name) instanceof ConfigObject g ? g.toConfig() : ConfigFactory.empty();
        Config effective = own.toConfig().withFallback(globals);
        for (String label : List.of("source", "target")) {
            // behaviors.* defaults are not tied to a data set; a label they supply must fit this one
            if (!own.containsKey(label) && effective.hasPath(label)
                    && effective.getValue(label).unwrapped() instanceof Number v && v.longValue() >= classes) {
                f.report(e, name + " uses " + label + " = " + v + " from behaviors." + name + "." + label
                        + ", but the data set has classes 0-" + (classes - 1) + "; set " + label + " here");
                return null;
            }
        }
        if (effective.hasPath("source") && effective.hasPath("target")
                && effective.getValue("source").unwrapped() instanceof Number src
                && effective.getValue("target").unwrapped() instanceof Number dst && src.longValue() == dst.longValue()) {
            f.report(e, name + " needs two different classes, but source and target are both " + src);
            return null;
        }
        return new Behavior(name, effective);
    }

    /** Checks one behaviour parameter; false after a problem. */
    private boolean param(String behavior, String key, Node n, long maxLabel) {
        int before = f.problems().size();
        switch (key) {
            case "sigma", "scale", "epsilon" -> f.number(n, 0, false, Double.MAX_VALUE, 0);
            case "boost" -> f.number(n, 0, true, Double.MAX_VALUE, 1);
            case "poison-fraction" -> f.number(n, 0, true, 1, 0.5);
            case "trigger-size" -> f.integer(n, 1, KnownNames.MAX_TRIGGER_SIZE, 1);
            case "trigger-value" -> f.number(n, -Double.MAX_VALUE, false, Double.MAX_VALUE, 0);
            case "source", "target" -> f.integer(n, 0, maxLabel, 0);
            case "knowledge" -> f.name(n, KnownNames.KNOWLEDGE, "knowledge", "omniscient");
            case "direction" -> f.name(n, KnownNames.MIN_MAX_DIRECTIONS, "min-max direction", "std");
            case "z" -> {
                if (n.present() && n.value().valueType() == ConfigValueType.STRING
                        && Fields.finiteNumber(n.value()) == null) {
                    f.name(n, List.of("auto"), "z (expected auto or a number)", "auto");
                } else {
                    f.number(n, -Double.MAX_VALUE, false, Double.MAX_VALUE, 0);
                }
            }
            default -> f.sameTypeAs(n, defaultParam(behavior, key));
        }
        return f.problems().size() == before && !f.isBad(n);
    }

    /** Parameter names of a behaviour per defaults.conf; null for an unknown behaviour. */
    private Set<String> paramsOf(String behavior) {
        if (!KnownNames.BEHAVIORS.contains(behavior)) {
            return null;
        }
        ConfigValue b = schema.get("behaviors") instanceof ConfigObject bs ? bs.get(behavior) : null;
        return b instanceof ConfigObject bo ? new LinkedHashSet<>(bo.keySet()) : Set.of();
    }

    private ConfigValue defaultParam(String behavior, String key) {
        ConfigValue b = schema.get("behaviors") instanceof ConfigObject bs ? bs.get(behavior) : null;
        return b instanceof ConfigObject bo ? bo.get(key) : null;
    }

    /** A behaviour that takes this parameter, to tell a misplaced parameter from a misspelt key. */
    private String paramOwner(String key) {
        for (String b : KnownNames.BEHAVIORS) {
            Set<String> p = paramsOf(b);
            if (p != null && p.contains(key)) {
                return b;
            }
        }
        return null;
    }

    private static String suggest(String key, Set<String> allowed) {
        String near = Fields.closestKey(key, allowed);
        return near != null ? "; did you mean '" + near + "'?" : "; valid keys here: " + String.join(", ", new TreeSet<>(allowed));
    }
}
