package io.aegis.aggregation;

import java.util.List;

/** The ND4J Gram backend found through ServiceLoader, for the rules' tests rerun in this module. */
final class Nd4jGram {
    private Nd4jGram() {}

    static List<GramBackend> only() {
        List<GramBackend> nd4j = GramBackends.all().stream().filter(b -> b.name().equals("nd4j")).toList();
        if (nd4j.size() != 1) {
            throw new IllegalStateException("aegis-sim registers exactly one nd4j Gram backend; found " + GramBackends.all());
        }
        return nd4j;
    }
}
