package io.tributary.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sink lag against a real broker, with exactly-once writers' transaction markers and open transactions. */
class SinkLagTest {

    private static EmbeddedKafkaCluster kafka;
    private static SinkLag lag;
    private static Admin admin;

    @BeforeAll
    static void start() {
        Properties broker = new Properties();
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("auto.create.topics.enable", "false");
        kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        lag = new SinkLag(Map.of("bootstrap.servers", kafka.bootstrapServers()), Duration.ofSeconds(30));
        admin = kafka.createAdminClient();
    }

    @AfterAll
    static void stop() {
        lag.close();
        admin.close();
        kafka.stop();
    }

    @Test
    void aGroupThatReadEverythingLagsNothingThoughMarkersFollowIt() throws Exception {
        kafka.createTopic("read-all", 1);
        try (KafkaProducer<String, String> producer = transactional("read-all-writer")) {
            sendCommitted(producer, "read-all", 5);  // records 0..4, marker 5
        }
        commit("g-read-all", "read-all", 5);

        SinkLag.PartitionLag position = lag.of("g-read-all", List.of("read-all"), null).get("read-all-0");

        assertThat(position).isEqualTo(new SinkLag.PartitionLag(5, 6, 0));
    }

    @Test
    void recordsPastTheGroupAreLagMarkersIncluded() throws Exception {
        kafka.createTopic("behind", 1);
        try (KafkaProducer<String, String> producer = transactional("behind-writer")) {
            sendCommitted(producer, "behind", 5);
        }
        commit("g-behind", "behind", 3);

        assertThat(lag.of("g-behind", List.of("behind"), null).get("behind-0"))
                .isEqualTo(new SinkLag.PartitionLag(3, 6, 3));
    }

    @Test
    void anOpenTransactionCountsAsLagButTheMarkersBeforeItDoNot() throws Exception {
        kafka.createTopic("open", 1);
        try (KafkaProducer<String, String> producer = transactional("open-writer")) {
            sendCommitted(producer, "open", 5);  // 0..4, marker 5
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("open", "k", "in flight 1"));
            producer.send(new ProducerRecord<>("open", "k", "in flight 2"));
            producer.flush();  // offsets 6 and 7, not committed: the last stable offset stays 6
            commit("g-open", "open", 5);

            SinkLag.PartitionLag position = lag.of("g-open", List.of("open"), null).get("open-0");

            // Only the marker lies between the group and the last stable offset; the open transaction's two
            // offsets are not in the lake yet. (Peeking to the log end would find nothing and report 3.)
            assertThat(position).isEqualTo(new SinkLag.PartitionLag(5, 8, 2));
            producer.abortTransaction();
        }
    }

    @Test
    void aGroupWithoutOffsetsStartsAtTheLogStartAndRegexTopicsCount() throws Exception {
        kafka.createTopic("fresh.a", 2);
        kafka.produce("fresh.a", 0, "k", "one");
        kafka.produce("fresh.a", 0, "k", "two");

        Map<String, SinkLag.PartitionLag> lags = lag.of("g-never-ran", null, "fresh\\..*");

        assertThat(lags).containsEntry("fresh.a-0", new SinkLag.PartitionLag(0, 2, 2))
                .containsEntry("fresh.a-1", new SinkLag.PartitionLag(0, 0, 0));
    }

    private static KafkaProducer<String, String> transactional(String id) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, id), new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    private static void sendCommitted(KafkaProducer<String, String> producer, String topic, int records) {
        producer.beginTransaction();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
        }
        producer.commitTransaction();
    }

    private static void commit(String group, String topic, long offset) throws Exception {
        admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
                .all().get();
    }
}
