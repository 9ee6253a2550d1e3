package io.aegis.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The cluster settings of a node, from {@code aegis.cluster.*}: the coordinator of a run (also a
 * plain single-JVM run, a cluster of one) or a worker that joins it. All nodes of one run share the
 * actor-system name {@link #SYSTEM}.
 */
public final class ClusterNode {
    public static final String SYSTEM = "aegis";
    /** The role of worker nodes (they also host clients). */
    public static final String WORKER = "worker";

    private ClusterNode() {}

    /** Whether this node's configuration makes it a worker. */
    public static boolean isWorker(Config config) {
        return !config.getString("aegis.cluster.join").isBlank();
    }

    public static int minWorkers(Config config) {
        return config.getInt("aegis.cluster.min-workers");
    }

    /** The wall time after which unanswered clients count as lost; null when no node can be lost. */
    public static Duration replyTimeout(Config config) {
        return minWorkers(config) > 0 ? config.getDuration("aegis.cluster.reply-timeout") : null;
    }

    /** {@code base} as a cluster node: the cluster defaults under it, this node's address and roles over it. */
    public static Config config(Config base) {
        String host = base.getString("aegis.cluster.host");
        int port = base.getInt("aegis.cluster.port");
        List<String> roles = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        if (isWorker(base)) {
            roles.add(WORKER);
            roles.add(ClientShards.ROLE);
            seeds.add("pekko://" + SYSTEM + "@" + base.getString("aegis.cluster.join").trim());
        } else if (minWorkers(base) == 0) {
            roles.add(ClientShards.ROLE); // nobody else will host the clients
        }
        Config node = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigFactory.parseString("v=\"" + host + "\"").getValue("v"))
                .withValue("pekko.remote.artery.canonical.port", ConfigFactory.parseString("v=" + port).getValue("v"))
                .withValue("pekko.cluster.roles", com.typesafe.config.ConfigValueFactory.fromIterable(roles))
                .withValue("pekko.cluster.seed-nodes", com.typesafe.config.ConfigValueFactory.fromIterable(seeds));
        return node.withFallback(ConfigFactory.parseResources("aegis-cluster.conf")).withFallback(base).resolve();
    }

    /** The coordinator is the seed: it joins itself, whatever port it got. */
    public static void joinSelf(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
}
