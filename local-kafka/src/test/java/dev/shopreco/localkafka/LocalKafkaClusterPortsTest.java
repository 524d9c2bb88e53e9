package dev.shopreco.localkafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalKafkaClusterPortsTest {

    @Test
    void shouldInterleaveTheDefaultPortsSoThatTheSingleBrokerDefaultsStay() {
        final List<int[]> ports = LocalKafkaCluster.ports(LocalKafkaCluster.builder().nodes(3).port(9092).controllerPort(9093));
        assertArrayEquals(new int[] {9092, 9093}, ports.get(0));
        assertArrayEquals(new int[] {9094, 9095}, ports.get(1));
        assertArrayEquals(new int[] {9096, 9097}, ports.get(2));
    }

    @Test
    void shouldRefuseOverlappingPorts() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalKafkaCluster.ports(LocalKafkaCluster.builder().nodes(3).port(9092).controllerPort(9094)));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void shouldSizeReplicationByTheNumberOfNodes() {
        assertEquals("1", BrokerDefaults.of(1).get("default.replication.factor"));
        assertEquals("1", BrokerDefaults.of(1).get("min.insync.replicas"));
        assertEquals("2", BrokerDefaults.of(2).get("transaction.state.log.replication.factor"));
        assertEquals("1", BrokerDefaults.of(2).get("transaction.state.log.min.isr"));
        assertEquals("3", BrokerDefaults.of(3).get("offsets.topic.replication.factor"));
        assertEquals("2", BrokerDefaults.of(3).get("min.insync.replicas"));
        assertEquals("3", BrokerDefaults.of(5).get("default.replication.factor"));
        assertEquals("2", BrokerDefaults.of(5).get("min.insync.replicas"));
    }
}
