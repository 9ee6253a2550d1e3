package io.aegis.sweep;

import io.aegis.scenario.Scenario;
import java.util.List;
import java.util.Map;

/**
 * One combination of a sweep: its id, variant (null when the sweep has none), the grid values by key
 * (in grid order, as shown), the scenario overrides that make it ({@code path=value}, applied over the
 * base in order: variant, grid, command line) and the validated scenario.
 */
public record RunSpec(String id, String variant, Map<String, String> axes, List<String> overrides, Scenario scenario) {}
