package io.tributary.connect.iceberg.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.jdbc.UncheckedInterruptedException;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableCreatorTest {

    private static final TableIdentifier EVENTS = TableIdentifier.of("shop", "events");
    private static final Supplier<Schema> SCHEMA = () -> Schemas.EVENTS;
    private static final Supplier<Schema> NO_SCHEMA = () -> {
        throw new AssertionError("the schema is needed only to create a table");
    };

    @TempDir
    Path dir;

    private final List<Catalog> catalogs = new ArrayList<>();

    @AfterEach
    void closeCatalogs() throws IOException {
        for (Catalog catalog : catalogs) {
            ((Closeable) catalog).close();
        }
    }

    /** A JDBC catalog on a SQLite file in the test's directory; each call opens a new instance on it. */
    private Catalog catalog(String uriSuffix) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog("test", Map.of(
                "type", "jdbc",
                "uri", "jdbc:sqlite:" + dir.resolve("catalog.db") + uriSuffix,
                "warehouse", "file:" + dir.resolve("warehouse"),
                "jdbc.schema-version", "V1"), new Configuration());
        synchronized (catalogs) {
            catalogs.add(catalog);
        }
        return catalog;
    }

    private static TableCreator creator(Catalog catalog, String... partitionTerms) {
        return new TableCreator(catalog, PartitionTerms.parse(List.of(partitionTerms)),
                SortTerms.parse(List.of("ts desc", "id")),
                TableProperties.withDefaults(TableProperties.parse(List.of("commit.retry.num-retries=7"))));
    }

    private static String uuid(Table table) {
        return ((HasTableOperations) table).operations().current().uuid();
    }

    @Test
    void createsTheNamespaceAndTableWithTheConfiguredLayout() {
        Catalog catalog = catalog("");

        Table table = creator(catalog, "day(ts)", "bucket[16](id)", "user.country")
                .loadOrCreate(EVENTS, SCHEMA, true);

        assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("shop"))).isTrue();
        assertThat(table.spec().fields())
                .extracting(PartitionField::name, field -> field.transform().toString(),
                        field -> table.schema().findColumnName(field.sourceId()))
                .containsExactly(
                        tuple("ts_day", "day", "ts"),
                        tuple("id_bucket", "bucket[16]", "id"),
                        tuple("user.country", "identity", "user.country"));
        assertThat(table.sortOrder().fields())
                .extracting(field -> table.schema().findColumnName(field.sourceId()), SortField::direction,
                        SortField::nullOrder)
                .containsExactly(
                        tuple("ts", SortDirection.DESC, NullOrder.NULLS_LAST),
                        tuple("id", SortDirection.ASC, NullOrder.NULLS_FIRST));
        // format-version is a reserved property: Iceberg applies it to the metadata and does not store it.
        assertThat(((HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
        assertThat(table.properties())
                .containsEntry("write.parquet.compression-codec", "zstd")
                .containsEntry("commit.retry.num-retries", "7");
        assertThat(catalog.loadTable(EVENTS).spec()).isEqualTo(table.spec());
    }

    @Test
    void loadsAnExistingTableAsItIs() {
        Catalog catalog = catalog("");
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("shop"));
        Table existing = catalog.createTable(EVENTS, Schemas.EVENTS);

        Table loaded = creator(catalog, "day(ts)").loadOrCreate(EVENTS, NO_SCHEMA, true);

        assertThat(uuid(loaded)).isEqualTo(uuid(existing));
        assertThat(loaded.spec().isUnpartitioned()).isTrue();
    }

    @Test
    void createsATableInAnExistingNamespace() {
        Catalog catalog = catalog("");
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("shop"));

        Table table = creator(catalog).loadOrCreate(EVENTS, SCHEMA, true);

        assertThat(table.spec().isUnpartitioned()).isTrue();
        assertThat(catalog.tableExists(EVENTS)).isTrue();
    }

    @Test
    void aMissingTableIsAnErrorNamingTheAutoCreateKeyWhenCreationIsOff() {
        Catalog catalog = catalog("");

        assertThatThrownBy(() -> creator(catalog).loadOrCreate(EVENTS, NO_SCHEMA, false))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Table shop.events does not exist in catalog test; create it, or set "
                        + "iceberg.tables.auto-create=true to let the connector create it")
                .hasCauseInstanceOf(NoSuchTableException.class);
        assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("shop"))).isFalse();
    }

    @Test
    void aTermThatDoesNotFitTheSchemaFailsCreationNamingTableTermAndColumn() {
        Catalog catalog = catalog("");

        assertThatThrownBy(() -> creator(catalog, "day(created_at)").loadOrCreate(EVENTS, SCHEMA, true))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Cannot create table shop.events: Partition term 'day(created_at)' does "
                        + "not fit the table schema: the table schema has no column 'created_at'");
        assertThatThrownBy(() -> creator(catalog, "bucket(4, score)").loadOrCreate(EVENTS, SCHEMA, true))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("column 'score' has type double");
        assertThat(((SupportsNamespaces) catalog).namespaceExists(Namespace.of("shop"))).isFalse();
        assertThat(catalog.tableExists(EVENTS)).isFalse();
    }

    /**
     * Eight tasks, each with its own catalog on one SQLite file, meet the missing table at once. Each retries
     * transient failures as the sink task does. busy_timeout=0 makes SQLite answer "database is locked" at
     * once instead of waiting, so that the retries are exercised; cold start also races the catalogs'
     * creation of their own tables, which Iceberg's JDBC catalog does not make safe.
     */
    @ParameterizedTest(name = "cold start {0}, uri suffix ''{1}''")
    @CsvSource({"false, ''", "true, ''", "true, ?busy_timeout=0"})
    void concurrentTasksEndWithOneTable(boolean coldStart, String uriSuffix) throws Exception {
        if (!coldStart) {
            catalog(uriSuffix);
        }
        int tasks = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int task = 0; task < tasks; task++) {
                results.add(pool.submit(() -> {
                    start.await();
                    Catalog own = Retries.withRetries(() -> catalog(uriSuffix), 20, Duration.ofMillis(10));
                    TableCreator creator = creator(own, "day(ts)", "bucket(16, id)");
                    return uuid(Retries.withRetries(() -> creator.loadOrCreate(EVENTS, SCHEMA, true),
                            20, Duration.ofMillis(10)));
                }));
            }
            start.countDown();
            Map<String, Integer> uuids = new HashMap<>();
            for (Future<String> result : results) {
                uuids.merge(result.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }

            Catalog check = catalog("");
            assertThat(uuids).containsOnlyKeys(uuid(check.loadTable(EVENTS))).containsValue(tasks);
            assertThat(check.listTables(Namespace.of("shop"))).containsExactly(EVENTS);
            assertThat(check.loadTable(EVENTS).spec().fields()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "sqlite busy; true",
        "sqlite busy in a plain exception; true",
        "unchecked sql; true",
        "transient sql; true",
        "commit failed; true",
        "unchecked io; true",
        "iceberg runtime io; true",
        "io; true",
        "service unavailable; true",
        "rest server error; true",
        "rest bad gateway; true",
        "rest forbidden; false",
        "commit state unknown; false",
        "commit state unknown over a locked database; false",
        "interrupted jdbc call; false",
        "interrupted io; false",
        "validation; false",
        "illegal argument; false",
        "connect exception; false",
    })
    void tellsTransientFromPermanentFailures(String failure, boolean isTransient) {
        assertThat(TableCreator.isTransient(failure(failure))).isEqualTo(isTransient);
    }

    private static Throwable failure(String name) {
        SQLException locked = new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)");
        return switch (name) {
            case "sqlite busy" -> new RuntimeException("commit failed", new UncheckedSQLException(locked, "x"));
            case "sqlite busy in a plain exception" -> new IllegalStateException("wrapped", locked);
            case "unchecked sql" -> new UncheckedSQLException(new SQLException("connection reset"), "Unknown");
            case "transient sql" -> new ConnectException(new SQLTransientConnectionException("gone"));
            case "commit failed" -> new CommitFailedException("Failed to update table");
            case "unchecked io" -> new UncheckedIOException(new IOException("reset"));
            case "iceberg runtime io" -> new RuntimeIOException(new IOException("reset"));
            case "io" -> new IOException("reset");
            case "service unavailable" -> new ServiceUnavailableException("503");
            case "rest server error" -> new org.apache.iceberg.exceptions.ServiceFailureException("500");
            case "rest bad gateway" -> new org.apache.iceberg.exceptions.RESTException("Unable to process: 502");
            case "rest forbidden" -> new org.apache.iceberg.exceptions.ForbiddenException("403");
            case "commit state unknown" -> new CommitStateUnknownException(new RuntimeException("timeout"));
            case "commit state unknown over a locked database" -> new CommitStateUnknownException(locked);
            case "interrupted jdbc call" -> new UncheckedInterruptedException(new InterruptedException(), "x");
            case "interrupted io" -> new UncheckedIOException(new InterruptedIOException());
            case "validation" -> new ValidationException("Invalid schema");
            case "illegal argument" -> new IllegalArgumentException("Invalid partition term");
            case "connect exception" -> new ConnectException("Table x does not exist");
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void survivesACauseCycle() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(TableCreator.isTransient(first)).isFalse();
    }
}
