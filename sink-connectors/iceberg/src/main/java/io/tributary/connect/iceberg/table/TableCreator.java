package io.tributary.connect.iceberg.table;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.jdbc.UncheckedInterruptedException;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a table, creating it and its namespace on first use with the configured layout.
 *
 * <p>Several tasks, in several workers, may meet a missing table at the same moment. Creation is therefore
 * optimistic: every task tries, the catalog lets exactly one win, and the others load the winner's table. Lost
 * races surface as {@link AlreadyExistsException}, which is handled here. Failures that a retry may cure (a
 * locked SQLite file, a commit conflict, an I/O blip) are left to the caller, who knows the retry budget;
 * {@link #isTransient} tells them apart.
 */
public final class TableCreator {

    /** The connector key that allows creating tables; named in the error when a table is missing. */
    public static final String AUTO_CREATE_CONFIG = "iceberg.tables.auto-create";

    private static final Logger LOG = LoggerFactory.getLogger(TableCreator.class);

    private final Catalog catalog;
    private final PartitionTerms partitionTerms;
    private final SortTerms sortTerms;
    private final Map<String, String> properties;

    /**
     * @param properties table properties for created tables, used as given: apply
     *     {@link TableProperties#withDefaults} first to get the connector's defaults
     */
    public TableCreator(Catalog catalog, PartitionTerms partitionTerms, SortTerms sortTerms,
            Map<String, String> properties) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.partitionTerms = Objects.requireNonNull(partitionTerms, "partitionTerms");
        this.sortTerms = Objects.requireNonNull(sortTerms, "sortTerms");
        this.properties = Map.copyOf(properties);
    }

    /**
     * Loads the table, or creates it if it is missing and {@code autoCreate} is set.
     *
     * @param schemaForCreate called only when the table must be created, e.g. to derive it from a record
     * @throws ConnectException if the table is missing and {@code autoCreate} is off, or if the configured
     *     partition or sort terms do not fit the schema: both are configuration problems that no retry or
     *     other record will cure
     */
    public Table loadOrCreate(TableIdentifier id, Supplier<Schema> schemaForCreate, boolean autoCreate) {
        try {
            return catalog.loadTable(id);
        } catch (NoSuchTableException e) {
            if (!autoCreate) {
                throw new ConnectException("Table " + id + " does not exist in catalog " + catalog.name()
                        + "; create it, or set " + AUTO_CREATE_CONFIG + "=true to let the connector create it", e);
            }
        }
        return create(id, Objects.requireNonNull(schemaForCreate.get(), "schema for " + id));
    }

    private Table create(TableIdentifier id, Schema schema) {
        PartitionSpec spec = bind(id, () -> partitionTerms.bind(schema));
        SortOrder order = bind(id, () -> sortTerms.bind(schema));
        createNamespace(id.namespace());
        try {
            Table table = catalog.buildTable(id, schema)
                    .withPartitionSpec(spec)
                    .withSortOrder(order)
                    .withProperties(properties)
                    .create();
            LOG.info("Created table {} partitioned by [{}], sorted by [{}]", id, partitionTerms, sortTerms);
            return table;
        } catch (AlreadyExistsException e) {
            LOG.info("Table {} was created concurrently, probably by another task; loading it", id);
            return loadCreatedByOther(id, e);
        }
    }

    private static <T> T bind(TableIdentifier id, Supplier<T> binding) {
        try {
            return binding.get();
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Cannot create table " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the namespace if it is missing. Checking first matters: a task may lack the privilege to create
     * a namespace that an operator already created.
     *
     * <p>A lost race is not always an {@link AlreadyExistsException}: Iceberg's JDBC catalog passes SQLite's
     * primary-key violation on a concurrent create up as an {@link UncheckedSQLException}. So any failure is
     * forgiven if the namespace exists afterwards.
     */
    private void createNamespace(Namespace namespace) {
        if (namespace.isEmpty() || !(catalog instanceof SupportsNamespaces namespaces)
                || namespaces.namespaceExists(namespace)) {
            return;
        }
        try {
            namespaces.createNamespace(namespace);
            LOG.info("Created namespace {}", namespace);
        } catch (RuntimeException e) {
            if (!(e instanceof AlreadyExistsException) && !existsAfter(namespaces, namespace, e)) {
                throw e;
            }
            LOG.debug("Namespace {} was created concurrently, probably by another task", namespace);
        }
    }

    /** The original failure is the one to report, so a failure to check is attached to it. */
    private static boolean existsAfter(SupportsNamespaces namespaces, Namespace namespace,
            RuntimeException failure) {
        try {
            return namespaces.namespaceExists(namespace);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    /** The name may also be taken by a view, which {@code loadTable} does not find. */
    private Table loadCreatedByOther(TableIdentifier id, AlreadyExistsException cause) {
        try {
            return catalog.loadTable(id);
        } catch (NoSuchTableException e) {
            ConnectException failure = new ConnectException("Cannot create table " + id + ": the name is taken, "
                    + "but not by a table (a view?)", cause);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /**
     * Whether a retry of the failed catalog call may succeed. The whole cause chain is examined, because
     * catalogs wrap driver and I/O errors in their own exceptions. Transient are:
     * <ul>
     *   <li>{@link UncheckedSQLException}: the JDBC catalog wraps every SQL failure in it without telling
     *       lost connections and lock timeouts from permanent ones; a bounded retry of a permanent one only
     *       costs time, while failing the task on a blip costs a restart.</li>
     *   <li>{@link SQLTransientException}: the driver itself says so (timeouts, rollbacks, lost connections).</li>
     *   <li>a message with "database is locked" or "SQLITE_BUSY": SQLite allows one writer per file, and
     *       sqlite-jdbc reports a writer that waited out its busy timeout as a plain {@code SQLException}.</li>
     *   <li>{@link CommitFailedException}: another writer committed first; a retry re-reads the table state and
     *       tries again, which is Iceberg's optimistic concurrency.</li>
     *   <li>{@link ServiceUnavailableException}, {@link ServiceFailureException} and a plain
     *       {@link RESTException}: a REST catalog answered 503, 500, or another 5xx, 408 or 429 that outlasted the
     *       client's own retries — an outage of the catalog or of a proxy in front of it, which passes.</li>
     *   <li>{@link IOException} and {@link UncheckedIOException} (including Iceberg's
     *       {@code RuntimeIOException}): metadata files live on a file system or object store, whose network
     *       errors and throttling pass.</li>
     * </ul>
     * Never transient, wherever in the chain: {@link CommitStateUnknownException}, because the commit may have
     * succeeded and a blind retry could apply it twice; and interruption, because it means the task is stopping.
     */
    public static boolean isTransient(Throwable failure) {
        boolean transientCause = false;
        for (Throwable cause : causeChain(failure)) {
            if (forbidsRetry(cause)) {
                return false;
            }
            transientCause |= isTransientItself(cause);
        }
        return transientCause;
    }

    private static boolean forbidsRetry(Throwable cause) {
        return cause instanceof CommitStateUnknownException
                || cause instanceof InterruptedException
                || cause instanceof UncheckedInterruptedException
                || cause instanceof InterruptedIOException
                || cause instanceof ClosedByInterruptException;
    }

    private static boolean isTransientItself(Throwable cause) {
        return cause instanceof UncheckedSQLException
                || cause instanceof SQLTransientException
                || cause instanceof CommitFailedException
                || cause instanceof ServiceUnavailableException
                || cause instanceof ServiceFailureException
                || cause.getClass() == RESTException.class
                || cause instanceof IOException
                || cause instanceof UncheckedIOException
                || isSqliteBusy(cause.getMessage());
    }

    private static boolean isSqliteBusy(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("database is locked") || lower.contains("sqlite_busy");
    }

    /** Each throwable once, so a cause cycle cannot loop forever. */
    private static Set<Throwable> causeChain(Throwable failure) {
        Set<Throwable> chain = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && chain.add(cause); cause = cause.getCause()) {
            // collecting
        }
        return chain;
    }
}
