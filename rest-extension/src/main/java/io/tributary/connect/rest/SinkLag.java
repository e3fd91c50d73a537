package io.tributary.connect.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far each sink's consumer group trails its topics: per partition the group's committed offset (which the
 * sink moves only past records every table they go to has committed), the log end, and the records between.
 *
 * <p>Offsets count transaction markers too: a topic written exactly-once ends every transaction with one, so
 * "log end − committed" stays 1 or more after the sink has read everything. When the gap is small, a
 * read-committed peek past the committed offset, up to the last stable offset, tells: no record there means
 * the lag is 0, or only what transactions still open hold.
 */
final class SinkLag implements AutoCloseable {

    /** Gaps up to this many offsets are peeked at; larger ones are reported as they are. */
    static final long PEEK_MAX_GAP = 1_000;
    private static final Duration PEEK_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> clientProps;
    private final Duration timeout;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> peeker;

    SinkLag(Map<String, Object> clientProps, Duration timeout) {
        this.clientProps = clientProps;
        this.timeout = timeout;
    }

    /** One partition's position. */
    record PartitionLag(long committed, long logEnd, long lag) {
    }

    /**
     * The lag of a sink connector's group over its topics.
     *
     * @param group       the sink's consumer group ({@code connect-<name>} unless overridden)
     * @param topics      the {@code topics} setting, or null
     * @param topicsRegex the {@code topics.regex} setting, or null
     */
    synchronized Map<String, PartitionLag> of(String group, List<String> topics, String topicsRegex) throws Exception {
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<String> names = new HashSet<>(topics == null ? List.of() : topics);
        if (topicsRegex != null && !topicsRegex.isBlank()) {
            Pattern pattern = Pattern.compile(topicsRegex);
            client.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(name -> pattern.matcher(name).matches()).forEach(names::add);
        }
        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        if (!names.isEmpty()) {
            Map<String, TopicDescription> described = client.describeTopics(names).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            described.values().forEach(topic -> topic.partitions().forEach(info ->
                    partitions.add(new TopicPartition(topic.name(), info.partition()))));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest)
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = client.listOffsets(latest,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);

        Map<TopicPartition, Long> starts = logStarts(client, partitions.stream()
                .filter(partition -> committed.get(partition) == null).toList());
        Map<TopicPartition, long[]> gaps = new HashMap<>();  // committed, last stable offset
        Map<String, PartitionLag> lags = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            long at = offset == null ? starts.get(partition) : offset.offset();
            gaps.put(partition, new long[] {at, Math.max(at, stable.get(partition).offset())});
        }
        Set<TopicPartition> empty = peekEmpty(gaps);
        gaps.forEach((partition, gap) -> {
            long end = ends.get(partition).offset();
            // Offsets of transactions still open (past the last stable offset) count as lag: not in the lake yet.
            long lag = empty.contains(partition) ? end - gap[1] : end - gap[0];
            lags.put(partition.toString(), new PartitionLag(gap[0], end, Math.max(0, lag)));
        });
        return lags;
    }

    /** Where a group without committed offsets starts: the log start (Connect sinks read from the earliest). */
    private Map<TopicPartition, Long> logStarts(Admin client, List<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(partition -> earliest.put(partition, OffsetSpec.earliest()));
        Map<TopicPartition, Long> starts = new HashMap<>();
        client.listOffsets(earliest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> starts.put(partition, info.offset()));
        return starts;
    }

    /**
     * The partitions whose small gap up to the last stable offset holds no committed record, only transaction
     * markers (or aborted data). A read_committed consumer gets no further than the last stable offset.
     */
    private Set<TopicPartition> peekEmpty(Map<TopicPartition, long[]> gaps) {
        Map<TopicPartition, long[]> peeked = new LinkedHashMap<>();
        gaps.forEach((partition, gap) -> {
            long size = gap[1] - gap[0];
            if (size > 0 && size <= PEEK_MAX_GAP) {
                peeked.put(partition, gap);
            }
        });
        Set<TopicPartition> empty = new HashSet<>();
        if (peeked.isEmpty()) {
            return empty;
        }
        KafkaConsumer<byte[], byte[]> consumer = peeker();
        consumer.assign(peeked.keySet());
        peeked.forEach((partition, gap) -> consumer.seek(partition, gap[0]));
        Set<TopicPartition> open = new HashSet<>(peeked.keySet());
        long deadline = System.nanoTime() + PEEK_TIMEOUT.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                open.remove(new TopicPartition(record.topic(), record.partition()));  // a record: lag stands
            }
            for (TopicPartition partition : new ArrayList<>(open)) {
                if (consumer.position(partition) >= peeked.get(partition)[1]) {
                    open.remove(partition);
                    empty.add(partition);
                }
            }
        }
        consumer.unsubscribe();
        return empty;
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>(clientProps);
            props.put("client.id", "tributary-rest-lag");
            admin = Admin.create(props);
        }
        return admin;
    }

    private KafkaConsumer<byte[], byte[]> peeker() {
        if (peeker == null) {
            Map<String, Object> props = new HashMap<>(clientProps);
            props.keySet().retainAll(ConsumerConfig.configNames());
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-rest-lag-peek");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
            // A gap of markers only is an empty fetch, which the broker would hold for 500 ms by default.
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
            peeker = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return peeker;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (peeker != null) {
            peeker.close(Duration.ofSeconds(5));
        }
    }

    static List<String> topicList(String topics) {
        if (topics == null || topics.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : topics.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }
}
