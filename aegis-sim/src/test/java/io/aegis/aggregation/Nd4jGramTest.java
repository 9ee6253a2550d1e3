package io.aegis.aggregation;

import java.util.List;

/** aegis-rules' {@code GramTest} again, on the ND4J Gram backend this module registers. */
class Nd4jGramTest extends GramTest {
    static List<GramBackend> backends() {
        return Nd4jGram.only();
    }
}
