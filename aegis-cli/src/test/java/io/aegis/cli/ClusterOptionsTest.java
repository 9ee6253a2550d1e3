package io.aegis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.aegis.util.UserError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterOptionsTest {

    private static RunCommand run(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void clusterOptionsBecomeTheNodeSettings() {
        Config c = run("--cluster-port", "25520", "--cluster-host", "10.0.0.5", "--min-workers", "3").clusterOptions();
        assertEquals(25520, c.getInt("aegis.cluster.port"));
        assertEquals("10.0.0.5", c.getString("aegis.cluster.host"));
        assertEquals(3, c.getInt("aegis.cluster.min-workers"));
    }

    @Test
    void aPlainRunSetsNoClusterKey() {
        assertTrue(run().clusterOptions().isEmpty());
    }

    @Test
    void workersWithoutACoordinatorPortAreBadInput() {
        UserError e = assertThrows(UserError.class, () -> run("--min-workers", "2").clusterOptions());
        assertEquals(UserError.BAD_INPUT, e.exitStatus());
        assertTrue(e.getMessage().contains("--cluster-port"), e.getMessage());
    }

    @Test
    void aPortOutOfRangeOrNegativeWorkersAreBadInput() {
        assertEquals(UserError.BAD_INPUT, assertThrows(UserError.class,
                () -> run("--cluster-port", "70000").clusterOptions()).exitStatus());
        assertEquals(UserError.BAD_INPUT, assertThrows(UserError.class,
                () -> run("--cluster-port", "2552", "--min-workers", "-1").clusterOptions()).exitStatus());
    }

    @Test
    void aNodeWithNegativeThreadsIsBadInputBeforeAnythingStarts() {
        NodeCommand node = new NodeCommand();
        new CommandLine(node).parseArgs("--join", "127.0.0.1:25520", "--threads", "-2");
        UserError e = assertThrows(UserError.class, node::call);
        assertEquals(UserError.BAD_INPUT, e.exitStatus());
        assertTrue(e.getMessage().contains("--threads"), e.getMessage());
    }

    @Test
    void aNodeWithoutAPortToJoinIsBadInputBeforeAnythingStarts() {
        for (String join : new String[] {"127.0.0.1", "127.0.0.1:x", "127.0.0.1:0", ":25520x"}) {
            NodeCommand node = new NodeCommand();
            new CommandLine(node).parseArgs("--join", join);
            UserError e = assertThrows(UserError.class, node::call, join);
            assertEquals(UserError.BAD_INPUT, e.exitStatus());
        }
    }
}
