package io.tributary.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What a query engine would show of the lakehouse: the batch side (daily order totals from {@code retail.orders})
 * next to the streaming side (clicks and sessions per minute from {@code retail.clicks}), and the late clicks the
 * sink put in {@code retail.clicks_corrections}. Read with Iceberg's generic reader.
 *
 * <p>Read only while the sinks are paused: the sinks' SQLite driver and this one are two copies of SQLite in one
 * process, whose file locks cannot see each other.
 */
final class LakeReport {

    private final Catalog catalog;

    LakeReport(Path dataDir) {
        this.catalog = CatalogUtil.buildIcebergCatalog("tributary", Map.of("type", "jdbc",
                "uri", "jdbc:sqlite:" + dataDir.resolve("catalog.db"), "warehouse", "file:" + dataDir.resolve("warehouse"),
                "jdbc.schema-version", "V1"), new Configuration());
    }

    /** Daily order totals: day → [orders, revenue]. */
    record Day(long orders, BigDecimal revenue) {
    }

    /** Clicks in one minute, and the sessions they belong to. */
    record Minute(long clicks, int sessions) {
    }

    /**
     * @param distinctClicks distinct {@code event_id}s in {@code retail.clicks}: equal to {@code clicks} unless a
     *                       click was written twice
     */
    record Summary(Map<LocalDate, Day> days, Map<OffsetDateTime, Minute> minutes, long clicks, long distinctClicks,
            long corrections, long bots) {
    }

    Summary read() {
        Map<LocalDate, long[]> orderCounts = new TreeMap<>();
        Map<LocalDate, BigDecimal> revenue = new TreeMap<>();
        for (Record order : rows("retail.orders")) {
            LocalDate day = ((OffsetDateTime) order.getField("order_ts")).atZoneSameInstant(ZoneOffset.UTC)
                    .toLocalDate();
            orderCounts.computeIfAbsent(day, d -> new long[1])[0]++;
            revenue.merge(day, (BigDecimal) order.getField("amount"), BigDecimal::add);
        }
        Map<LocalDate, Day> days = new TreeMap<>();
        orderCounts.forEach((day, count) -> days.put(day, new Day(count[0], revenue.get(day))));

        Map<OffsetDateTime, long[]> clicksPerMinute = new TreeMap<>();
        Map<OffsetDateTime, Set<Object>> sessionsPerMinute = new TreeMap<>();
        long clicks = 0;
        long bots = 0;
        Set<Object> eventIds = new HashSet<>();
        for (Record click : rows("retail.clicks")) {
            clicks++;
            eventIds.add(click.getField("event_id"));
            if (Boolean.TRUE.equals(click.getField("is_bot"))) {
                bots++;
            }
            OffsetDateTime minute = ((OffsetDateTime) click.getField("event_time")).truncatedTo(ChronoUnit.MINUTES);
            clicksPerMinute.computeIfAbsent(minute, m -> new long[1])[0]++;
            sessionsPerMinute.computeIfAbsent(minute, m -> new HashSet<>()).add(click.getField("session_id"));
        }
        Map<OffsetDateTime, Minute> minutes = new TreeMap<>();
        clicksPerMinute.forEach((minute, count) -> minutes.put(minute,
                new Minute(count[0], sessionsPerMinute.get(minute).size())));
        long corrections = 0;
        for (Record ignored : rows("retail.clicks_corrections")) {
            corrections++;
        }
        return new Summary(days, minutes, clicks, eventIds.size(), corrections, bots);
    }

    /** The session each click of {@code table} was given, by event id. */
    Map<String, Object> sessionsByEvent(String table) {
        Map<String, Object> sessions = new TreeMap<>();
        for (Record click : rows(table)) {
            sessions.put((String) click.getField("event_id"), click.getField("session_id"));
        }
        return sessions;
    }

    private Iterable<Record> rows(String table) {
        TableIdentifier id = TableIdentifier.parse(table);
        if (!catalog.tableExists(id)) {
            return List.of();
        }
        List<Record> all = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(id)).build()) {
            rows.forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static void print(Summary summary, ClickGenerator.Counts sent, PrintStream out) {
        out.println();
        out.println("== Orders (batch: the nightly snapshot of public.orders, published atomically) ==");
        out.printf("%-12s %8s %14s%n", "day (UTC)", "orders", "revenue EUR");
        summary.days().forEach((day, totals) -> out.printf("%-12s %8d %14s%n", day, totals.orders(),
                totals.revenue().toPlainString()));
        out.println();
        out.println("== Clicks (stream: live events through EventTime, LateData, Sessionize, Enrich, Rules, Mask) ==");
        out.printf("%-18s %8s %9s%n", "minute (UTC)", "clicks", "sessions");
        summary.minutes().forEach((minute, totals) -> out.printf("%-18s %8d %9d%n",
                minute.toLocalDateTime().toString().replace('T', ' '), totals.clicks(), totals.sessions()));
        out.println();
        out.printf("clicks in retail.clicks: %d (%d flagged as bots)%n", summary.clicks(), summary.bots());
        out.printf("late clicks sent: %d; in retail.clicks_corrections: %d%n", sent.late.get(), summary.corrections());
        out.printf("malformed clicks sent: %d; rejected by the events source: %d%n", sent.malformed.get(),
                sent.rejected.get());
        sent.reasons.forEach((reason, count) -> out.printf("  %5d x %s%n", count.get(), reason));
    }
}
