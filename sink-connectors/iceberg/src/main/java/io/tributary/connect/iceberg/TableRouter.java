package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.config.TableSettings;
import io.tributary.connect.iceberg.convert.JsonValue;
import io.tributary.connect.smt.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Chooses the table(s) each record is written to: a fixed list, a field of the record, or its topic. */
final class TableRouter {

    private final TableSettings.Route route;
    private final List<TableIdentifier> staticTables;
    private final FieldPath field;
    private final Pattern topicRegex;
    private final String tableTemplate;
    private final String defaultNamespace;
    private final Pattern allowed;
    private final Map<String, List<TableIdentifier>> byTopic = new ConcurrentHashMap<>();

    TableRouter(TableSettings settings) {
        this.route = settings.route();
        this.defaultNamespace = settings.defaultNamespace();
        this.staticTables = settings.tables().stream().map(this::identifier).toList();
        this.field = settings.routeField() == null ? null : FieldPath.parse(settings.routeField());
        this.topicRegex = settings.topicRegex();
        this.tableTemplate = settings.tableTemplate();
        this.allowed = settings.routeAllowRegex();
    }

    /** The tables a static route always writes to; empty for the other routes. */
    List<TableIdentifier> staticTables() {
        return route == TableSettings.Route.STATIC ? staticTables : List.of();
    }

    /**
     * @param value the record's value as the sink reads it (for JSON text, a {@link JsonValue})
     * @throws DataException when the record does not name a table
     */
    List<TableIdentifier> route(SinkRecord record, Object value) {
        return switch (route) {
            case STATIC -> staticTables;
            case FIELD -> List.of(allowed(byField(value instanceof JsonValue json ? json.asMap() : value)));
            case TOPIC -> byTopic.computeIfAbsent(record.topic(), topic -> List.of(allowed(byTopic(topic))));
        };
    }

    private TableIdentifier byField(Object recordValue) {
        Object value = field.get(recordValue);
        if (!(value instanceof String name) || name.isBlank()) {
            throw new DataException("Routing field '" + field + "' is missing or not a string");
        }
        return identifier(name);
    }

    private TableIdentifier byTopic(String topic) {
        Matcher matcher = topicRegex.matcher(topic);
        if (!matcher.matches()) {
            throw new DataException("Topic '" + topic + "' does not match " + TableSettings.TOPIC_REGEX + " '"
                    + topicRegex.pattern() + "'");
        }
        return identifier(matcher.replaceFirst(tableTemplate));
    }

    private TableIdentifier allowed(TableIdentifier table) {
        if (!allowed.matcher(table.toString()).matches()) {
            throw new DataException("The routed table " + table + " does not match "
                    + TableSettings.ROUTE_ALLOW_REGEX + " '" + allowed.pattern() + "'");
        }
        return table;
    }

    private TableIdentifier identifier(String name) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.endsWith(".") || trimmed.contains("..")) {
            throw new DataException("The routed table name is empty or has an empty namespace part");
        }
        TableIdentifier parsed = TableIdentifier.parse(trimmed);
        return parsed.namespace().isEmpty()
                ? TableIdentifier.of(Namespace.of(defaultNamespace), parsed.name())
                : parsed;
    }
}
