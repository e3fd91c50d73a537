package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink commits on its own interval when a topic goes quiet, on a worker whose offset flush is far away.
 * Connect calls a sink task only when records arrive or when it flushes offsets (every
 * {@code offset.flush.interval.ms}, a minute by default); the other tests' workers flush every second, which
 * would hide a sink that waits for the flush to commit the end of a burst.
 */
class IcebergSinkQuietTopicIT {

    /** Much longer than any wait below: a commit seen in time was not triggered by an offset flush. */
    private static final String OFFSET_FLUSH_MS = "600000";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path lake;

    private static ConnectCluster cluster;
    private static TestPostgres postgres;
    private static IcebergTables tables;

    @BeforeAll
    static void start() {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        cluster = ConnectCluster.builder().workers(1).pluginPath(pluginPath)
                .workerProperty("offset.flush.interval.ms", OFFSET_FLUSH_MS).start();
        postgres = TestPostgres.start();
        tables = IcebergTables.postgresWarehouse(lake, postgres, "lake");
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    /**
     * Two bursts: the second arrives right after the first was committed, well inside the commit interval, and
     * then nothing more. Its records must be visible one interval later, not at the next offset flush.
     */
    @Test
    void theEndOfABurstIsCommittedOneIntervalLaterNotAtTheNextOffsetFlush() {
        cluster.createTopic("clicks", 2);
        Map<String, String> config = IcebergSinkConfigs.writing(tables, "clicks", "web.clicks");
        config.put("iceberg.commit.interval.ms", "5000");
        cluster.rest().putConnector("clicks-sink", config);
        cluster.awaitRunning("clicks-sink", 2, TIMEOUT);

        produce(0, 20);
        awaitRows(20);
        produce(20, 30);
        List<Record> rows = awaitRows(30);

        assertThat(rows).hasSize(30);
        assertThat(rows.stream().map(row -> row.getField("id")).distinct()).hasSize(30);
        assertThat(cluster.rest().status("clicks-sink").path("tasks").findValuesAsText("state"))
                .containsOnly("RUNNING");
    }

    private static void produce(int from, int to) {
        for (int i = from; i < to; i++) {
            cluster.embedded().kafka().produce("clicks", i % 2, null, "{\"id\":" + i + ",\"page\":\"/p" + i + "\"}");
        }
    }

    private static List<Record> awaitRows(int count) {
        return Await.until(count + " rows in web.clicks", TIMEOUT, () -> {
            List<Record> rows = tables.exists("web.clicks") ? tables.rows("web.clicks") : List.of();
            return rows.size() >= count ? rows : null;
        }, () -> (tables.exists("web.clicks") ? tables.rows("web.clicks").size() : 0) + " rows; "
                + cluster.rest().status("clicks-sink"));
    }
}
