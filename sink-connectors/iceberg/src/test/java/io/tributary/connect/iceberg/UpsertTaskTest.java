package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import io.tributary.connect.smt.boundary.SnapshotBoundary;
import io.tributary.connect.smt.boundary.SnapshotRef;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upsert mode, the task alone on a real SQLite JDBC catalog, read back with Iceberg's generic reader (which
 * applies equality and position deletes): the last write per id wins within and across commits, tombstones
 * and delete operations remove rows, and replays change nothing.
 */
class UpsertTaskTest {

    private static final TopicPartition P0 = new TopicPartition("users", 0);
    private static final TopicPartition P1 = new TopicPartition("users", 1);
    private static final Schema KEY = SchemaBuilder.struct().name("users.Key")
            .field("id", Schema.INT64_SCHEMA).build();

    @TempDir
    Path dir;

    private TaskHarness harness;

    @BeforeEach
    void harness() {
        harness = new TaskHarness(dir);
    }

    @AfterEach
    void stopTasks() {
        harness.close();
    }

    private Map<String, String> config() {
        Map<String, String> config = harness.config("users-sink", "crm.users");
        config.put("iceberg.tables.write-mode", "upsert");
        return config;
    }

    private IcebergSinkTask task(Map<String, String> config, TopicPartition... partitions) {
        return harness.start(config, partitions);
    }

    private static SinkRecord upsert(TopicPartition partition, long offset, long id, String name) {
        Map<String, Object> value = new HashMap<>();
        value.put("id", id);
        value.put("name", name);
        return new SinkRecord(partition.topic(), partition.partition(), KEY, new Struct(KEY).put("id", id), null,
                value, offset);
    }

    private static SinkRecord tombstone(TopicPartition partition, long offset, long id) {
        return new SinkRecord(partition.topic(), partition.partition(), KEY, new Struct(KEY).put("id", id), null,
                null, offset);
    }

    /** An end-of-snapshot marker: null key and value, so it must not be taken for a tombstone. */
    private static SinkRecord snapshotMarker(TopicPartition partition, long offset) {
        SnapshotRef snapshot = SnapshotRef.start("public.users", java.time.Instant.now(), null);
        return new SinkRecord(partition.topic(), partition.partition(), null, null, null, null, offset, null, null,
                SnapshotBoundary.markerHeaders(new SnapshotBoundary.Marker(snapshot, 4, 1, 4)));
    }

    private Catalog catalog() {
        return harness.catalog();
    }

    /** Every row of the table as id → name; fails on a second row with the same id. */
    private Map<Long, String> rows(String table) {
        Map<Long, String> byId = new TreeMap<>();
        for (Record row : harness.rows(table)) {
            String previous = byId.put((Long) row.getField("id"), (String) row.getField("name"));
            assertThat(previous).as("a second row with id %s", row.getField("id")).isNull();
        }
        return byId;
    }

    @Test
    void theLastWritePerIdWinsWithinAndAcrossCommits() {
        IcebergSinkTask task = task(config(), P0);
        List<SinkRecord> batch = new ArrayList<>();
        long offset = 0;
        for (int round = 0; round < 5; round++) {
            for (long id = 0; id < 20; id++) {
                batch.add(upsert(P0, offset++, id, "v" + round));
            }
        }
        task.put(batch);  // 100 updates of 20 ids in one commit: position deletes
        task.close(Set.of(P0));
        task.open(Set.of(P0));
        batch.clear();
        for (long id = 10; id < 30; id++) {
            batch.add(upsert(P0, offset++, id, "later"));  // equality deletes of the first commit's rows
        }
        task.put(batch);
        task.close(Set.of(P0));

        Map<Long, String> rows = rows("crm.users");
        assertThat(rows).hasSize(30);
        for (long id = 0; id < 30; id++) {
            assertThat(rows.get(id)).as("id %s", id).isEqualTo(id < 10 ? "v4" : "later");
        }
    }

