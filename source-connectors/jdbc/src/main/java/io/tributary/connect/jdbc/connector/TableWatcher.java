package io.tributary.connect.jdbc.connector;

import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.catalog.TableFilter;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.config.ConnectionSettings;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.JdbcUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the tables that include/exclude patterns select, now and every refresh interval on a thread of its
 * own, and says when the set changed so that the connector can reassign tables to tasks: a table added or
 * dropped at the source is picked up without a restart.
 */
public final class TableWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableWatcher.class);

    private final Dialect dialect;
    private final ConnectionSettings connection;
    private final TableFilter filter;
    private final Runnable onChange;
    private final ScheduledExecutorService executor;
    private volatile List<TableId> tables = List.of();

    /** @param onChange called (on the watcher's thread) after a refresh found another set of tables */
    public TableWatcher(Dialect dialect, ConnectionSettings connection, TableFilter filter, Runnable onChange) {
        this.dialect = dialect;
        this.connection = connection;
        this.filter = filter;
        this.onChange = onChange;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-jdbc-table-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lists the tables once now (an unreachable database gives none for now), then every {@code interval}. */
    public void start(Duration interval) {
        refresh(false);
        executor.scheduleWithFixedDelay(() -> refresh(true), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The tables of the last successful listing, sorted by name. */
    public List<TableId> tables() {
        return tables;
    }

    void refresh(boolean notify) {
        try (Connection db = dialect.connect(connection.url(), connection.user(), connection.password())) {
            List<TableId> found = new TableDiscovery(dialect).listTables(db, filter);
            if (!found.equals(tables)) {
                LOG.info("Tables matching {} are now {} (were {})", filter, found, tables);
                tables = found;
                if (notify) {
                    onChange.run();
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Keep the last known set: a database that is away for a while must not unassign every table.
            LOG.warn("Could not list the tables of the {} database at {}: {}", dialect.name(),
                    JdbcUrls.redacted(connection.url()),
                    JdbcUrls.scrub(e.getMessage(), connection.url(), connection.password()));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
