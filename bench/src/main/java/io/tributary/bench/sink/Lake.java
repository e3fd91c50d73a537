package io.tributary.bench.sink;

import io.tributary.bench.common.Directories;
import io.tributary.testkit.IcebergTables;
import io.tributary.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * The Iceberg warehouse every system writes: data files on local disk, a JDBC catalog in the test kit's
 * embedded PostgreSQL, and a catalog client in this JVM that reads what the sinks commit.
 *
 * <p>Not the SQLite catalog the integration tests use. A sink's SQLite driver (in its plugin class loader)
 * and the reader's (in this one) are two copies of SQLite in one process, and SQLite's POSIX locks cannot
 * see each other within a process: the reader, polling every few milliseconds, takes a sink's in-flight
 * rollback journal for a crashed writer's and rolls the sink's catalog commit back. Seen here as
 * {@code SQLITE_IOERR_DELETE_NOENT} and as a single task's commit fenced against itself. A catalog server
 * has no such problem.
 */
final class Lake implements AutoCloseable {

    private static final String DATABASE = "lake";

    private final TestPostgres postgres;
    private final Path dir;
    private final Path warehouse;
    private final Catalog catalog;

    private Lake(TestPostgres postgres, Path dir) throws IOException {
        this.postgres = postgres;
        this.dir = dir;
        this.warehouse = Files.createDirectories(dir.resolve("warehouse"));
        Map<String, String> properties = Map.of("type", "jdbc", "uri", uri(), "warehouse", warehouseUri(),
                "jdbc.user", postgres.user(), "jdbc.password", postgres.password(), "jdbc.schema-version", "V1");
        this.catalog = CatalogUtil.buildIcebergCatalog(catalogName(), properties, new Configuration());
    }

    /** A new database, and a new warehouse in a temporary directory that {@link #close()} deletes. */
    static Lake create() {
        TestPostgres postgres = TestPostgres.start();
        try {
            postgres.createDatabase(DATABASE);
            return new Lake(postgres, Files.createTempDirectory("tributary-bench-lake"));
        } catch (IOException e) {
            postgres.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** The catalog name every writer and the reader use: a JDBC catalog shows a table only under its name. */
    String catalogName() {
        return IcebergTables.CATALOG_NAME;
    }

    String uri() {
        return postgres.jdbcUrl(DATABASE);
    }

    String user() {
        return postgres.user();
    }

    String password() {
        return postgres.password();
    }

    String warehouseUri() {
        return "file:" + warehouse.toAbsolutePath();
    }

    /** The catalog client of this JVM: the reader, and the raw writer's catalog. */
    Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() {
        if (catalog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing connections of a database about to be stopped: nothing to keep.
            }
        }
        postgres.close();
        Directories.deleteRecursively(dir);
    }
}
