package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.FreePorts;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One chain of business-rule transforms — EventTime, LateData, Sessionize, Enrich, IdempotencyKey, Rules, Mask —
 * run twice in real workers from the packaged zip: on a batch (clicks snapshotted from PostgreSQL by the JDBC
 * source, Structs with schemas) and on a stream (the same clicks posted as NDJSON to the events source, which
 * writes them as schemaless JSON). Both land in Iceberg tables through the sink; every derived field must be the
 * same for every click.
 */
class TransformChainIT {

    private static final long T0 = 1_764_022_530_000L;  // 2025-11-24T22:15:30Z
    private static final long MINUTE = 60_000;
    private static final int CLICKS = 60;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String HMAC_KEY = "a-test-key-of-32-bytes-or-more-0123456789";
    private static final List<String> DERIVED = List.of("event_date", "event_hour", "is_late", "session_id",
            "session_start", "segment", "is_expensive", "idem_key", "email");

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path lake;

    private static ConnectCluster cluster;
    private static TestPostgres postgres;
    private static IcebergTables tables;

    /** A click: id, user, event time, price. Ids follow event time, except every 13th click, 25 minutes late. */
    private record Click(long id, long user, long eventTime, double price) {
        String email() {
            return "user" + user + "@shop.example";
        }

        String json() {
            return "{\"id\":" + id + ",\"user_id\":" + user + ",\"email\":\"" + email() + "\",\"price\":" + price
                    + ",\"event_ts\":" + eventTime + "}";
        }
    }

    private static List<Click> clicks() {
        List<Click> clicks = new ArrayList<>();
        long clock = T0;
        for (int i = 1; i <= CLICKS; i++) {
            clock += (i % 17 == 0 ? 45 : 3) * MINUTE;  // a 45-minute pause now and then ends sessions
            long eventTime = i % 13 == 0 ? clock - 25 * MINUTE : clock;
            clicks.add(new Click(i, i % 5, eventTime, i * 7.5));
        }
        return clicks;
    }

