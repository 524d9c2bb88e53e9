package dev.shopreco.localkafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Iterator;
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
    void shouldDrawAgainAFreePortThatAnotherNodeAlreadyHas() {
        // the system hands out a port it had free, which can be the one it gave a moment before
        final Iterator<Integer> draws = List.of(40000, 40000, 40001, 40000, 40001, 40002, 40003, 40003, 40004,
                40005).iterator();
        final List<int[]> ports = LocalKafkaCluster.ports(LocalKafkaCluster.builder().nodes(3), draws::next);
        assertEquals(List.of(40000, 40001, 40002, 40003, 40004, 40005),
                ports.stream().flatMapToInt(Arrays::stream).boxed().toList());
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
