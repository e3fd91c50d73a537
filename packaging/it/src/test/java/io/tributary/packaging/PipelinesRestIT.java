package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.ConnectRest;
import io.tributary.testkit.ConnectRestException;
import io.tributary.testkit.FreePorts;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /tributary} on a 3-worker cluster running the packaged zip with the REST extension enabled: a JDBC
 * snapshot, a JDBC incremental table, the events source and a 2-task Iceberg sink. The figures must be what
 * happened, any worker must give the same cluster-wide answer, and health must follow a task's failure and
 * restart.
 */
class PipelinesRestIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 3_000;
    private static final int CLICKS = 400;
    private static final String TOKEN = "events-token-never-shown-0042";

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path lake;

    private static TestPostgres postgres;
    private static IcebergTables tables;
    private static ConnectCluster cluster;
    private static int eventsPort;

    @BeforeAll
    static void start() throws Exception {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        postgres = TestPostgres.start();
        tables = IcebergTables.postgresWarehouse(lake, postgres, "lake");
        postgres.createDatabase("ops");
        try (Connection db = postgres.connect("ops"); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(10,2))");
            sql.execute("INSERT INTO orders SELECT g, g * 0.5 FROM generate_series(1, " + ORDERS + ") g");
            sql.execute("ANALYZE orders");
            sql.execute("CREATE TABLE ticks (id bigint PRIMARY KEY, note text)");
            sql.execute("INSERT INTO ticks SELECT g, 'tick' FROM generate_series(1, 50) g");
        }
        cluster = ConnectCluster.builder().workers(3).pluginPath(pluginPath).exactlyOnceSource()
                .workerProperty("rest.extension.classes", "io.tributary.connect.rest.TributaryRestExtension")
                .start();
        cluster.createTopic("ops.orders", 2);
        cluster.createTopic("ops.ticks", 1);
        cluster.createTopic("ops.clicks", 3);

        Map<String, String> orders = JdbcSourceConfigs.reading(postgres, "ops");
        orders.put("tables", "public.orders");
        orders.put("topic.template", "ops.${table}");
        orders.put("topic.partitions", "2");
        cluster.rest().putConnector("ops-orders", orders);

        Map<String, String> ticks = JdbcSourceConfigs.reading(postgres, "ops");
        ticks.put("tables", "public.ticks");
        ticks.put("mode", "incremental");
        ticks.put("incrementing.column", "id");
        ticks.put("incremental.poll.interval.ms", "200");
        ticks.put("topic.template", "ops.${table}");
        cluster.rest().putConnector("ops-ticks", ticks);

        eventsPort = FreePorts.loopback();
        Map<String, String> events = EventsSourceConfigs.serving(eventsPort, "clicks", "ops.${stream}");
        events.put("auth.bearer.tokens", TOKEN);
        cluster.rest().putConnector("ops-events", events);

        Map<String, String> sink = IcebergSinkConfigs.writing(tables, "ops.clicks", "ops.clicks");
        sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("value.converter.schemas.enable", "false");
        cluster.rest().putConnector("ops-sink", sink);

        cluster.awaitRunning("ops-orders", 1, TIMEOUT);
        cluster.awaitRunning("ops-ticks", 1, TIMEOUT);
        cluster.awaitRunning("ops-events", 1, TIMEOUT);
        cluster.awaitRunning("ops-sink", 2, TIMEOUT);
        postClicks(CLICKS);
        postMalformedClick();
        awaitFigure("the orders snapshot completed", () -> table(pipelines(rest()), "ops-orders", "public.orders")
                .has("last-snapshot-id"));
        awaitFigure("the sink caught up", () -> connector(pipelines(rest()), "ops-sink").path("lag").asLong(-1) == 0
                && table(pipelines(rest()), "ops-sink", "ops.clicks").has("table-last-commit-time-ms"));
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    @Test
    void theFiguresAreWhatHappened() throws Exception {
        JsonNode pipelines = pipelines(rest());

        long rowsInTopic = cluster.readAllCommitted("ops.orders", TIMEOUT).stream()
                .filter(record -> record.headers().lastHeader("tributary.snapshot.end") == null).count();
        JsonNode orders = table(pipelines, "ops-orders", "public.orders");
        assertThat(rowsInTopic).isEqualTo(ORDERS);
        assertThat(orders.path("snapshot-rows-done").asLong()).as("rows done, against the rows in the topic")
                .isEqualTo(rowsInTopic);
        assertThat(orders.path("rows-read-total").asLong()).isEqualTo(ORDERS);
        assertThat(orders.path("last-snapshot-duration-ms").asLong()).isPositive();
        assertThat(orders.has("snapshot-id")).as("no snapshot running any more").isFalse();
        assertThat(task(pipelines, "ops-orders", 0).path("figures").path("mode").asText()).isEqualTo("snapshot");
        assertThat(table(pipelines, "ops-ticks", "public.ticks").path("rows-read-total").asLong()).isEqualTo(50);

        JsonNode events = task(pipelines, "ops-events", 0).path("figures");
        assertThat(events.path("events-accepted-total").asLong()).isEqualTo(CLICKS);
        assertThat(events.path("events-rejected-total").asLong()).isEqualTo(1);
        assertThat(events.path("top-rejection-reasons").toString()).contains("not valid JSON");
        assertThat(events.path("serving").asText()).isEqualTo("http://127.0.0.1:" + eventsPort
                + "/v1/events/{stream}");
        assertThat(events.has("ack-latency-p99-ms")).isTrue();

        JsonNode sink = connector(pipelines, "ops-sink");
        assertThat(sink.path("consumer-group").asText()).isEqualTo("connect-ops-sink");
        assertThat(sink.path("partitions")).hasSize(3);
        long logEnd = 0;
        for (JsonNode partition : sink.path("partitions")) {
            assertThat(partition.path("lag").asLong()).isZero();
            logEnd += partition.path("log-end").asLong();
        }
        assertThat(logEnd).as("exactly-once: every partition also holds transaction markers")
                .isGreaterThan(CLICKS);
        long committedOffsets = 0;
        for (JsonNode partition : table(pipelines, "ops-sink", "ops.clicks").path("partitions")) {
            committedOffsets += partition.path("committed-offset").asLong();
        }
        assertThat(committedOffsets).isPositive().isLessThanOrEqualTo(logEnd);
        assertThat(tables.rows("ops.clicks")).hasSize(CLICKS);

        long freshness = table(pipelines, "ops-sink", "ops.clicks").path("table-freshness-lag-ms").asLong();
        Thread.sleep(1_500);
        long later = table(pipelines(rest()), "ops-sink", "ops.clicks").path("table-freshness-lag-ms").asLong();
        assertThat(later).as("freshness grows while no click arrives").isGreaterThanOrEqualTo(freshness + 1_400);
    }

    @Test
    void everyWorkerGivesTheSameClusterWideAnswer() {
        // Figures move while partitions are reassigned (a sink task that joins its group late takes partitions
        // over and reports their stored offsets): compare the workers once worker 0 gives one answer twice.
        List<String> lastDifferences = new ArrayList<>();
        List<JsonNode> answers = Await.until("every worker giving the same answer", TIMEOUT, () -> {
            JsonNode before = stable(pipelines(rest()));
            List<JsonNode> asked = new ArrayList<>();
            for (URI worker : cluster.workerUrls()) {
                asked.add(stable(pipelines(new ConnectRest(worker))));
            }
            lastDifferences.clear();
            lastDifferences.addAll(differences("", before, stable(pipelines(rest()))));
            if (!lastDifferences.isEmpty()) {
                return null;  // still moving
            }
            for (int i = 1; i < asked.size(); i++) {
                lastDifferences.addAll(differences("worker " + i + " against worker 0 ", asked.get(0), asked.get(i)));
            }
            return lastDifferences.isEmpty() ? asked : null;
        }, () -> String.join("\n", lastDifferences));

        assertThat(answers.get(0).path("workers")).as("the workers running tasks, each answered").isNotEmpty();
        answers.get(0).path("workers").forEach(worker -> assertThat(worker.path("answered").asBoolean()).isTrue());
        assertThat(answers.get(0).path("connectors")).hasSize(4);
        answers.get(0).path("connectors").forEach(connector -> connector.path("tasks").forEach(task ->
                assertThat(task.has("figures")).as("figures of %s", connector.path("name")).isTrue()));
    }

    /** The paths where two answers differ, with both values: a readable failure for a large document. */
    private static List<String> differences(String path, JsonNode a, JsonNode b) {
        List<String> found = new ArrayList<>();
        if (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            if (a.isObject()) {
                a.fieldNames().forEachRemaining(keys::add);
                b.fieldNames().forEachRemaining(keys::add);
                keys.forEach(key -> found.addAll(differences(path + "/" + key, a.path(key), b.path(key))));
            } else {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    found.addAll(differences(path + "/" + i, a.path(i), b.path(i)));
                }
            }
        } else if (!a.equals(b)) {
            found.add(path + ": " + a + " vs " + b);
        }
        return found;
    }

    @Test
    void healthIs503WhileATaskHasFailedAnd200AfterItsRestart() throws Exception {
        assertThat(health(rest()).status()).isEqualTo(200);
        assertThat(health(rest(), "?max-lag=0").status()).as("nothing waits in the sink").isEqualTo(200);
        Health stale = health(rest(), "?max-freshness-ms=1");
        assertThat(stale.status()).isEqualTo(503);
        assertThat(stale.body().path("reasons").toString()).contains("ops.clicks");

        try (Connection db = postgres.connect("ops"); Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE ticks RENAME TO ticks_away");
        }
        Health failed = awaitHealth(503);
        assertThat(failed.body().path("reasons").toString()).contains("ops-ticks", "FAILED");
        for (URI worker : cluster.workerUrls()) {
            assertThat(health(new ConnectRest(worker)).status()).as("asked at %s", worker).isEqualTo(503);
        }

        try (Connection db = postgres.connect("ops"); Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE ticks_away RENAME TO ticks");
        }
        rest().send("POST", "/connectors/ops-ticks/restart?includeTasks=true&onlyFailed=true", null);
        Health healthy = awaitHealth(200);
        assertThat(healthy.body().path("status").asText()).isEqualTo("healthy");
        assertThat(healthy.body().path("tasks").asInt()).isEqualTo(5);
    }

    @Test
    void nothingSecretIsInTheAnswers() {
        for (URI worker : cluster.workerUrls()) {
            ConnectRest rest = new ConnectRest(worker);
            String everything = pipelines(rest).toString() + rest.send("GET", "/tributary/local", null)
                    + health(rest).body();
            assertThat(everything).doesNotContain(TOKEN).doesNotContain("password")
                    .doesNotContain(postgres.jdbcUrl("ops"));
        }
    }

    /** The answer without what changes from one moment to the next (times, rates) or with the worker asked. */
    private static JsonNode stable(JsonNode pipelines) {
        ObjectNode copy = pipelines.deepCopy();
        copy.remove("generated-ms");
        copy.path("workers").forEach(worker -> ((ObjectNode) worker).remove("how"));
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.endsWith("-ms") || name.contains("latency") || name.endsWith("-recent")) {
                    names.remove();
                }
            }
        }
        node.forEach(PipelinesRestIT::strip);
    }

    private static ConnectRest rest() {
        return cluster.rest();
    }

    private static JsonNode pipelines(ConnectRest rest) {
        return rest.send("GET", "/tributary/pipelines", null);
    }

    private record Health(int status, JsonNode body) {
    }

    private static Health health(ConnectRest rest) {
        return health(rest, "");
    }

    private static Health health(ConnectRest rest, String query) {
        try {
            return new Health(200, rest.send("GET", "/tributary/health" + query, null));
        } catch (ConnectRestException e) {
            try {
                return new Health(e.status(), JSON.readTree(e.body()));
            } catch (IOException notJson) {
                throw new AssertionError("Health answered " + e.status() + " without JSON: " + e.body(), notJson);
            }
        }
    }

    private static Health awaitHealth(int status) {
        Health[] last = {null};
        return Await.until("/tributary/health answering " + status, TIMEOUT, () -> {
            last[0] = health(rest());
            return last[0].status() == status ? last[0] : null;
        }, () -> String.valueOf(last[0]));
    }

    private static void awaitFigure(String what, java.util.function.BooleanSupplier reached) {
        Await.until(what, TIMEOUT, () -> reached.getAsBoolean() ? Boolean.TRUE : null,
                () -> pipelines(rest()).toPrettyString());
    }

    private static JsonNode connector(JsonNode pipelines, String name) {
        for (JsonNode connector : pipelines.path("connectors")) {
            if (name.equals(connector.path("name").asText())) {
                return connector;
            }
        }
        throw new AssertionError("No connector " + name + " in " + pipelines.toPrettyString());
    }

    private static JsonNode task(JsonNode pipelines, String connector, int id) {
        for (JsonNode task : connector(pipelines, connector).path("tasks")) {
            if (task.path("id").asInt() == id) {
                return task;
            }
        }
        throw new AssertionError("No task " + id + " of " + connector);
    }

    private static JsonNode table(JsonNode pipelines, String connector, String table) {
        return connector(pipelines, connector).path("tables").path(table);
    }

    private static void postClicks(int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int sent = 0; sent < count; sent += 100) {
            StringBuilder body = new StringBuilder();
            for (int i = sent; i < Math.min(count, sent + 100); i++) {
                body.append("{\"event_id\":\"c-").append(i).append("\",\"url\":\"/p/").append(i % 7).append("\"}\n");
            }
            HttpResponse<String> response = http.send(request(body.toString()), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    /** One line that is not JSON: rejected, with its reason. */
    private static void postMalformedClick() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request("{not json\n"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    private static HttpRequest request(String ndjson) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + eventsPort + "/v1/events/clicks"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build();
    }
}
