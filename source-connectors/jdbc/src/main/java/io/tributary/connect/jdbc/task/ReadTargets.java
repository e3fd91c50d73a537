package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.JdbcSourceConfig;
import io.tributary.connect.jdbc.catalog.TableDescription;
import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.catalog.TableNotFoundException;
import io.tributary.connect.jdbc.config.SelectionSettings;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.TablePartition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a task's assignment into {@link ReadTarget}s: names resolved, keys found, topics named. */
public final class ReadTargets {

    private static final Logger LOG = LoggerFactory.getLogger(ReadTargets.class);

    private ReadTargets() {
    }

    /**
     * @param assigned the task's tables (ignored for a custom query, which is always one task's)
     * @throws TableNotFoundException for a named table that does not exist; a discovered table that no longer
     *     exists is left out with a warning (the connector reassigns tables when it sees it gone)
     */
    public static List<ReadTarget> resolve(Connection catalog, Dialect dialect, JdbcSourceConfig config,
            List<TableId> assigned) throws SQLException {
        SelectionSettings selection = config.selection();
        List<String> keyOverride = config.snapshot().keyColumns();
        if (selection.style() == SelectionSettings.Style.QUERY) {
            String name = selection.queryName();
            return List.of(new ReadTarget(TablePartition.query(name), TableId.of(null, name), selection.query(),
                    selection.topicFor(null, name), keyOverride, false));
        }
        boolean discovered = selection.style() == SelectionSettings.Style.PATTERNS;
        TableDiscovery discovery = new TableDiscovery(dialect);
        List<ReadTarget> targets = new ArrayList<>();
        for (TableId table : assigned) {
            TableDescription description;
            try {
                description = discovery.describe(catalog, table);
            } catch (TableNotFoundException e) {
                if (!discovered) {
                    throw e;
                }
                LOG.warn("Table {} was dropped since it was discovered; not reading it", table);
                continue;
            }
            List<String> keys = keyOverride.isEmpty() ? description.primaryKey() : keyOverride;
            for (String column : keys) {
                if (description.column(column).isEmpty()) {
                    throw new ConnectException("Key column '" + column + "' (key.columns) is not a column of table "
                            + description.id().qualifiedName());
                }
            }
            TableId id = description.id();
            targets.add(new ReadTarget(TablePartition.table(id.qualifiedName()), id, null,
                    selection.topicFor(id.schema(), id.table()), keys, discovered));
        }
        return targets;
    }
}
