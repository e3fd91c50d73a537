package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test kit's own contract, on a real broker and two real workers. */
class ConnectClusterIT {

    private static ConnectCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ConnectCluster.builder().workers(2).start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void everyWorkerServesRest() {
        assertThat(cluster.workerUrls()).hasSize(2);
        for (var url : cluster.workerUrls()) {
            assertThat(new ConnectRest(url).send("GET", "", null).path("version").asText()).isNotBlank();
        }
    }

    @Test
    void readCommittedSkipsAbortedTransactions() {
        cluster.createTopic("txn", 1);
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-txn");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("txn", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("txn", "committed-1"));
            producer.send(new ProducerRecord<>("txn", "committed-2"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<byte[], byte[]>> records = cluster.readCommitted("txn", 2, Duration.ofSeconds(30));

        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("committed-1", "committed-2");
    }

    @Test
    void readCommittedTimesOutSayingWhatItSaw() {
        cluster.createTopic("empty", 1);

        assertThatThrownBy(() -> cluster.readCommitted("empty", 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 committed record(s) in topic 'empty'")
                .hasMessageContaining("last seen: 0 record(s)");
    }

    @Test
    void awaitRunningFailsFastWithTheTraceOfAFailedConnector() {
        // A class the worker cannot find is rejected at creation with a clear REST error.
        assertThatThrownBy(() -> cluster.rest().putConnector("nope", Map.of("connector.class", "com.example.Nope")))
                .isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("com.example.Nope")
                .satisfies(e -> assertThat(((ConnectRestException) e).status()).isEqualTo(400));

        assertThatThrownBy(() -> cluster.awaitRunning("absent", 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("connector 'absent' RUNNING with 1 task(s)")
                .hasMessageContaining("404");
    }
}
