package io.tributary.connect.iceberg.config;

import io.tributary.connect.iceberg.commit.SnapshotPublisher;
import io.tributary.connect.iceberg.table.PartitionTerms;
import io.tributary.connect.smt.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** How records change a table: appended, upserted or deleted by key, or published as whole snapshots. */
public final class WriteSettings {

    public static final String MODE = "iceberg.tables.write-mode";
    public static final String ID_COLUMNS = "iceberg.tables.id-columns";
    public static final String OP_FIELD = "iceberg.tables.upsert.op-field";
    public static final String DELETE_OPS = "iceberg.tables.upsert.delete-ops";
    public static final String REPLACE_SCOPE = "iceberg.tables.snapshot-replace.scope";
    public static final String LATE_RECORDS = "iceberg.tables.late-records";
    public static final String LATE_HEADER = "iceberg.tables.late.header";
    public static final String CORRECTIONS_SUFFIX = "iceberg.tables.late.corrections-suffix";

    private static final String GROUP = "Write mode";

    /** What a record does to its table. */
    public enum Mode {
        /** Every record is a new row. */
        APPEND,
        /** A record replaces the row with its id; a tombstone or a delete operation removes it. */
        UPSERT,
        /** Each complete source snapshot (JDBC source, snapshot mode) atomically becomes the table's contents. */
        SNAPSHOT_REPLACE;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static String[] configValues() {
            return Arrays.stream(values()).map(Mode::configValue).toArray(String[]::new);
        }

