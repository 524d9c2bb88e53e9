package dev.shopreco.localkafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker settings every local node shares, sized by the number of nodes in its cluster: the
 * replication of every topic (the system's, Kafka Streams' internal ones and Kafka's own) follows
 * the cluster, so that one node accepts one replica and three nodes keep three with two in sync.
 */
final class BrokerDefaults {

    private BrokerDefaults() {
    }

    /** Replicas of each partition on a cluster of {@code nodes}: every node, at most three. */
    static int replicationFactor(final int nodes) {
        return Math.min(3, nodes);
    }

    /**
     * Replicas that must acknowledge an {@code acks=all} write: two when there are three, so one
     * broker may be lost without losing an acknowledged record or stopping writes; one below that.
     */
    static int minInsyncReplicas(final int nodes) {
        return replicationFactor(nodes) >= 3 ? 2 : 1;
    }

    /** The settings, for a cluster of {@code nodes}. */
    static Map<String, String> of(final int nodes) {
        final String replicas = Integer.toString(replicationFactor(nodes));
        final String minIsr = Integer.toString(minInsyncReplicas(nodes));
        final Map<String, String> p = new LinkedHashMap<>();
        // topics are created explicitly by the system (Topics.ensure), never by a typo in a client
        p.put("auto.create.topics.enable", "false");
        // a topic created without an explicit replication (the system's, Kafka Streams' internal ones)
        // takes these: the cluster, not each client, decides how many copies it keeps
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        // Kafka's own topics: consumer groups and exactly-once Streams never get ready if these ask
        // for more replicas than there are nodes
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        // fewer internal partitions: the first consumer group and transaction start in a second, not ten
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        // no reason to delay the first rebalance on a development cluster
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        return p;
    }
}
