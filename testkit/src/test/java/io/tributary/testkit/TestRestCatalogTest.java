package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Iceberg's own REST client against the test server: each operation, and the errors the client must raise. */
class TestRestCatalogTest {

    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "region", Types.StringType.get()));
    /** Two levels, so the namespace travels in the path joined by the unit separator. */
    private static final Namespace SHOP = Namespace.of("lake", "shop");
    private static final TableIdentifier ORDERS = TableIdentifier.of(SHOP, "orders");

    @TempDir
    Path dir;

    private TestRestCatalog server;
    private RESTCatalog client;

    @BeforeEach
    void start() {
        server = TestRestCatalog.start(dir);
        client = (RESTCatalog) CatalogUtil.buildIcebergCatalog("rest",
                Map.of("type", "rest", "uri", server.uri()), new Configuration());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void servesNamespaces() {
        client.createNamespace(Namespace.of("lake"));
        // Iceberg's request builder rejects Map.of (it asks it whether it contains a null key).
        client.createNamespace(SHOP, new HashMap<>(Map.of("owner", "sales")));

        assertThat(client.listNamespaces()).containsExactly(Namespace.of("lake"));
        assertThat(client.listNamespaces(Namespace.of("lake"))).containsExactly(SHOP);
        assertThat(client.namespaceExists(SHOP)).isTrue();
        assertThat(client.namespaceExists(Namespace.of("nope"))).isFalse();
        assertThat(client.loadNamespaceMetadata(SHOP)).containsEntry("owner", "sales");
        client.setProperties(SHOP, new HashMap<>(Map.of("tier", "gold")));
        assertThat(((SupportsNamespaces) server.backend()).loadNamespaceMetadata(SHOP)).containsEntry("tier", "gold");
        assertThatThrownBy(() -> client.createNamespace(SHOP)).isInstanceOf(AlreadyExistsException.class);

        assertThat(client.dropNamespace(SHOP)).isTrue();
        assertThat(client.dropNamespace(SHOP)).isFalse();
        assertThat(client.namespaceExists(SHOP)).isFalse();
    }

    @Test
    void servesTables() {
        client.createNamespace(SHOP);
        Table created = client.buildTable(ORDERS, SCHEMA)
                .withPartitionSpec(PartitionSpec.builderFor(SCHEMA).identity("region").build())
                .create();

        assertThat(client.listTables(SHOP)).containsExactly(ORDERS);
        assertThat(client.tableExists(ORDERS)).isTrue();
        assertThat(client.tableExists(TableIdentifier.of(SHOP, "nope"))).isFalse();
        assertThat(client.loadTable(ORDERS).spec().fields()).hasSize(1);
        assertThat(server.backend().loadTable(ORDERS).location()).isEqualTo(created.location());

        created.updateProperties().set("owner", "sales").commit();
        assertThat(server.backend().loadTable(ORDERS).properties()).containsEntry("owner", "sales");

        TableIdentifier renamed = TableIdentifier.of(SHOP, "orders_v2");
        client.renameTable(ORDERS, renamed);
        assertThat(client.tableExists(ORDERS)).isFalse();
        assertThat(client.dropTable(renamed, false)).isTrue();
        assertThat(client.dropTable(renamed, false)).isFalse();
        assertThat(server.backend().tableExists(renamed)).isFalse();
    }

    @Test
    void stagedCreateAppearsWithItsCommit() {
        client.createNamespace(SHOP);
        Transaction create = client.buildTable(ORDERS, SCHEMA).createTransaction();
        create.updateProperties().set("owner", "sales").commit();
        assertThat(server.backend().tableExists(ORDERS)).isFalse();

        create.commitTransaction();

        assertThat(server.backend().loadTable(ORDERS).properties()).containsEntry("owner", "sales");
        assertThatThrownBy(() -> client.buildTable(ORDERS, SCHEMA).createTransaction())
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void raisesTheExceptionsTheClientExpects() {
        assertThatThrownBy(() -> client.createTable(ORDERS, SCHEMA)).isInstanceOf(NoSuchNamespaceException.class);
        client.createNamespace(SHOP);
        assertThatThrownBy(() -> client.loadTable(ORDERS)).isInstanceOf(NoSuchTableException.class);
        assertThatThrownBy(() -> client.loadNamespaceMetadata(Namespace.of("nope")))
                .isInstanceOf(NoSuchNamespaceException.class);
        client.createTable(ORDERS, SCHEMA);
        assertThatThrownBy(() -> client.createTable(ORDERS, SCHEMA)).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> client.dropNamespace(SHOP)).isInstanceOf(NamespaceNotEmptyException.class);
    }

    /**
     * A commit based on a table state that another writer has since changed is refused with 409, which the client
     * raises as a commit failure. A schema change is committed once, without the client's retry, so it shows the
     * server's answer as it is.
     */
    @Test
    void aConflictingCommitFailsOnTheClient() {
        client.createNamespace(SHOP);
        client.createTable(ORDERS, SCHEMA);
        UpdateSchema late = client.loadTable(ORDERS).updateSchema().addColumn("late", Types.StringType.get());

        client.loadTable(ORDERS).updateSchema().addColumn("first", Types.StringType.get()).commit();

        assertThatThrownBy(late::commit).isInstanceOf(CommitFailedException.class);
        assertThat(server.backend().loadTable(ORDERS).schema().findField("first")).isNotNull();
        assertThat(server.backend().loadTable(ORDERS).schema().findField("late")).isNull();
    }

    /**
     * An append that meets another writer's append (committed on cue, between the client's refresh and its
     * commit) is refused with 409; the client refreshes and appends again on the new state, so both land.
     */
    @Test
    void theClientRetriesAnAppendThatMetAnotherOne() {
        client.createNamespace(SHOP);
        client.createTable(ORDERS, SCHEMA);
        AtomicInteger commits = new AtomicInteger();
        server.beforeCommit(table -> {
            if (commits.incrementAndGet() == 1) {
                server.backend().loadTable(table).newAppend().appendFile(dataFile("other")).commit();
            }
        });

        client.loadTable(ORDERS).newAppend().appendFile(dataFile("mine")).commit();

        assertThat(commits).as("refused once, then retried").hasValue(2);
        Table stored = server.backend().loadTable(ORDERS);
        assertThat(stored.currentSnapshot().summary()).containsEntry("total-data-files", "2");
        assertThat(stored.history()).hasSize(2);
    }

    /** The client reports a commit answered with a server failure as one whose outcome is unknown. */
    @Test
    void aFailedCommitIsReportedAsUnknown() {
        client.createNamespace(SHOP);
        client.createTable(ORDERS, SCHEMA);
        server.beforeCommit(table -> {
            throw new ServiceUnavailableException("maintenance");
        });

        assertThatThrownBy(() -> client.loadTable(ORDERS).newAppend().appendFile(dataFile("mine")).commit())
                .isInstanceOf(CommitStateUnknownException.class);
        assertThat(server.backend().loadTable(ORDERS).currentSnapshot()).isNull();
    }

    /** Only metadata: no file is read in these tests. */
    private DataFile dataFile(String name) {
        return DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(dir.resolve(name + ".parquet").toString())
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(100)
                .withRecordCount(1)
                .build();
    }
}
