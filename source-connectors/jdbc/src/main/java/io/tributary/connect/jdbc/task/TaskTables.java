package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.catalog.TableId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables the connector hands one task, as the value of {@code task.tables}: one per line, each part in
 * double quotes ({@code "public"."orders"}), so that a name with a comma or dot stays one name.
 */
public final class TaskTables {

    private TaskTables() {
    }

    public static String encode(List<TableId> tables) {
        return tables.stream().map(TaskTables::quoted).collect(Collectors.joining("\n"));
    }

    public static List<TableId> decode(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("\n")).filter(line -> !line.isBlank()).map(TableId::parse).toList();
    }

    private static String quoted(TableId table) {
        String name = '"' + table.table().replace("\"", "\"\"") + '"';
        return table.schema() == null ? name : '"' + table.schema().replace("\"", "\"\"") + "\"." + name;
    }
}
