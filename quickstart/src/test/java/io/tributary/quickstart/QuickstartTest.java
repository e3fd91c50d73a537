package io.tributary.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.ConnectRest;
import io.tributary.testkit.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's stack end to end: real broker, worker, database and warehouse, the retail connectors from
 * connector-configs/retail/, clicks posted over HTTP, the Connect worker restarted mid-run. The lake's figures must
 * be exactly what the database holds and what the click generator sent — nothing lost, nothing twice — and a batch
 * backfill of the same clicks through the same transforms must give every click the session the live stream gave
 * it.
 */
class QuickstartTest {

    @TempDir
    Path data;

    @Test
    void theLakeHoldsExactlyWhatWasSentAcrossAWorkerRestartAndABackfillGetsTheSameSessions()
            throws Exception {
        Ports ports = new Ports(FreePorts.loopback(), FreePorts.loopback(), FreePorts.loopback(),
                FreePorts.loopback(), FreePorts.loopback());
        try (RetailStack stack = RetailStack.start(new Quickstart.Options(ports, data, 0, true), System.out)) {
            Progress progress = stack.progress();
            stack.createConnectors();
            stack.postClicks(600, Instant.now());
            // Mid-run: the sinks are still busy with the orders snapshot and the first clicks.
            stack.restartConnect();
            stack.postClicks(600, Instant.now().plusSeconds(1));
            stack.awaitLake(progress);
            JsonNode health = new ConnectRest(URI.create(stack.connect().restUrl())).send("GET", "/tributary/health",
                    null);
            assertThat(health.path("status").asText()).as("%s", health).isEqualTo("healthy");
            assertThat(health.path("connectors").asInt()).isEqualTo(5);
            LakeReport.Summary report = stack.readLake();
            ClickGenerator.Counts clicks = stack.clicks();

            Map<LocalDate, LakeReport.Day> expected = new TreeMap<>();
            try (Connection connection = stack.database().connect(); Statement statement =
                    connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT "
                    + "(order_ts AT TIME ZONE 'UTC')::date, count(*), sum(amount) FROM public.orders GROUP BY 1")) {
                while (rows.next()) {
                    expected.put(rows.getObject(1, LocalDate.class), new LakeReport.Day(rows.getLong(2),
                            rows.getBigDecimal(3)));
                }
            }
            assertThat(expected).hasSizeGreaterThanOrEqualTo(7);
            assertThat(report.days()).as("daily order totals, from the published snapshot").hasSameSizeAs(expected);
            expected.forEach((day, totals) -> {
                assertThat(report.days().get(day).orders()).as("orders on %s", day).isEqualTo(totals.orders());
                assertThat(report.days().get(day).revenue()).as("revenue on %s", day)
                        .isEqualByComparingTo(totals.revenue());
            });

            assertThat(clicks.rejected.get()).as("every malformed click, and only those, rejected")
                    .isEqualTo(clicks.malformed.get()).isPositive();
            assertThat(clicks.reasons.keySet()).anyMatch(reason -> reason.contains("'url'"))
                    .anyMatch(reason -> reason.contains("'user_id'"));
            assertThat(clicks.accepted.get()).isEqualTo(clicks.sent.get() - clicks.rejected.get());
            assertThat(report.corrections()).as("late clicks in retail.clicks_corrections")
                    .isEqualTo(clicks.late.get()).isPositive();
            assertThat(report.clicks()).as("on-time clicks less the health checks the Rules transform drops")
                    .isEqualTo(clicks.accepted.get() - clicks.late.get() - clicks.healthChecks.get());
            assertThat(report.distinctClicks()).as("no click twice").isEqualTo(report.clicks());
            long perMinute = report.minutes().values().stream().mapToLong(LakeReport.Minute::clicks).sum();
            assertThat(perMinute).isEqualTo(report.clicks());
            assertThat(report.minutes().values()).allSatisfy(minute ->
                    assertThat(minute.sessions()).isBetween(1, (int) minute.clicks()));
            // The same clicks as a batch — a click log in PostgreSQL, snapshotted by the JDBC source and run through
            // the same transforms into retail.clicks_backfill — get the sessions the live stream gave them.
            stack.backfill(clicks.valid, progress);
            List<Map<String, Object>> sessions = stack.whileSinksPaused(() -> List.of(
                    stack.lake().sessionsByEvent("retail.clicks"),
                    stack.lake().sessionsByEvent("retail.clicks_backfill")));
            assertThat(sessions.get(0)).hasSize((int) report.clicks());
            assertThat(sessions.get(1)).as("session id of every click, batch against stream")
                    .isEqualTo(sessions.get(0));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafka().bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of("retail.clicks")).allTopicNames().get().get("retail.clicks")
                        .partitions()).as("created by the events source as configured, not auto-created by the "
                        + "sink that subscribed first").hasSize(6);
            }
        }
    }
}
