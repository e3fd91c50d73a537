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
 * An Iceberg warehouse with a JDBC catalog, and a reader for what the sink wrote, through Iceberg's own generic
 * reader. The catalog is a SQLite file (the embedded default) or a database on a {@link TestPostgres}; the
 * warehouse is on local disk, or in a {@link TestS3} bucket read and written through Iceberg's S3FileIO.
 *
 * <p>Tests that read while sinks in the same JVM write should use PostgreSQL: a sink's SQLite driver (in its
 * plugin class loader) and this reader's are two copies of SQLite in one process, whose POSIX locks cannot see
 * each other, so a reader can roll back a sink's in-flight catalog commit. A catalog server has no such problem.
 */
public final class IcebergTables {

    /** The catalog name the sink uses by default; readers must use the same to see its tables. */
    public static final String CATALOG_NAME = "tributary";

    private final String catalogUri;
    private final String catalogUser;
    private final String catalogPassword;
    private final String warehouse;
    private final Map<String, String> storageProperties;
    private final Map<String, String> storageSinkConfig;
    private final Catalog catalog;

    private IcebergTables(CatalogDatabase where, String warehouse, Map<String, String> storageProperties,
            Map<String, String> storageSinkConfig) {
        this.catalogUri = where.uri;
        this.catalogUser = where.user;
        this.catalogPassword = where.password;
        this.warehouse = warehouse;
        this.storageProperties = storageProperties;
        this.storageSinkConfig = storageSinkConfig;
        this.catalog = CatalogUtil.buildIcebergCatalog(CATALOG_NAME, catalogProperties(), new Configuration());
    }

    /** Where the catalog's tables live: a JDBC URL and its credentials, if any. */
    private record CatalogDatabase(String uri, String user, String password) {
        static CatalogDatabase sqlite(Path dir) {
            return new CatalogDatabase("jdbc:sqlite:" + directory(dir).resolve("catalog.db").toAbsolutePath(), null, null);
        }

        static CatalogDatabase postgres(TestPostgres postgres, String database) {
            return new CatalogDatabase(postgres.createDatabase(database), postgres.user(), postgres.password());
        }
    }

    /** A new warehouse under {@code dir}, with its catalog in a SQLite file there. */
    public static IcebergTables sqliteWarehouse(Path dir) {
        return new IcebergTables(CatalogDatabase.sqlite(dir), localWarehouse(dir), Map.of(), Map.of());
    }

    /** A new warehouse under {@code dir}, with its catalog in a new database {@code database} of {@code postgres}. */
    public static IcebergTables postgresWarehouse(Path dir, TestPostgres postgres, String database) {
        return new IcebergTables(CatalogDatabase.postgres(postgres, database), localWarehouse(dir), Map.of(), Map.of());
    }

    /**
     * A catalog in a new database {@code database} of {@code postgres} whose warehouse is
     * {@code s3://<bucket>/warehouse} on {@code s3}, which must hold the bucket already.
     */
    public static IcebergTables postgresCatalogOnS3(TestPostgres postgres, String database, TestS3 s3, String bucket) {
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
        return new IcebergTables(CatalogDatabase.postgres(postgres, database), "s3://" + bucket + "/warehouse", properties,
                sinkConfig);
    }

    private static String localWarehouse(Path dir) {
        return "file:" + directory(dir.resolve("warehouse")).toAbsolutePath();
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String catalogUri() {
        return catalogUri;
    }

    public String warehouse() {
        return warehouse;
    }

    /** The sink connector keys that point it at this warehouse, catalog and storage credentials included. */
    public Map<String, String> sinkConfig() {
        Map<String, String> config = new HashMap<>(storageSinkConfig);
        config.put("iceberg.catalog.type", "jdbc");
        config.put("iceberg.catalog.uri", catalogUri);
        config.put("iceberg.catalog.warehouse", warehouse());
        if (catalogUser != null) {
            config.put("iceberg.catalog.user", catalogUser);
            config.put("iceberg.catalog.password", catalogPassword);
        }
        return Map.copyOf(config);
    }

    private Map<String, String> catalogProperties() {
        Map<String, String> properties = new HashMap<>(storageProperties);
        properties.put("type", "jdbc");
        properties.put("uri", catalogUri);
        properties.put("warehouse", warehouse());
        properties.put("jdbc.schema-version", "V1");
        if (catalogUser != null) {
            properties.put("jdbc.user", catalogUser);
            properties.put("jdbc.password", catalogPassword);
        }
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
