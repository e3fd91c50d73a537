package io.tributary.connect.jdbc.connector;

import io.tributary.connect.jdbc.JdbcSourceConfig;
import io.tributary.connect.jdbc.catalog.TableFilter;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.config.SelectionSettings;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.Dialects;
import io.tributary.connect.jdbc.offsets.OffsetEdits;
import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.offsets.TablePartition;
import java.util.List;
import java.util.Optional;

/**
 * Which source partitions a connector's configuration reads, without asking the database: what
 * {@code alterOffsets} needs, since Connect calls it with the connector stopped.
 */
public final class OffsetScope {

    private OffsetScope() {
    }

    public static OffsetEdits edits(JdbcSourceConfig config) {
        OffsetMode mode = config.offsetMode();
        SelectionSettings selection = config.selection();
        Dialect dialect = Dialects.forUrl(config.connection().url());
        return switch (selection.style()) {
            case QUERY -> new OffsetEdits(partition -> partition.kind() == TablePartition.Kind.QUERY
                    && partition.name().equals(selection.queryName()) ? Optional.of(mode) : Optional.empty());
            case TABLES -> {
                List<TableId> tables = selection.tables();
                yield new OffsetEdits(partition -> partition.kind() == TablePartition.Kind.TABLE
                        && tables.stream().anyMatch(table -> names(table, partition.name()))
                        ? Optional.of(mode) : Optional.empty());
            }
            case PATTERNS -> {
                TableFilter filter = selection.filter();
                yield new OffsetEdits(partition -> partition.kind() == TablePartition.Kind.TABLE
                        && filter.matches(tableOf(partition.name(), dialect), dialect)
                        ? Optional.of(mode) : Optional.empty());
            }
        };
    }

    /** Whether a configured table is this partition's: exactly, or by table name when configured without schema. */
    private static boolean names(TableId configured, String partitionName) {
        return configured.qualifiedName().equals(partitionName)
                || configured.schema() == null && partitionName.endsWith("." + configured.table());
    }

    private static TableId tableOf(String name, Dialect dialect) {
        int dot = name.indexOf('.');
        return !dialect.hasSchemas() || dot <= 0 || dot == name.length() - 1 ? TableId.of(null, name)
                : TableId.of(name.substring(0, dot), name.substring(dot + 1));
    }
}