    @BeforeAll
    static void start() throws Exception {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        postgres = TestPostgres.start();
        postgres.createDatabase("retail");
        try (Connection db = postgres.connect("retail"); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE users (id bigint PRIMARY KEY, segment text)");
            statement.execute("INSERT INTO users VALUES (1, 'gold'), (2, 'silver'), (3, 'gold'), (4, 'new')");
            statement.execute("CREATE TABLE clicks (id bigint PRIMARY KEY, user_id bigint NOT NULL, email text, "
                    + "price double precision, event_ts timestamptz NOT NULL)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO clicks VALUES (?, ?, ?, ?, ?)")) {
                for (Click click : clicks()) {
                    insert.setLong(1, click.id());
                    insert.setLong(2, click.user());
                    insert.setString(3, click.email());
                    insert.setDouble(4, click.price());
                    insert.setTimestamp(5, new Timestamp(click.eventTime()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        tables = IcebergTables.postgresWarehouse(lake, postgres, "lake");
        cluster = ConnectCluster.builder().pluginPath(pluginPath).start();
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(cluster, postgres);
    }

    @Test
    void aBatchRowAndALiveEventGetTheSameDerivedFields() throws Exception {
        cluster.createTopic("batch.public.clicks", 1);
        cluster.createTopic("stream.clicks", 1);
        cluster.rest().putConnector("clicks-snapshot", jdbcSource());
        int port = FreePorts.loopback();
        cluster.rest().putConnector("clicks-live", eventsSource(port));
        cluster.rest().putConnector("batch-lake", sink("batch.public.clicks", "lake.batch_clicks", true));
        cluster.rest().putConnector("stream-lake", sink("stream.clicks", "lake.stream_clicks", false));
        cluster.awaitRunning("clicks-live", 1, TIMEOUT);
        postInOrder(port);

        Map<Long, Record> batch = awaitRows("lake.batch_clicks");
        Map<Long, Record> stream = awaitRows("lake.stream_clicks");

        for (long id = 1; id <= CLICKS; id++) {
            for (String field : DERIVED) {
                assertThat(batch.get(id).getField(field)).as("%s of click %d", field, id)
                        .isEqualTo(stream.get(id).getField(field));
            }
        }
        // The chain did something worth comparing.
        assertThat(batch.values()).filteredOn(row -> Boolean.TRUE.equals(row.getField("is_late"))).hasSize(4);
        assertThat(batch.values().stream().map(row -> row.getField("session_id")).distinct().count())
                .isGreaterThan(5);
        assertThat(batch.get(1L).getField("segment")).isEqualTo("gold");
        assertThat(batch.get(5L).getField("segment")).as("user 0 is not in the dimension").isNull();
        assertThat(batch.get(14L).getField("is_expensive")).isEqualTo(true);
        assertThat((String) batch.get(1L).getField("email")).hasSize(64).doesNotContain("@");
        assertThat((String) batch.get(1L).getField("idem_key")).hasSize(64);
        assertThat(batch.get(1L).getField("event_date")).isEqualTo("2025-11-24");
    }

    /** Every click in one NDJSON request, so the source writes them in event order, as Sessionize requires. */
    private static void postInOrder(int port) throws Exception {
        String body = clicks().stream().map(Click::json).collect(Collectors.joining("\n", "", "\n"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events/clicks"))
                .header("Content-Type", "application/x-ndjson").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":" + CLICKS);
    }

    private static Map<Long, Record> awaitRows(String table) {
        return Await.until(table + " holds every click", TIMEOUT, () -> {
            List<Record> rows = tables.rows(table);
            return rows.size() >= CLICKS
                    ? rows.stream().collect(Collectors.toMap(row -> (Long) row.getField("id"), Function.identity()))
                    : null;
        }, () -> tables.rows(table).size() + " rows in " + table);
    }

    private static Map<String, String> jdbcSource() {
        Map<String, String> config = JdbcSourceConfigs.reading(postgres, "retail");
        config.put("tables", "public.clicks");
        config.put("topic.template", "batch.${schema}.${table}");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        return config;
    }

    private static Map<String, String> eventsSource(int port) {
        Map<String, String> config = EventsSourceConfigs.serving(port, "clicks", "stream.${stream}");
        config.put("event.id.field", "id");
        return config;
    }

    /**
     * The Iceberg sink with the chain. Batch records carry schemas and the snapshot's end marker, which the
     * documented Filter drops first; stream records are schemaless JSON.
     */
    private static Map<String, String> sink(String topic, String table, boolean batch) {
        Map<String, String> config = IcebergSinkConfigs.writing(tables, topic, table);
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", Boolean.toString(batch));
        String chain = "eventTime,lateData,sessions,enrich,key,rules,mask";
        config.put("transforms", batch ? "dropMarkers," + chain : chain);
        config.put("transforms.dropMarkers.type", "org.apache.kafka.connect.transforms.Filter");
        config.put("transforms.dropMarkers.predicate", "isSnapshotMarker");
        config.put("predicates", "isSnapshotMarker");
        config.put("predicates.isSnapshotMarker.type",
                "org.apache.kafka.connect.transforms.predicates.HasHeaderKey");
        config.put("predicates.isSnapshotMarker.name", "tributary.snapshot.end");
        config.put("transforms.eventTime.type", "io.tributary.connect.smt.EventTime$Value");
        config.put("transforms.eventTime.field", "event_ts");
        config.put("transforms.eventTime.format", "epoch_millis");
        config.put("transforms.eventTime.derived.date.field", "event_date");
        config.put("transforms.eventTime.derived.hour.field", "event_hour");
        config.put("transforms.lateData.type", "io.tributary.connect.smt.LateData");
        config.put("transforms.lateData.allowed.lateness.ms", Long.toString(10 * MINUTE));
        config.put("transforms.lateData.late.field", "is_late");
        config.put("transforms.sessions.type", "io.tributary.connect.smt.Sessionize");
        config.put("transforms.sessions.user.field", "user_id");
        config.put("transforms.sessions.gap.ms", Long.toString(30 * MINUTE));
        config.put("transforms.enrich.type", "io.tributary.connect.smt.Enrich");
        config.put("transforms.enrich.connection.url", postgres.jdbcUrl("retail"));
        config.put("transforms.enrich.connection.user", postgres.user());
        config.put("transforms.enrich.connection.password", postgres.password());
        config.put("transforms.enrich.lookup.table", "public.users");
        config.put("transforms.enrich.lookup.key.column", "id");
        config.put("transforms.enrich.lookup.columns", "segment");
        config.put("transforms.enrich.record.key.field", "user_id");
        config.put("transforms.key.type", "io.tributary.connect.smt.IdempotencyKey");
        config.put("transforms.key.fields", "id,user_id");
        config.put("transforms.rules.type", "io.tributary.connect.smt.Rules");
        config.put("transforms.rules.rules", "{\"rules\": ["
                + "{\"id\": \"expensive\", \"derive\": \"is_expensive\", \"type\": \"boolean\", "
                + "\"expression\": \"value.price > 100.0\"},"
                + "{\"id\": \"key\", \"derive\": \"idem_key\", \"type\": \"string\", \"expression\": \"key\"}]}");
        config.put("transforms.mask.type", "io.tributary.connect.smt.Mask$Value");
        config.put("transforms.mask.fields", "email:hmac");
        config.put("transforms.mask.hmac.key", HMAC_KEY);
        return config;
    }
}
