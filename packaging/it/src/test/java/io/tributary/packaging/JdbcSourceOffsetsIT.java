package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.ConnectRestException;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators' offset edits on real workers: PATCH one table's offset with a re-snapshot request, and DELETE
 * every offset, each followed by new snapshots of exactly the tables concerned; garbage is refused.
 */
class JdbcSourceOffsetsIT {

    private static final String CONNECTOR = "shop-offsets";

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
            statement.execute("CREATE TABLE a (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO a SELECT g, 'a' || g FROM generate_series(1, 100) g");
            statement.execute("CREATE TABLE b (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO b SELECT g, 'b' || g FROM generate_series(1, 50) g");
        }
        cluster = ConnectCluster.builder().workers(1).pluginPath(pluginPath).start();
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    @Test
    void aPatchedResnapshotAndADeleteEachTakeNewSnapshotsOfTheirTables() {
        cluster.createTopic("reset.a", 1);
        cluster.createTopic("reset.b", 1);
        Map<String, String> config = JdbcSourceConfigs.reading(postgres, "shop");
        config.put("tables", "public.a,public.b");
        config.put("topic.template", "reset.${table}");
        cluster.rest().putConnector(CONNECTOR, config);
        cluster.awaitRunning(CONNECTOR, 1, Duration.ofSeconds(90));
        awaitMarkers("reset.a", 1);
        awaitMarkers("reset.b", 1);

        stopConnector();
        JsonNode offsets = cluster.rest().send("GET", "/connectors/" + CONNECTOR + "/offsets", null);
        assertThat(offsets.toString()).contains("public.a", "public.b", "completed.id");

        assertThatThrownBy(() -> patch(Map.of("partition", Map.of("table", "public.a"),
                "offset", Map.of("snapshot.id", 42))))
                .isInstanceOf(ConnectRestException.class).hasMessageContaining("public.a");

        patch(Map.of("partition", Map.of("table", "public.a"), "offset", Map.of("resnapshot", "TICKET-1")));
        resumeConnector();
        awaitMarkers("reset.a", 2);
        sleep(3_000);
        assertThat(markers("reset.b")).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> markersOfA = markers("reset.a");
        assertThat(header(markersOfA.get(0), "tributary.snapshot.id"))
                .isNotEqualTo(header(markersOfA.get(1), "tributary.snapshot.id"));
        assertThat(header(markersOfA.get(1), "tributary.snapshot.end")).isEqualTo("100");

        stopConnector();
        cluster.rest().send("DELETE", "/connectors/" + CONNECTOR + "/offsets", null);
        resumeConnector();
        awaitMarkers("reset.a", 3);
        awaitMarkers("reset.b", 2);
        assertThat(header(markers("reset.b").get(1), "tributary.snapshot.end")).isEqualTo("50");
    }

    private static void patch(Map<String, Object> entry) {
        cluster.rest().send("PATCH", "/connectors/" + CONNECTOR + "/offsets", Map.of("offsets", List.of(entry)));
    }

    private static void stopConnector() {
        cluster.rest().send("PUT", "/connectors/" + CONNECTOR + "/stop", null);
        Await.until("connector stopped", Duration.ofSeconds(60), () -> "STOPPED".equals(
                cluster.rest().status(CONNECTOR).path("connector").path("state").asText()) ? Boolean.TRUE : null,
                () -> cluster.rest().status(CONNECTOR).toString());
    }

    private static void resumeConnector() {
        cluster.rest().send("PUT", "/connectors/" + CONNECTOR + "/resume", null);
        cluster.awaitRunning(CONNECTOR, 1, Duration.ofSeconds(60));
    }

    private static void awaitMarkers(String topic, int count) {
        Await.until(count + " marker(s) in " + topic, Duration.ofSeconds(60),
                () -> markers(topic).size() >= count ? Boolean.TRUE : null, () -> markers(topic).size() + "");
    }

    private static List<ConsumerRecord<byte[], byte[]>> markers(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions).get(partitions.get(0));
            while (consumer.position(partitions.get(0)) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records.stream().filter(r -> r.headers().lastHeader("tributary.snapshot.end") != null).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
