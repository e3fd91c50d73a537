package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under faults: records keep arriving while workers leave and join and tasks restart, forcing
 * rebalances in the middle of open files and commits. The table must end with every record exactly once.
 */
class IcebergSinkFaultsIT {

    private static final int RECORDS = 6_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path lake;

    private static ConnectCluster cluster;
    private static IcebergTables tables;
    /** The catalog's database: a server, so this JVM's reader and the workers' sinks never share SQLite locks. */
    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        cluster = ConnectCluster.builder().workers(3).pluginPath(pluginPath).start();
        postgres = TestPostgres.start();
        tables = IcebergTables.postgresWarehouse(lake, postgres, "lake");
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    @Test
    void everyRecordLandsExactlyOnceThroughWorkerLossRestartsAndRebalances() throws Exception {
        cluster.createTopic("events", 6);
        Map<String, String> config = new HashMap<>(tables.sinkConfig());
        config.put("connector.class", "io.tributary.connect.iceberg.TributaryIcebergSinkConnector");
        config.put("tasks.max", "3");
        config.put("topics", "events");
        config.put("iceberg.tables", "lake.events");
        config.put("iceberg.tables.partition-by", "bucket(4, id)");
        config.put("iceberg.commit.interval.ms", "300");
        cluster.rest().putConnector("events-sink", config);
        cluster.awaitRunning("events-sink", 3, Duration.ofSeconds(90));

        ExecutorService producer = Executors.newSingleThreadExecutor();
        Future<?> produced = producer.submit(this::produceSlowly);
        Thread.sleep(2_000);
        cluster.embedded().removeWorker();
        Thread.sleep(3_000);
        cluster.embedded().addWorker();
        Thread.sleep(3_000);
        cluster.embedded().restartConnectorAndTasks("events-sink", false, true, false);
        Thread.sleep(3_000);
        cluster.embedded().removeWorker();
        Thread.sleep(2_000);
        cluster.embedded().addWorker();
        produced.get();
        producer.shutdown();

        List<Record> rows = Await.until(RECORDS + " rows in lake.events", TIMEOUT, () -> {
            List<Record> current = tables.rows("lake.events");
            return current.size() >= RECORDS ? current : null;
        }, () -> tables.rows("lake.events").size() + " rows");
        // Give a late duplicate, if there were one, the time to show up.
        Thread.sleep(3_000);
        rows = tables.rows("lake.events");

        Set<Object> ids = rows.stream().map(r -> r.getField("id")).collect(Collectors.toSet());
        assertThat(ids).hasSize(RECORDS);
        assertThat(rows).hasSize(RECORDS);
    }

    private Void produceSlowly() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String value = "{\"id\":" + i + ",\"payload\":\"event-" + i + "\"}";
                producer.send(new ProducerRecord<>("events", ("k" + i).getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
                if (i % 60 == 59) {
                    producer.flush();
                    Thread.sleep(40);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
