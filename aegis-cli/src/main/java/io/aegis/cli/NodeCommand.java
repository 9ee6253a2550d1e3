package io.aegis.cli;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.aegis.cluster.WorkerNode;
import io.aegis.util.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Runs a worker node: joins a coordinator (aegis run ... --cluster-port), loads the data set, "
                + "hosts client entities and trains them; exits when the coordinator finishes or on SIGTERM.")
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
            description = "The coordinator's --cluster-host and --cluster-port.")
    String join;

    @Option(names = "--port", paramLabel = "P", description = "This node's port (default 0: any free port).")
    int port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "The address the other nodes reach this node at (default: 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--threads", paramLabel = "N",
            description = "Training threads of this node (default 0: one per core). Several nodes on one machine "
                    + "should share its cores: with 2 workers on 4 cores give each --threads 2.")
    int threads;

    @Override
    public Integer call() {
        int colon = join.lastIndexOf(':');
        int joinPort;
        try {
            joinPort = colon > 0 ? Integer.parseInt(join.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            joinPort = -1;
        }
        if (joinPort < 1 || joinPort > 65535) {
            throw new UserError(UserError.BAD_INPUT, "--join must be HOST:PORT with a port between 1 and 65535, got '"
                    + join + "'");
        }
        if (threads < 0 || threads > 4096) {
            throw new UserError(UserError.BAD_INPUT, "--threads must be between 0 (one per core) and 4096, got " + threads);
        }
        if (port < 0 || port > 65535) {
            throw new UserError(UserError.BAD_INPUT, "--port must be between 0 and 65535, got " + port);
        }
        var overrides = ConfigFactory.empty()
                .withValue("aegis.cluster.join", ConfigValueFactory.fromAnyRef(join.trim()))
                .withValue("aegis.cluster.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("aegis.cluster.host", ConfigValueFactory.fromAnyRef(host.trim()))
                .withValue("aegis.training.pool-size", ConfigValueFactory.fromAnyRef(threads));
        WorkerNode.Outcome outcome = WorkerNode.run(overrides);
        System.out.println("aegis node: " + outcome.sentence());
        return outcome.exitStatus();
    }
}
