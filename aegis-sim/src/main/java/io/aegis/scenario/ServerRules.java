package io.aegis.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.aegis.aggregation.RowSubsetRule;
import io.aegis.aggregation.Rules;
import io.aegis.aggregation.TemporalStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario side of {@link Rules}: builds a rule from a scenario's {@code server} block (Typesafe
 * Config), so the aggregation package stays plain Java. Errors name the full key ("server.krum.f").
 */
public final class ServerRules {
    private ServerRules() {}

    /** The rule called {@code name}, configured from {@code server} (may be null: all defaults). */
    public static RowSubsetRule create(String name, Config server) {
        return Rules.create(name, flatten(server));
    }

    /** The temporal stage for a run of {@code rule} per {@code server.temporal}, or null when it is off. */
    public static TemporalStep temporalStep(String rule, Config server) {
        return Rules.temporalStep(rule, flatten(server));
    }

    /**
     * Every value of the block by its dotted path ("krum.f" -> 7), unwrapped to numbers, strings,
     * booleans and lists; every object on the way is present as a map, so a key given an object
     * where a value belongs is reported instead of silently taking the default.
     */
    public static Map<String, Object> flatten(Config server) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (server == null) {
            return out;
        }
        for (Map.Entry<String, ConfigValue> e : server.entrySet()) {
            List<String> parts = ConfigUtil.splitPath(e.getKey());
            for (int i = 1; i < parts.size(); i++) {
                out.putIfAbsent(String.join(".", parts.subList(0, i)), Map.of());
            }
            out.put(String.join(".", parts), e.getValue().unwrapped());
        }
        return out;
    }
}
