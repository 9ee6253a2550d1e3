package io.aegis.aggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The Gram backends on the class path: the pure-Java default plus any registered with
 * {@link ServiceLoader}. {@code -Daegis.gram.backend=NAME} picks one by name (java = never native).
 */
public final class GramBackends {
    private static final GramBackend JAVA = new JavaGramBackend();
    private static final List<GramBackend> ALL = load();
    private static final GramBackend BEST = choose();
    /** -Daegis.gram.backend named one: it is then used for every round size. */
    private static final boolean NAMED = System.getProperty("aegis.gram.backend") != null;
    /** Tests force one backend on every path (null: choose by size). */
    private static volatile GramBackend forced;

    private GramBackends() {}

    private static List<GramBackend> load() {
        List<GramBackend> out = new ArrayList<>();
        out.add(JAVA);
        if (VectorSupport.AVAILABLE) {
            out.add(new VectorGramBackend());
        }
        for (GramBackend b : ServiceLoader.load(GramBackend.class, GramBackends.class.getClassLoader())) {
            if (!b.name().equals(JAVA.name())) {
                out.add(b);
            }
        }
        return List.copyOf(out);
    }

    private static GramBackend choose() {
        String wanted = System.getProperty("aegis.gram.backend");
        if (wanted != null) {
            return ALL.stream().filter(b -> b.name().equals(wanted)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("aegis.gram.backend=" + wanted + ": no such backend; found "
                            + ALL.stream().map(GramBackend::name).toList()));
        }
        return ALL.stream().max(Comparator.comparingInt(GramBackend::priority)).orElse(JAVA);
    }

    /**
     * The backend for blocks of n rows: the one named by {@code -Daegis.gram.backend}, else the
     * highest-priority one that suits n.
     */
    public static GramBackend best(int n) {
        if (NAMED) {
            return BEST;
        }
        return ALL.stream().filter(b -> b.suits(n)).max(Comparator.comparingInt(GramBackend::priority)).orElse(JAVA);
    }

    /**
     * The backends a run can use, highest priority first ("vector, nd4j, java"), or the forced one:
     * which kernels computed the inner products, whose float rounding a run's results may depend on.
     */
    public static String describe() {
        if (NAMED) {
            return BEST.name();
        }
        return String.join(", ", ALL.stream().sorted(Comparator.comparingInt(GramBackend::priority).reversed())
                .map(GramBackend::name).toList());
    }

    /** Every backend found, the pure-Java one first. */
    public static List<GramBackend> all() {
        return ALL;
    }

    /** The highest-priority backend, whatever the number of rows. */
    public static GramBackend best() {
        return BEST;
    }

    public static GramBackend java() {
        return JAVA;
    }

    /**
     * Runs {@code body} with {@code backend} on every Gram path, whatever the round's size (tests:
     * the exactness properties must hold on every backend). Not for concurrent use.
     */
    public static void with(GramBackend backend, Runnable body) {
        GramBackend before = forced;
        forced = backend;
        try {
            body.run();
        } finally {
            forced = before;
        }
    }

    static GramBackend forced() {
        return forced;
    }
}
