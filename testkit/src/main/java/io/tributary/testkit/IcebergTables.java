package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * An Iceberg warehouse on local disk with a JDBC catalog in a SQLite file — the embedded default — and a
 * reader for what the sink wrote, through Iceberg's own generic reader.
 */
public final class IcebergTables {

    /** The catalog name the sink uses by default; readers must use the same to see its tables. */
    public static final String CATALOG_NAME = "tributary";

    private final Path dir;
    private final Catalog catalog;

    private IcebergTables(Path dir) {
        this.dir = dir;
        this.catalog = CatalogUtil.buildIcebergCatalog(CATALOG_NAME, catalogProperties(), new Configuration());
    }

    /** A new warehouse and catalog under {@code dir}. */
    public static IcebergTables sqliteWarehouse(Path dir) {
        try {
            Files.createDirectories(dir.resolve("warehouse"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IcebergTables(dir);
    }

    public String catalogUri() {
        return "jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath();
    }

    public String warehouse() {
        return "file:" + dir.resolve("warehouse").toAbsolutePath();
    }

    /** The sink connector keys that point it at this warehouse. */
    public Map<String, String> sinkConfig() {
        return Map.of("iceberg.catalog.type", "jdbc", "iceberg.catalog.uri", catalogUri(),
                "iceberg.catalog.warehouse", warehouse());
    }

    private Map<String, String> catalogProperties() {
        return Map.of("type", "jdbc", "uri", catalogUri(), "warehouse", warehouse(), "jdbc.schema-version", "V1");
    }

    public Catalog catalog() {
        return catalog;
    }

    public boolean exists(String table) {
        return catalog.tableExists(TableIdentifier.parse(table));
    }

    public Table load(String table) {
        return catalog.loadTable(TableIdentifier.parse(table));
    }

    /** Every row of the table's current snapshot; empty when the table does not exist yet. */
    public List<Record> rows(String table) {
        if (!exists(table)) {
            return List.of();
        }
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(load(table)).build()) {
            records.forEach(record -> rows.add(record.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
