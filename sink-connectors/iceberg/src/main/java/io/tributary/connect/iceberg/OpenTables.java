package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.commit.OffsetLedger;
import io.tributary.connect.iceberg.config.TableSettings;
import io.tributary.connect.iceberg.convert.IcebergSchemas;
import io.tributary.connect.iceberg.convert.JsonValue;
import io.tributary.connect.iceberg.maintain.MaintenanceScheduler;
import io.tributary.connect.iceberg.table.Retries;
import io.tributary.connect.iceberg.table.TableCreator;
import io.tributary.connect.iceberg.write.RowKeys;
import io.tributary.connect.iceberg.write.SchemaGuard;
import io.tributary.connect.iceberg.write.TableAppender;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The tables one task writes, each as a {@link TableAppender}: loaded, or created from the first record routed
 * to it, on first use; and what the task asks of all of them at once (pending records, the lowest pending
 * offset of a partition).
 */
final class OpenTables {

    private final Catalog catalog;
    private final TableCreator creator;
    private final TableSettings settings;
    private final Duration retryBackoff;
    private final OffsetLedger ledger;
    private final TableAppender.Options writeOptions;
    /** For corrections tables, which only append. */
    private final TableAppender.Options appendOptions;
    /** Partitions the task owns, which a newly opened table starts tracking. */
    private final Supplier<Collection<TopicPartition>> assigned;
    /** Null when maintenance is off. */
    private final MaintenanceScheduler maintenance;
    private final Map<TableIdentifier, TableAppender> appenders = new HashMap<>();

    OpenTables(Catalog catalog, TableSettings settings, Duration retryBackoff, OffsetLedger ledger,
            TableAppender.Options writeOptions, Supplier<Collection<TopicPartition>> assigned,
            MaintenanceScheduler maintenance) {
        this.catalog = catalog;
        this.creator = new TableCreator(catalog, settings.partitionBy(), settings.sortBy(), settings.tableProperties());
        this.settings = settings;
        this.retryBackoff = retryBackoff;
        this.ledger = ledger;
        this.writeOptions = writeOptions;
        this.appendOptions = new TableAppender.Options(writeOptions.writerId(), writeOptions.targetFileSize(),
                writeOptions.maxOpenFiles(), null, null, writeOptions.writerThread());
        this.assigned = assigned;
        this.maintenance = maintenance;
    }

    /**
     * The appender of a table a record is routed to, creating the table from the record if it is missing.
     *
     * @param correction a corrections table, which only ever appends
     */
    TableAppender forRecord(TableIdentifier id, Object value, Object recordKey, boolean correction) {
        TableAppender existing = appenders.get(id);
        if (existing != null) {
            return existing;
        }
        Table table = retrying("load or create table " + id, () -> creator.loadOrCreate(id,
                () -> correction ? schemaFor(value) : schemaFor(id, value, recordKey), settings.autoCreate()));
        return open(id, table, recordKey, correction ? appendOptions : writeOptions);
    }

    /** The appender of a table that exists, or null: deleting from a table that does not exist does nothing. */
    TableAppender existing(TableIdentifier id, Object recordKey) {
        TableAppender existing = appenders.get(id);
        if (existing != null) {
            return existing;
        }
        Table table = retrying("load table " + id, () -> catalog.tableExists(id) ? catalog.loadTable(id) : null);
        return table == null ? null : open(id, table, recordKey, writeOptions);
    }

    private TableAppender open(TableIdentifier id, Table table, Object recordKey, TableAppender.Options options) {
        TableAppender appender = new TableAppender(table, new SchemaGuard(table, settings.evolveSchema(),
                settings.timestampMode()), options, recordKey);
        appender.trackFromTable(assigned.get(), ledger);
        appenders.put(id, appender);
        if (maintenance != null) {
            maintenance.written(id);
        }
        return appender;
    }

    /** A created table's schema: in upsert mode its id columns are required identifier fields. */
    private Schema schemaFor(TableIdentifier id, Object value, Object recordKey) {
        Schema schema = schemaFor(value);
        TableAppender.Upserts upserts = writeOptions.upserts();
        // Late upserts only: ids matter for late records alone, so on-time records without one stay welcome.
        return upserts == null || upserts.lateOnly() ? schema
                : RowKeys.identified(id.toString(), schema, upserts.idColumns(), recordKey);
    }

    private Schema schemaFor(Object value) {
        if (value instanceof Struct struct) {
            return IcebergSchemas.fromConnect(struct.schema(), settings.timestampMode());
        }
        if (value instanceof Map<?, ?> map) {
            return IcebergSchemas.inferFromMap(map, settings.timestampMode());
        }
        if (value instanceof JsonValue json) {
            return IcebergSchemas.inferFromMap(json.asMap(), settings.timestampMode());
        }
        throw new DataException("Values must be Structs (a converter with schemas) or Maps (schemaless JSON), not "
                + value.getClass().getSimpleName());
    }

    Collection<TableAppender> all() {
        return appenders.values();
    }

    /** The open tables by identifier. */
    Map<TableIdentifier, TableAppender> byTable() {
        return appenders;
    }

    /** Names of the open tables, sorted. */
    List<String> names() {
        return appenders.keySet().stream().map(TableIdentifier::toString).sorted().toList();
    }

    /** Forgets tables no record went to for {@code rounds} commit rounds: with dynamic routing the set is open. */
    void evictIdle(int rounds) {
        appenders.values().removeIf(appender -> appender.idleFor(rounds));
    }

    void clear() {
        appenders.clear();
    }

    void abortAll() {
        appenders.values().forEach(TableAppender::abort);
    }

    /** The lowest offset of {@code partition} that some table holds uncommitted, or null. */
    Long lowestPending(TopicPartition partition) {
        Long lowest = null;
        for (TableAppender appender : appenders.values()) {
            Long first = appender.firstPendingOffset(partition);
            if (first != null && (lowest == null || first < lowest)) {
                lowest = first;
            }
        }
        return lowest;
    }

    long pendingRecords() {
        return appenders.values().stream().mapToLong(TableAppender::pendingRecords).sum();
    }

    long pendingBytes() {
        return appenders.values().stream().mapToLong(TableAppender::pendingBytes).sum();
    }

    /** A staged snapshot ended (before a restart, or in another task) and waits for a commit round to publish it. */
    boolean snapshotsToPublish() {
        return appenders.values().stream().anyMatch(TableAppender::hasEndedSnapshots);
    }

    private <T> T retrying(String what, Callable<T> action) {
        try {
            return Retries.withRetries(action, 5, retryBackoff);
        } catch (ConnectException e) {
            throw e;
        } catch (Exception e) {
            if (TableCreator.isTransient(e)) {
                throw new RetriableException("Could not " + what + " (will retry): " + e.getMessage(), e);
            }
            throw new ConnectException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