    @Test
    void tombstonesAndDeleteOperationsRemoveRowsAndAnIdMayComeBack() {
        Map<String, String> config = config();
        config.put("iceberg.tables.upsert.op-field", "op");
        config.put("iceberg.tables.upsert.delete-ops", "d, delete");
        IcebergSinkTask task = task(config, P0);
        task.put(List.of(upsert(P0, 0, 1, "a"), upsert(P0, 1, 2, "b"), upsert(P0, 2, 3, "c"),
                upsert(P0, 3, 4, "d")));
        task.close(Set.of(P0));
        task.open(Set.of(P0));

        Map<String, Object> deleteOp = new HashMap<>(Map.of("id", 2L, "op", "delete"));
        task.put(List.of(
                tombstone(P0, 4, 1),                                              // an earlier commit's row
                new SinkRecord("users", 0, null, null, null, deleteOp, 5),        // the id from the value
                upsert(P0, 6, 5, "e"), tombstone(P0, 7, 5),                       // this commit's own row
                tombstone(P0, 8, 3), upsert(P0, 9, 3, "c again"),                 // deleted, then back
                tombstone(P0, 10, 99),                                            // nothing to delete
                snapshotMarker(P0, 11)));                                         // not data at all
        task.close(Set.of(P0));

        assertThat(rows("crm.users")).containsExactly(Map.entry(3L, "c again"), Map.entry(4L, "d"));
        Table table = catalog().loadTable(TableIdentifier.parse("crm.users"));
        assertThat(table.schema().identifierFieldNames()).as("from the record key").containsExactly("id");
    }

    /** Replaying committed records after a crash (the group offset was lost) changes nothing. */
    @Test
    void aReplayAfterACrashChangesNothing() {
        List<SinkRecord> batch = List.of(upsert(P0, 0, 1, "a"), upsert(P0, 1, 2, "b"), tombstone(P0, 2, 1),
                upsert(P0, 3, 2, "b2"));
        IcebergSinkTask first = task(config(), P0);
        first.put(batch);
        first.close(Set.of(P0));
        first.stop();

        IcebergSinkTask second = task(config(), P0);
        List<SinkRecord> replay = new ArrayList<>(batch);
        replay.add(upsert(P0, 4, 1, "a2"));
        second.put(replay);
        second.close(Set.of(P0));

        assertThat(rows("crm.users")).containsExactly(Map.entry(1L, "a2"), Map.entry(2L, "b2"));
    }

