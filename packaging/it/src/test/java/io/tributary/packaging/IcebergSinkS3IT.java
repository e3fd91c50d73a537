package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.LogCapture;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import io.tributary.testkit.TestS3;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg sink from the packaged zip writing its warehouse to a real S3 API server (s3proxy) through
 * Iceberg's S3FileIO, configured only with the connector's iceberg.s3.* keys: the SDK and HTTP client the
 * bundle ships must be enough, and the secret key must never show in the worker's log or the status API.
 */
class IcebergSinkS3IT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String BUCKET = "lake";
    private static final String WRONG_SECRET = "wrong-secret-5d2e8b41";

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path work;

    private static LogCapture logs;
    private static TestS3 s3;
    private static ConnectCluster cluster;
    private static IcebergTables tables;
    /** The catalog's database: a server, so this JVM's reader and the workers' sinks never share SQLite locks. */
    private static TestPostgres postgres;

    @BeforeAll
    static void start() {
        // Connect and the config dumps at INFO, as a worker logs by default: where a leaked secret would show.
        logs = LogCapture.start(Map.of("org.apache.kafka.connect", Level.INFO,
                "org.apache.kafka.common.config", Level.INFO, "org.apache.iceberg", Level.INFO,
                "software.amazon.awssdk", Level.INFO));
        s3 = TestS3.start(work.resolve("s3"));
        s3.createBucket(BUCKET);
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        cluster = ConnectCluster.builder().pluginPath(pluginPath).start();
        postgres = TestPostgres.start();
        tables = IcebergTables.postgresCatalogOnS3(postgres, "lake", s3, BUCKET);
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, s3, logs, postgres);
    }

    private static List<Record> awaitRows(String table, int count) {
        return Await.until(count + " rows in " + table, TIMEOUT, () -> {
            List<Record> rows = tables.rows(table);
            return rows.size() >= count ? rows : null;
        }, () -> tables.rows(table).size() + " rows");
    }

    @Test
    void writesEveryRecordIntoTheBucketThroughS3FileIo() throws IOException {
        cluster.createTopic("orders", 2);
        for (int i = 0; i < 200; i++) {
            cluster.embedded().kafka().produce("orders", i % 2, "k" + i,
                    "{\"order_id\":" + i + ",\"customer\":\"c" + (i % 13) + "\",\"total\":" + i + ".25}");
        }
        cluster.rest().putConnector("orders-s3", IcebergSinkConfigs.writing(tables, "orders", "shop.orders"));
        cluster.awaitRunning("orders-s3", 2, TIMEOUT);

        List<Record> rows = awaitRows("shop.orders", 200);
        assertThat(rows).hasSize(200);
        assertThat(rows.stream().map(r -> r.getField("order_id")).distinct().count()).isEqualTo(200);

        Table table = tables.load("shop.orders");
        assertThat(table.location()).startsWith("s3://" + BUCKET + "/warehouse/");
        List<String> written = new ArrayList<>();
        written.add(((HasTableOperations) table).operations().current().metadataFileLocation());
        written.add(table.currentSnapshot().manifestListLocation());
        try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
            files.forEach(file -> {
                written.add(file.file().location());
                assertThat(storedFile(file.file().location())).hasSize(file.file().fileSizeInBytes());
            });
        }
        assertThat(written).hasSizeGreaterThan(2).allSatisfy(location -> assertThat(storedFile(location))
                .as("%s is an object in the s3proxy directory", location).isRegularFile());
        assertThat(tableFilesOutside(s3.objectsDir())).as("table files written anywhere else").isEmpty();

        JsonNode status = cluster.rest().status("orders-s3");
        assertThat(status.toString()).doesNotContain(s3.secretKey());
        assertThat(logs.text()).as("the connector's config dump is in the captured log")
                .contains("iceberg.s3.secret-access-key = [hidden]")
                .doesNotContain(s3.secretKey());
    }

    /**
     * A wrong secret key must stop the task where an operator sees it, with the cause but not the key; once
     * the config is fixed, every record produced meanwhile arrives, exactly once.
     */
    @Test
    void aWrongSecretFailsTheTaskVisiblyAndEveryRecordArrivesOnceItIsFixed() {
        cluster.createTopic("refunds", 1);
        for (int i = 0; i < 60; i++) {
            cluster.embedded().kafka().produce("refunds", 0, null, "{\"refund_id\":" + i + ",\"amount\":" + i + "}");
        }
        Map<String, String> config = IcebergSinkConfigs.writing(tables, "refunds", "shop.refunds");
        config.put("tasks.max", "1");
        config.put("iceberg.s3.secret-access-key", WRONG_SECRET);
        cluster.rest().putConnector("refunds-s3", config);

        JsonNode task = awaitTaskState("refunds-s3", "FAILED");
        String trace = task.path("trace").asText();
        assertThat(trace).contains("shop.refunds").containsIgnoringCase("signature").contains("403");
        assertThat(cluster.rest().status("refunds-s3").toString())
                .doesNotContain(WRONG_SECRET).doesNotContain(s3.secretKey());
        for (int i = 60; i < 100; i++) {
            cluster.embedded().kafka().produce("refunds", 0, null, "{\"refund_id\":" + i + ",\"amount\":" + i + "}");
        }
        assertThat(tables.rows("shop.refunds")).isEmpty();

        config.put("iceberg.s3.secret-access-key", s3.secretKey());
        cluster.rest().putConnector("refunds-s3", config);
        // The new config restarts the failed task; until then the status still shows the failure.
        awaitTaskState("refunds-s3", "RUNNING");

        awaitRows("shop.refunds", 100);
        // Give a duplicate, if there were one, the time to be committed.
        sleep(Duration.ofSeconds(3));
        List<Record> rows = tables.rows("shop.refunds");
        assertThat(rows).hasSize(100);
        assertThat(rows.stream().map(r -> r.getField("refund_id")).collect(Collectors.toSet())).hasSize(100);
        assertThat(logs.text()).contains("refunds-s3").doesNotContain(WRONG_SECRET).doesNotContain(s3.secretKey());
    }

    /** The status of the connector's only task, once it is in {@code state}. */
    private static JsonNode awaitTaskState(String connector, String state) {
        return Await.until("task of " + connector + " " + state, TIMEOUT, () -> {
            JsonNode tasks = cluster.rest().status(connector).path("tasks");
            return tasks.size() == 1 && state.equals(tasks.get(0).path("state").asText()) ? tasks.get(0) : null;
        }, () -> cluster.rest().status(connector).toString());
    }

    /** The file s3proxy stores object {@code s3://bucket/key} in. */
    private static Path storedFile(String location) {
        URI uri = URI.create(location);
        assertThat(uri.getScheme()).isEqualTo("s3");
        assertThat(uri.getHost()).isEqualTo(BUCKET);
        return s3.objectFile(BUCKET, uri.getPath().substring(1));
    }

    /** Data, manifest and metadata files anywhere under the test's directories but {@code allowed}. */
    private static List<Path> tableFilesOutside(Path allowed) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.startsWith(allowed))
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".parquet") || name.endsWith(".avro") || name.endsWith(".metadata.json");
                    })
                    .toList();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