        static Mode of(String value) {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Where records the LateData transform tagged late go. */
    public enum LateRecords {
        /** Into their table like any other record. */
        KEEP,
        /** Into a corrections table next to it, appended. */
        CORRECTIONS,
        /** Into their table, replacing the row with their id. */
        UPSERT;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final AbstractConfig config;

    public WriteSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(MODE, Type.STRING, Mode.APPEND.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in(Mode.configValues()), Importance.HIGH,
                        "What a record does to its table: 'append' adds it as a new row; 'upsert' replaces the "
                                + "row with the same id (" + ID_COLUMNS + ") and deletes it on a tombstone (a "
                                + "null value) or a delete operation (" + OP_FIELD + "), with Iceberg "
                                + "row-level deletes (format version 2 or later); 'snapshot-replace' stages each "
                                + "snapshot of the JDBC source and, once its end markers have arrived on every "
                                + "partition, makes it the table's contents in one commit (" + REPLACE_SCOPE
                                + ").",
                        GROUP, 1, Width.SHORT, "Write mode")
                .define(ID_COLUMNS, Type.LIST, "", Importance.MEDIUM,
                        "Top-level columns that identify a row in upsert mode. Empty: the table's identifier "
                                + "fields, or, for a table the sink creates, the fields of the first record's key "
                                + "(a Struct or Map key; the source's primary key), which become its identifier "
                                + "fields. Every partition column must be one of them, so that a row never "
                                + "moves partition.",
                        GROUP, 2, Width.LONG, "Id columns")
                .define(OP_FIELD, Type.STRING, "", Importance.MEDIUM,
                        "In upsert mode: a top-level value field naming the change, such as Debezium's "
                                + "'__op' after ExtractNewRecordState. A record whose field holds one of "
                                + DELETE_OPS + " deletes its id; any other value upserts. Empty: only "
                                + "tombstones delete.",
                        GROUP, 3, Width.MEDIUM, "Operation field")
                .define(DELETE_OPS, Type.LIST, "d", Importance.LOW,
                        "Values of " + OP_FIELD + " that delete the record's id.",
                        GROUP, 4, Width.SHORT, "Delete operations")
                .define(REPLACE_SCOPE, Type.STRING, "table", ConfigDef.CaseInsensitiveValidString.in("table",
                        "partitions"), Importance.MEDIUM,
                        "In snapshot-replace mode, what a complete snapshot replaces: 'table', the whole table "
                                + "(rows deleted at the source disappear); 'partitions', only the partitions the "
                                + "snapshot has rows in (for sources that snapshot a recent window, such as the "
                                + "last days of orders).",
                        GROUP, 5, Width.SHORT, "Replace scope")
                .define(LATE_RECORDS, Type.STRING, LateRecords.KEEP.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in(LateRecords.KEEP.configValue(),
                                LateRecords.CORRECTIONS.configValue(), LateRecords.UPSERT.configValue()),
                        Importance.MEDIUM,
                        "Records the LateData transform tagged late (header " + LATE_HEADER + "): 'keep' writes "
                                + "them like any other; 'corrections' appends them to a table named like theirs plus "
                                + CORRECTIONS_SUFFIX + ", in the same namespace; 'upsert' writes them into their "
                                + "table replacing the row with the same id (" + ID_COLUMNS + "), so a corrected "
                                + "or re-sent event is there once. Not for snapshot-replace mode.",
                        GROUP, 6, Width.SHORT, "Late records")
                .define(LATE_HEADER, Type.STRING, "tributary.late", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "The header that marks a record late when it holds true (LateData's 'header').",
                        GROUP, 7, Width.MEDIUM, "Late header")
                .define(CORRECTIONS_SUFFIX, Type.STRING, "_corrections", new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        "With late records as 'corrections': what is appended to a table's name to name its "
                                + "corrections table, e.g. web.clicks → web.clicks_corrections.",
                        GROUP, 8, Width.SHORT, "Corrections suffix");
    }

    public Mode mode() {
        return Mode.of(config.getString(MODE));
    }

    public LateRecords lateRecords() {
        return LateRecords.valueOf(config.getString(LATE_RECORDS).trim().toUpperCase(Locale.ROOT));
    }

    public String lateHeader() {
        return config.getString(LATE_HEADER);
    }

    public String correctionsSuffix() {
        return config.getString(CORRECTIONS_SUFFIX);
    }

    public SnapshotPublisher.Scope replaceScope() {
        return SnapshotPublisher.Scope.valueOf(config.getString(REPLACE_SCOPE).trim().toUpperCase(Locale.ROOT));
    }

    public List<String> idColumns() {
        return config.getList(ID_COLUMNS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The operation field, or null. */
    public String opField() {
        String field = config.getString(OP_FIELD);
        return field == null || field.isBlank() ? null : field.trim();
    }

    public Set<String> deleteOps() {
        return config.getList(DELETE_OPS).stream().map(String::trim).collect(Collectors.toUnmodifiableSet());
    }

    static void problems(Function<String, String> values, List<ConfigProblem> problems) {
        String mode = values.apply(MODE);
        boolean upsert = mode != null && mode.trim().equalsIgnoreCase(Mode.UPSERT.configValue());
        boolean replace = mode != null && mode.trim().equalsIgnoreCase(Mode.SNAPSHOT_REPLACE.configValue());
        String route = values.apply(TableSettings.ROUTE);
        String late = values.apply(LATE_RECORDS);
        if (replace && late != null && !late.trim().equalsIgnoreCase(LateRecords.KEEP.configValue())) {
            problems.add(new ConfigProblem(LATE_RECORDS, "late records are a streaming notion: snapshot-replace "
                    + "mode publishes whole snapshots, so " + LATE_RECORDS + " must be 'keep'"));
        }
        if (replace && route != null && route.trim().equalsIgnoreCase(TableSettings.Route.FIELD.configValue())) {
            problems.add(new ConfigProblem(TableSettings.ROUTE, "snapshot-replace mode routes by topic or to static "
                    + "tables: end-of-snapshot markers have no value, so no field to route by"));
        }
        if (!upsert && !replace && late != null && late.trim().equalsIgnoreCase(LateRecords.UPSERT.configValue())
                && CatalogSettings.isBlank(values.apply(ID_COLUMNS))) {
            problems.add(new ConfigProblem(ID_COLUMNS, "upserting late records into appended tables needs "
                    + ID_COLUMNS + ": the column that identifies an event, such as the events source's id field"));
        }
        if (!upsert) {
            if (!CatalogSettings.isBlank(values.apply(OP_FIELD))) {
                problems.add(new ConfigProblem(OP_FIELD, OP_FIELD + " only applies when " + MODE + " is 'upsert'"));
            }
            return;
        }
        List<String> ids = split(values.apply(ID_COLUMNS));
        for (String id : ids) {
            if (id.contains(".")) {
                problems.add(new ConfigProblem(ID_COLUMNS, "id column '" + id + "' must be a top-level column"));
            }
        }
        String partitionBy = values.apply(TableSettings.PARTITION_BY);
        if (ids.isEmpty() || CatalogSettings.isBlank(partitionBy)) {
            return;
        }
        try {
            List<String> outside = new ArrayList<>(PartitionTerms.parse(split(partitionBy)).columns());
            outside.removeAll(ids);
            if (!outside.isEmpty()) {
                problems.add(new ConfigProblem(ID_COLUMNS, "in upsert mode every partition column must be an id "
                        + "column, or an update that changes it would leave the old row in its old partition; "
                        + "add " + String.join(", ", outside) + " to " + ID_COLUMNS));
            }
        } catch (IllegalArgumentException e) {
            // reported on its own key by the partition terms' validator
        }
    }

    private static List<String> split(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