    /**
     * A date id column partitions the table, so keys are compared and partitioned in Iceberg's internal form;
     * more partitions than max-open-files, and a schema change, each split a batch into commits of their own.
     */
    @Test
    void partitionedTablesSplitBatchesWithoutDuplicates() {
        Map<String, String> config = config();
        config.put("iceberg.tables.id-columns", "id, day");
        config.put("iceberg.tables.partition-by", "day(day)");
        config.put("iceberg.write.max-open-files", "2");
        Schema keyless = SchemaBuilder.struct().name("visit")
                .field("id", Schema.INT64_SCHEMA).field("day", org.apache.kafka.connect.data.Date.SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema wider = SchemaBuilder.struct().name("visit")
                .field("id", Schema.INT64_SCHEMA).field("day", org.apache.kafka.connect.data.Date.SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("extra", Schema.OPTIONAL_INT32_SCHEMA).build();
        IcebergSinkTask task = task(config, P0);
        List<SinkRecord> batch = new ArrayList<>();
        long offset = 0;
        for (int round = 0; round < 3; round++) {
            for (long id = 0; id < 4; id++) {
                for (int day = 1; day <= 3; day++) {
                    Schema schema = round == 2 ? wider : keyless;
                    Struct value = new Struct(schema).put("id", id).put("day", date(day)).put("name", "r" + round);
                    batch.add(new SinkRecord("users", 0, null, null, schema, value, offset++));
                }
            }
        }
        task.put(batch);
        task.close(Set.of(P0));

        Table table = catalog().loadTable(TableIdentifier.parse("crm.users"));
        assertThat(table.schema().findField("extra")).as("evolved mid-batch").isNotNull();
        assertThat(table.snapshots()).as("the batch was split into several commits").hasSizeGreaterThan(2);
        Map<String, String> byKey = new TreeMap<>();
        for (Record row : TaskHarness.rows(table)) {
            String previous = byKey.put(row.getField("id") + "@" + row.getField("day"), (String) row.getField("name"));
            assertThat(previous).as("a second row for %s@%s", row.getField("id"), row.getField("day")).isNull();
        }
        assertThat(byKey).hasSize(12).allSatisfy((key, name) -> assertThat(name).isEqualTo("r2"));
        assertThat(table.currentSnapshot().deleteManifests(table.io())).isNotEmpty();
        assertThat(table.newScan().planFiles()).anySatisfy(task2 -> assertThat(task2.deletes())
                .anySatisfy(delete -> assertThat(delete.content()).isEqualTo(FileContent.EQUALITY_DELETES)));
    }

    /** Format version 3 tables get deletion vectors (Puffin files) instead of position delete files. */
    @Test
    void formatVersion3TablesGetDeletionVectors() {
        Map<String, String> config = config();
        config.put("iceberg.tables.properties", "format-version=3");
        IcebergSinkTask task = task(config, P0);
        task.put(List.of(upsert(P0, 0, 1, "a"), upsert(P0, 1, 1, "a2"), upsert(P0, 2, 2, "b")));
        task.close(Set.of(P0));
        task.open(Set.of(P0));
        task.put(List.of(upsert(P0, 3, 2, "b2"), tombstone(P0, 4, 1)));
        task.close(Set.of(P0));

        assertThat(rows("crm.users")).containsExactly(Map.entry(2L, "b2"));
        Table table = catalog().loadTable(TableIdentifier.parse("crm.users"));
        assertThat(table.newScan().planFiles()).anySatisfy(scan -> assertThat(scan.deletes())
                .anySatisfy(delete -> assertThat(delete.format()).isEqualTo(FileFormat.PUFFIN)));
    }

    @Test
    void twoTasksOnOneTableKeepEachOthersDeletes() {
        IcebergSinkTask a = task(config(), P0);
        IcebergSinkTask b = task(config(), P1);
        a.put(List.of(upsert(P0, 0, 1, "a1"), upsert(P0, 1, 3, "a3")));
        b.put(List.of(upsert(P1, 0, 2, "b2"), upsert(P1, 1, 4, "b4")));
        a.close(Set.of(P0));
        b.close(Set.of(P1));
        a.open(Set.of(P0));
        b.open(Set.of(P1));
        a.put(List.of(tombstone(P0, 2, 1)));
        b.put(List.of(upsert(P1, 2, 4, "b4 again")));
        a.close(Set.of(P0));  // a's delete commits first; b's later commit must not bring id 1 back
        b.close(Set.of(P1));

        assertThat(rows("crm.users")).containsExactly(Map.entry(2L, "b2"), Map.entry(3L, "a3"),
                Map.entry(4L, "b4 again"));
    }

    @Test
    void aPartitionColumnOutsideTheIdIsAConfigError() {
        Map<String, String> config = config();
        config.put("iceberg.tables.id-columns", "id");
        config.put("iceberg.tables.partition-by", "bucket(4, id), day(created)");
        assertThatThrownBy(() -> new IcebergSinkConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("add created to iceberg.tables.id-columns");
    }

    @Test
    void aKeylessRecordForATableWithoutIdColumnsFailsTheTaskWithWhatToSet() {
        IcebergSinkTask task = task(config(), P0);
        Map<String, Object> value = Map.of("id", 1L, "name", "x");
        assertThatThrownBy(() -> task.put(List.of(new SinkRecord("users", 0, null, "k1", null, value, 0))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("set iceberg.tables.id-columns");
    }

    private static java.util.Date date(int day) {
        return java.util.Date.from(LocalDate.of(2026, 12, day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }
}
