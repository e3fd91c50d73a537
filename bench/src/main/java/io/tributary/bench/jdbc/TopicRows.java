package io.tributary.bench.jdbc;

import io.tributary.connect.smt.boundary.SnapshotBoundary;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the rows a source connector has made visible in a topic, as a downstream reader sees them: a
 * {@code read_committed} consumer from the beginning of every partition, so that rows of an open transaction
 * do not count yet. Tributary's snapshot end markers (a header, {@link SnapshotBoundary#END}) are not rows;
 * they are counted apart. The same reader for every connector, with or without transactions, so that each pays
 * the same for being watched.
 */
final class TopicRows implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final String topic;
    private long rows;
    private long markers;

    TopicRows(String bootstrapServers, String topic, int partitionCount) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-rows-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.partitions = IntStream.range(0, partitionCount)
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Reads until at least {@code expected} rows were seen.
     *
     * @param state describes the connector, for the timeout message (its status, say)
     * @return {@link System#nanoTime()} when the count was first seen at or above {@code expected}
     * @throws IllegalStateException on timeout
     */
    long awaitAtLeast(long expected, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rows < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + expected
                        + " rows in " + topic + "; saw " + rows + "; " + state.get());
            }
            poll();
        }
        return System.nanoTime();
    }

    /**
     * Reads to the end of every partition as a {@code read_committed} reader may (the last stable offset), and
     * returns the rows seen in all.
     */
    long drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + topic + " to its end " + ends + " in "
                        + timeout.toSeconds() + " s");
            }
            poll();
        }
        return rows;
    }

    long markers() {
        return markers;
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.headers().lastHeader(SnapshotBoundary.END) != null) {
                markers++;
            } else {
                rows++;
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
