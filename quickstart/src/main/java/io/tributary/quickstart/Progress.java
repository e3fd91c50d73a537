package io.tributary.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Live counters while data flows, from Kafka itself: how many records each topic holds and how far each sink's
 * consumer group has committed them into the lake (a sink only moves its group offset past records its tables
 * committed). One line, rewritten in place.
 */
final class Progress implements AutoCloseable {

    private final Admin admin;
    private final String bootstrapServers;

    Progress(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records in {@code topic} and, of those, committed by {@code sinkConnector} (its group's offsets). */
    long[] topicAndCommitted(String topic, String sinkConnector) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + sinkConnector)
                    .partitionsToOffsetAndMetadata().get();
            long done = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            return new long[] {end, done};
        } catch (ExecutionException e) {
            return new long[] {0, 0};  // the topic does not exist yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {0, 0};
        }
    }

    /**
     * Whether {@code sinkConnector} has committed everything of {@code topic} into the lake: a read_committed
     * consumer starting at its group's offsets finds no record left. (Comparing offsets alone is not enough:
     * with exactly-once sources each transaction ends in a marker that takes an offset but is no record, so
     * a group that has everything still trails the end offset.)
     */
    boolean caughtUp(String topic, String sinkConnector) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return false;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + sinkConnector)
                    .partitionsToOffsetAndMetadata().get();
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                consumer.seek(partition, offset == null ? 0 : offset.offset());
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return false;
                }
                if (partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    return true;
                }
            }
            return false;
        } catch (ExecutionException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void print(PrintStream out, ClickGenerator.Counts clicks) {
        long[] clickTopic = topicAndCommitted("retail.clicks", "retail-clicks-sink");
        long[] orderTopic = topicAndCommitted("retail.orders", "retail-orders-sink");
        out.printf("\rclicks posted %,d (accepted %,d, rejected %,d) | retail.clicks %,d, in the lake %,d | "
                        + "retail.orders %,d, in the lake %,d   ", clicks.sent.get(), clicks.accepted.get(),
                clicks.rejected.get(), clickTopic[0], clickTopic[1], orderTopic[0], orderTopic[1]);
        out.flush();
    }

    @Override
    public void close() {
        admin.close();
    }
}
