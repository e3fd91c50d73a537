package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * An Iceberg warehouse with a JDBC catalog in a SQLite file — the embedded default — and a reader for what the
 * sink wrote, through Iceberg's own generic reader. The warehouse is on local disk, or in a {@link TestS3}
 * bucket read and written through Iceberg's S3FileIO.
 */
public final class IcebergTables {

    /** The catalog name the sink uses by default; readers must use the same to see its tables. */
    public static final String CATALOG_NAME = "tributary";

    private final Path dir;
    private final String warehouse;
    private final Map<String, String> storageProperties;
    private final Map<String, String> storageSinkConfig;
    private final Catalog catalog;

    private IcebergTables(Path dir, String warehouse, Map<String, String> storageProperties,
            Map<String, String> storageSinkConfig) {
        this.dir = dir;
        this.warehouse = warehouse;
        this.storageProperties = storageProperties;
        this.storageSinkConfig = storageSinkConfig;
        this.catalog = CatalogUtil.buildIcebergCatalog(CATALOG_NAME, catalogProperties(), new Configuration());
    }

    /** A new warehouse and catalog under {@code dir}. */
    public static IcebergTables sqliteWarehouse(Path dir) {
        try {
            Files.createDirectories(dir.resolve("warehouse"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IcebergTables(dir, "file:" + dir.resolve("warehouse").toAbsolutePath(), Map.of(), Map.of());
    }

    /**
     * A catalog in a SQLite file under {@code dir} whose warehouse is {@code s3://<bucket>/warehouse} on
     * {@code s3}, which must hold the bucket already.
     */
    public static IcebergTables sqliteCatalogOnS3(Path dir, TestS3 s3, String bucket) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = Map.of(
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint", s3.endpoint().toString(),
                "s3.path-style-access", "true",
                "client.region", s3.region(),
                "s3.access-key-id", s3.accessKey(),
                "s3.secret-access-key", s3.secretKey());
        Map<String, String> sinkConfig = Map.of(
                "iceberg.s3.endpoint", s3.endpoint().toString(),
                "iceberg.s3.path-style-access", "true",
                "iceberg.s3.region", s3.region(),
                "iceberg.s3.access-key-id", s3.accessKey(),
                "iceberg.s3.secret-access-key", s3.secretKey());
        return new IcebergTables(dir, "s3://" + bucket + "/warehouse", properties, sinkConfig);
    }

    public String catalogUri() {
        return "jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath();
    }

    public String warehouse() {
        return warehouse;
    }

    /** The sink connector keys that point it at this warehouse, storage credentials included. */
    public Map<String, String> sinkConfig() {
        Map<String, String> config = new HashMap<>(storageSinkConfig);
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", catalogUri());
        config.put("iceberg.catalog.warehouse", warehouse());
        return Map.copyOf(config);
    }

    private Map<String, String> catalogProperties() {
        Map<String, String> properties = new HashMap<>(storageProperties);
        properties.put("type", "jdbc");
        properties.put("uri", catalogUri());
        properties.put("warehouse", warehouse());
        properties.put("jdbc.schema-version", "V1");
        return properties;
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
