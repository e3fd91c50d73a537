package io.tributary.bench.sink;

import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * How many rows a table's current snapshot holds, as a reader of the catalog sees it: the snapshot summary's
 * {@code total-records}. Cheap enough to poll every few milliseconds — a catalog query, and a metadata file
 * read only when a commit landed.
 */
final class CommittedRows implements Landing {

    private final Catalog catalog;
    private final TableIdentifier id;
    private Table table;

    CommittedRows(Catalog catalog, TableIdentifier id) {
        this.catalog = catalog;
        this.id = id;
    }

    /** The committed row count; 0 while the table does not exist or has no snapshot. */
    @Override
    public long count() {
        if (table == null) {
            if (!catalog.tableExists(id)) {
                return 0;
            }
            table = catalog.loadTable(id);
        } else {
            table.refresh();
        }
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return 0;
        }
        return Long.parseLong(snapshot.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
    }

    @Override
    public String describe() {
        return "in " + (table == null ? 0 : table.currentSnapshot().summary().get(SnapshotSummary.TOTAL_DATA_FILES_PROP))
                + " data files";
    }

    /** Every sink must have written the same kind of table, or the comparison is of table settings. */
    @Override
    public void check() {
        int formatVersion = ((HasTableOperations) table).operations().current().formatVersion();
        String codec = table.properties().get(TableProperties.PARQUET_COMPRESSION);
        if (formatVersion != 2 || !"zstd".equals(codec) || !table.spec().isUnpartitioned()) {
            throw new IllegalStateException(table.name() + " is format " + formatVersion + ", " + codec + ", "
                    + table.spec() + "; both sinks must write unpartitioned format 2 tables with zstd");
        }
    }

    @Override
    public String toString() {
        return "committed to " + id;
    }
}
