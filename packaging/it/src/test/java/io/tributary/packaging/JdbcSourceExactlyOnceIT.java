package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC source under exactly-once source support: a snapshot committed in small transactions, the worker
 * running the task removed in the middle of it. A read_committed consumer must see every row exactly once,
 * all under one snapshot id, and one end marker per partition counting exactly the rows there.
 */
class JdbcSourceExactlyOnceIT {

    private static final int ROWS = 200_000;
    private static final int PARTITIONS = 3;
    private static final String TOPIC = "eos.public.items";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @TempDir
    static Path pluginPath;

    private static ConnectCluster cluster;
    private static TestPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        postgres = TestPostgres.start();
        postgres.createDatabase("shop");
        try (Connection db = postgres.connect("shop"); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(12,2), "
                    + "updated timestamptz NOT NULL, padding text)");
            statement.execute("INSERT INTO items SELECT g, 'item ' || g, g * 0.25, "
                    + "timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', repeat('x', 200) "
                    + "FROM generate_series(1, " + ROWS + ") g");
            statement.execute("ANALYZE items");
        }
        // A lost worker's connectors and tasks are otherwise held for it for 5 minutes before reassignment.
        cluster = ConnectCluster.builder().workers(3).pluginPath(pluginPath).exactlyOnceSource()
                .workerProperty("scheduled.rebalance.max.delay.ms", "3000").start();
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    @Test
    void aSnapshotSurvivesLosingItsWorkerWithEveryRowExactlyOnceAndCorrectMarkers() throws Exception {
        cluster.createTopic(TOPIC, PARTITIONS);
        Map<String, String> config = JdbcSourceConfigs.reading(postgres, "shop");
        config.put("tables", "public.items");
        config.put("topic.template", "eos.${schema}.${table}");
        config.put("topic.partitions", Integer.toString(PARTITIONS));
        config.put("snapshot.transaction.rows", "2000");
        config.put("snapshot.fetch.size", "1000");
        config.put("batch.max.rows", "500");
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        cluster.rest().putConnector("items-eos", config);
        cluster.awaitRunning("items-eos", 1, Duration.ofSeconds(90));

        long committedAtKill;
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
            Await.until("some committed rows", Duration.ofSeconds(60),
                    () -> committed(consumer) >= 20_000 ? Boolean.TRUE : null, () -> "fewer");
            removeWorkerRunningTask("items-eos");
            committedAtKill = committed(consumer);
        }
        assertThat(committedAtKill).as("the worker must leave in the middle of the snapshot").isLessThan(ROWS);
        cluster.awaitRunning("items-eos", 1, Duration.ofSeconds(120));

        List<ConsumerRecord<byte[], byte[]>> records = Await.until("the snapshot's markers", Duration.ofMinutes(4),
                () -> {
                    List<ConsumerRecord<byte[], byte[]>> all = readAllCommitted();
                    return all.stream().filter(r -> r.headers().lastHeader("tributary.snapshot.end") != null)
                            .count() >= PARTITIONS ? all : null;
                }, () -> "markers not all there yet");
        // Give a duplicate, if there were one, the time to commit.
        Thread.sleep(3_000);
        records = readAllCommitted();

        List<ConsumerRecord<byte[], byte[]>> markers = records.stream()
                .filter(r -> r.headers().lastHeader("tributary.snapshot.end") != null).toList();
        List<ConsumerRecord<byte[], byte[]>> rows = records.stream()
                .filter(r -> r.headers().lastHeader("tributary.snapshot.end") == null).toList();
        List<Long> ids = rows.stream().map(JdbcSourceExactlyOnceIT::id).toList();
        assertThat(ids).hasSize(ROWS);
        assertThat(Set.copyOf(ids)).hasSize(ROWS);
        assertThat(records.stream().map(r -> header(r, "tributary.snapshot.id")).distinct()).hasSize(1);

        assertThat(markers).hasSize(PARTITIONS);
        Map<Integer, Long> rowsPerPartition = rows.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.counting()));
        for (ConsumerRecord<byte[], byte[]> marker : markers) {
            assertThat(Long.parseLong(header(marker, "tributary.snapshot.end")))
                    .isEqualTo(rowsPerPartition.get(marker.partition()));
            assertThat(Long.parseLong(header(marker, "tributary.snapshot.rows"))).isEqualTo(ROWS);
        }
        assertThat(markers.stream().map(ConsumerRecord::partition).distinct()).hasSize(PARTITIONS);
    }

    /** Stops the worker the task runs on, as a crash of that worker would end the task (gracefully here). */
    private static void removeWorkerRunningTask(String connector) {
        String workerId = cluster.rest().status(connector).path("tasks").get(0).path("worker_id").asText();
        String port = workerId.substring(workerId.lastIndexOf(':') + 1);
        WorkerHandle worker = cluster.embedded().workers().stream()
                .filter(handle -> Integer.toString(handle.url().getPort()).equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + workerId));
        cluster.embedded().removeWorker(worker);
    }

    private static long committed(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = partitions();
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAllCommitted() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = readCommittedConsumer()) {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, end offsets are the last stable offsets: everything committed so far.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        return partitions;
    }

    private static KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "eos-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static long id(ConsumerRecord<byte[], byte[]> record) {
        Matcher matcher = ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
        if (!matcher.find()) {
            throw new AssertionError("no id in a row at offset " + record.offset());
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
