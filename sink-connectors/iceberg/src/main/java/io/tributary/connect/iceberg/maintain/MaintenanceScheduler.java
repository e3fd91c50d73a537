package io.tributary.connect.iceberg.maintain;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TableMaintenance} in a background thread of one sink task for the tables that task maintains:
 * of all the connector's tasks, the one whose index is the table name's hash modulo the task count, so each
 * table is maintained once however many tasks write it (as long as that task writes it at all).
 */
public final class MaintenanceScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);

    private final Catalog catalog;
    private final TableMaintenance maintenance;
    private final int taskIndex;
    private final int taskCount;
    private final Set<TableIdentifier> tables = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    public MaintenanceScheduler(Catalog catalog, TableMaintenance maintenance, Duration interval, int taskIndex,
            int taskCount, String threadName) {
        this.catalog = catalog;
        this.maintenance = maintenance;
        this.taskIndex = taskIndex;
        this.taskCount = Math.max(1, taskCount);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Whether this task maintains {@code table}. */
    public boolean owns(TableIdentifier table) {
        return Math.floorMod(table.toString().hashCode(), taskCount) == taskIndex;
    }

    /** Notes a table this task writes; maintained from the next run if this task owns it. */
    public void written(TableIdentifier table) {
        if (owns(table)) {
            tables.add(table);
        }
    }

    /** One pass over the tables; also what the schedule runs. */
    public void runOnce() {
        for (TableIdentifier id : List.copyOf(tables)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                if (catalog.tableExists(id)) {
                    maintenance.run(catalog.loadTable(id));
                }
            } catch (RuntimeException e) {
                LOG.warn("Maintenance of {} failed; it runs again at the next interval", id, e);
            }
        }
    }

    /** Stops scheduling; a run in progress gets a few seconds to finish its step. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
