package io.aegis.attack;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.aegis.scenario.Names;
import io.aegis.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Builds attacks from scenario behaviours ({@code { behavior = gaussian, sigma = 200 }}).
 * Honest behaviour is the absence of an attack: {@link #create} returns an empty Optional for it.
 */
public final class Attacks {
    private Attacks() {}

    /** Every behaviour name the spec defines, {@code honest} included. */
    public static final List<String> NAMES = Scenario.Behavior.NAMES;

    /** The parameter keys each behaviour takes (all optional, defaults in {@link #create}). */
    public static final Map<String, List<String>> PARAMS = params();

    /** Largest backdoor trigger side (images) or feature count (vectors) accepted. */
    public static final int MAX_TRIGGER_SIZE = 4096;

    /** Keys of an adversary group or event that schedule a behaviour rather than parameterise it. */
    static final Set<String> SCHEDULING_KEYS = Set.of("clients", "rounds", "behavior", "round", "turn",
            "go-offline", "go-online");

    private static Map<String, List<String>> params() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("honest", List.of());
        m.put("noisy-data", List.of("sigma"));
        m.put("gaussian", List.of("sigma"));
        m.put("label-flip", List.of());
        m.put("targeted-label-flip", List.of("source", "target"));
        m.put("sign-flip", List.of("scale"));
        m.put("alie", List.of("z", "knowledge"));
        m.put("ipm", List.of("epsilon", "knowledge"));
        m.put("min-max", List.of("direction", "knowledge"));
        m.put("backdoor", List.of("target", "poison-fraction", "boost", "trigger-size", "trigger-value"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The attack a behaviour describes, or empty for {@code honest}.
     * Defaults: noisy-data sigma 1.0; gaussian sigma 200; sign-flip scale 1; alie z auto;
     * ipm epsilon 0.1; min-max direction std; targeted-label-flip source 0, target 1;
     * backdoor target 0, poison-fraction 0.5, boost 1, trigger-size 3, trigger-value 1.0;
     * knowledge omniscient.
     *
     * @param numClasses classes of the data set (label flips and targets need it)
     * @param inputShape shape of one example, {C, H, W} for images (the backdoor trigger needs it)
     * @throws InvalidAttackParameter for an unknown, mistyped or out-of-range parameter
     * @throws IllegalArgumentException for an unknown behaviour name
     */
    public static Optional<Attack> create(Scenario.Behavior behavior, int numClasses, int[] inputShape) {
        String name = behavior.name();
        if (!PARAMS.containsKey(name)) {
            throw new IllegalArgumentException("unknown behavior '" + name + "'" + Names.didYouMean(name, NAMES));
        }
        Params p = new Params(name, behavior.params() == null ? ConfigFactory.empty() : behavior.params());
        p.rejectUnknownKeys(PARAMS.get(name));
        return Optional.ofNullable(switch (name) {
            case "honest" -> null;
            case "noisy-data" -> new NoisyData(p.nonNegative("sigma", 1.0));
            case "gaussian" -> new GaussianUpdate(p.nonNegative("sigma", 200.0));
            case "label-flip" -> {
                p.checkClasses(numClasses);
                yield new LabelFlip(numClasses);
            }
            case "targeted-label-flip" -> {
                p.checkClasses(numClasses);
                int source = p.classIndex("source", 0, numClasses);
                int target = p.classIndex("target", 1, numClasses);
                if (source == target) {
                    throw new InvalidAttackParameter("target", name + ": source and target are both class " + source);
                }
                yield new TargetedLabelFlip(source, target);
            }
            case "sign-flip" -> new SignFlip(p.nonNegative("scale", 1.0));
            case "alie" -> new Alie(p.zOrAuto(), p.knowledge());
            case "ipm" -> new Ipm(p.nonNegative("epsilon", 0.1), p.knowledge());
            case "min-max" -> new MinMax(p.direction(), p.knowledge());
            case "backdoor" -> {
                p.checkClasses(numClasses);
                int target = p.classIndex("target", 0, numClasses);
                double fraction = p.number("poison-fraction", 0.5);
                if (!(fraction > 0 && fraction <= 1)) {
                    throw new InvalidAttackParameter("poison-fraction", name + ": poison-fraction must be in (0, 1], got " + fraction);
                }
                double boost = p.positive("boost", 1.0);
                int size = p.integer("trigger-size", 3);
                // bounded before any allocation: check() validates against an unbounded input size
                if (size < 1 || size > MAX_TRIGGER_SIZE) {
                    throw new InvalidAttackParameter("trigger-size", name + ": trigger-size must be in 1.." + MAX_TRIGGER_SIZE + ", got " + size);
                }
                double value = p.number("trigger-value", 1.0);
                Trigger trigger;
                try {
                    trigger = new Trigger(inputShape, size, (float) value);
                } catch (IllegalArgumentException e) {
                    throw new InvalidAttackParameter("trigger-size", name + ": " + e.getMessage());
                }
                yield new Backdoor(target, fraction, boost, trigger);
            }
            default -> throw new IllegalStateException("behaviour without a factory: " + name);
        });
    }

    /**
     * Checks a behaviour's name and parameters without knowing the data set, so a scenario loader
     * can report mistakes before the data is read; {@link #create} also checks class indices
     * against the data set's classes and that the trigger fits its inputs.
     *
     * @throws InvalidAttackParameter / IllegalArgumentException as {@link #create}
     */
    public static void check(Scenario.Behavior behavior) {
        create(behavior, Integer.MAX_VALUE, new int[] {Integer.MAX_VALUE});
    }

    /** Typed, range-checked reads of one behaviour's parameters. */
    private record Params(String behavior, Config config) {

        void rejectUnknownKeys(List<String> allowed) {
            List<String> problems = new ArrayList<>();
            for (String key : config.root().keySet()) {
                if (!allowed.contains(key) && !SCHEDULING_KEYS.contains(key)) {
                    problems.add(key);
                }
            }
            if (!problems.isEmpty()) {
                String key = problems.get(0);
                String hint = allowed.isEmpty() ? "; it takes no parameters" : Names.didYouMean(key, allowed);
                throw new InvalidAttackParameter(key, behavior + " has no parameter '" + key + "'" + hint);
            }
        }

        double number(String key, double fallback) {
            if (!config.hasPath(key)) {
                return fallback;
            }
            double v;
            try {
                v = config.getDouble(key);
            } catch (ConfigException e) {
                throw new InvalidAttackParameter(key, behavior + ": " + key + " must be a number, got "
                        + config.getValue(key).render());
            }
            if (!Double.isFinite(v)) {
                throw new InvalidAttackParameter(key, behavior + ": " + key + " must be finite, got " + v);
            }
            return v;
        }

        double nonNegative(String key, double fallback) {
            double v = number(key, fallback);
            if (v < 0) {
                throw new InvalidAttackParameter(key, behavior + ": " + key + " must be >= 0, got " + v);
            }
            return v;
        }

        double positive(String key, double fallback) {
            double v = number(key, fallback);
            if (v <= 0) {
                throw new InvalidAttackParameter(key, behavior + ": " + key + " must be > 0, got " + v);
            }
            return v;
        }

        int integer(String key, int fallback) {
            double v = number(key, fallback);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new InvalidAttackParameter(key, behavior + ": " + key + " must be a whole number, got " + v);
            }
            return (int) v;
        }

        int classIndex(String key, int fallback, int numClasses) {
            int v = integer(key, fallback);
            if (v < 0 || v >= numClasses) {
                throw new InvalidAttackParameter(key, behavior + ": " + key + " must be a class in 0.." + (numClasses - 1) + ", got " + v);
            }
            return v;
        }

        void checkClasses(int numClasses) {
            if (numClasses < 2) {
                throw new IllegalArgumentException(behavior + " needs at least 2 classes, the data set has " + numClasses);
            }
        }

        OptionalDouble zOrAuto() {
            if (!config.hasPath("z")) {
                return OptionalDouble.empty();
            }
            if (config.getValue("z").valueType() == ConfigValueType.STRING
                    && config.getString("z").trim().equalsIgnoreCase("auto")) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(number("z", 0));
            } catch (InvalidAttackParameter e) {
                throw new InvalidAttackParameter("z", behavior + ": z must be a number or auto, got " + config.getValue("z").render());
            }
        }

        Knowledge knowledge() {
            return parsed("knowledge", Knowledge.OMNISCIENT, Knowledge::parse);
        }

        MinMax.Direction direction() {
            return parsed("direction", MinMax.Direction.STD, MinMax.Direction::parse);
        }

        private <T> T parsed(String key, T fallback, java.util.function.Function<String, T> parser) {
            if (!config.hasPath(key)) {
                return fallback;
            }
            try {
                return parser.apply(config.getString(key));
            } catch (ConfigException | IllegalArgumentException e) {
                String why = e instanceof ConfigException ? key + " must be a name, got " + config.getValue(key).render() : e.getMessage();
                throw new InvalidAttackParameter(key, behavior + ": " + why);
            }
        }
    }
}
