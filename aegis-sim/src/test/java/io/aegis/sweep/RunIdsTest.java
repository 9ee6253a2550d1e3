package io.aegis.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void anIdNamesTheVariantThenEachAxisValue() {
        assertEquals("gaussian_server.rule=stpa_seed=2",
                new RunIds().next("gaussian", List.of("server.rule=stpa", "seed=2")));
        assertEquals("server.rule=stpa", new RunIds().next(null, List.of("server.rule=stpa")));
    }

    @Test
    void idsAreSafeFolderNames() {
        String id = new RunIds().next("my variant/1", List.of("adversaries=[{\"behavior\":\"gaussian\"}]", "x=../.."));
        assertTrue(id.matches("[A-Za-z0-9._=+,-]+"), id);
        assertTrue(!id.contains("/"), id);
        assertEquals("x..", RunIds.safe(".."));
    }

    @Test
    void idsThatCollideAfterCleaningGetASuffixAndLongOnesAreCutWithAHash() {
        RunIds ids = new RunIds();
        assertEquals("a=x-y", ids.next(null, List.of("a=x y")));
        assertEquals("a=x-y-2", ids.next(null, List.of("a=x/y")));
        String longA = ids.next(null, List.of("k=" + "a".repeat(300) + "1"));
        String longB = ids.next(null, List.of("k=" + "a".repeat(300) + "2"));
        assertEquals(RunIds.MAX_LENGTH, longA.length());
        assertNotEquals(longA, longB);
    }
}
