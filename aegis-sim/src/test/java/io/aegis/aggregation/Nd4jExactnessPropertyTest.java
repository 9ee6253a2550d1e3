package io.aegis.aggregation;

import java.util.List;

/**
 * The exactness properties of aegis-rules' {@code ExactnessPropertyTest} (from its test jar), run again
 * on the ND4J Gram backend this module registers through ServiceLoader: aegis-rules runs them on the
 * pure-Java backend only, since it has no other.
 */
class Nd4jExactnessPropertyTest extends ExactnessPropertyTest {
    static List<GramBackend> backends() {
        return Nd4jGram.only();
    }
}
