package io.tributary.connect.jdbc.offsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks the offsets an operator sends through the Connect REST API, for
 * {@code SourceConnector.alterOffsets}. Connect calls it (with the connector stopped) before it stores
 * anything, and stores exactly what was sent, so every accepted edit must be a complete {@link StoredOffset}.
 *
 * <p>Accepted per partition, {@code {"table": "<schema.table>"}} or {@code {"query": "<name>"}}:
 * <ul>
 *   <li>{@code null}: reset. A snapshot-mode table is snapshot from scratch at the next start (a snapshot in
 *       progress is abandoned); an incremental table is read again from its configured initial position.
 *       Accepted for partitions the connector no longer reads too, so that {@code DELETE} always works.</li>
 *   <li>{@code {"resnapshot": "<token>"}}: snapshot-mode tables; snapshot again at the next start.</li>
 *   <li>{@code {"incrementing": <value>}}, {@code {"timestamp": "<ISO-8601>"}} or both, as the table's mode
 *       needs: read from there on, inclusive ({@link StartFrom}).</li>
 *   <li>A full offset with {@code "v": 1} in the table's mode, e.g. one read with {@code GET} and edited.</li>
 * </ul>
 *
 * <p>Examples (stop the connector first: {@code PUT /connectors/orders-jdbc/stop}; resume it after):
 * <pre>
 * PATCH /connectors/orders-jdbc/offsets
 * {"offsets": [{"partition": {"table": "public.orders"}, "offset": {"resnapshot": "TICKET-4711"}}]}
 *
 * PATCH /connectors/events-jdbc/offsets
 * {"offsets": [{"partition": {"table": "public.events"}, "offset": {"incrementing": 1000}}]}
 *
 * PATCH /connectors/users-jdbc/offsets
 * {"offsets": [{"partition": {"table": "public.users"}, "offset": {"timestamp": "2026-01-01T00:00:00Z"}}]}
 *
 * PATCH /connectors/orders-jdbc/offsets
 * {"offsets": [{"partition": {"table": "public.orders"}, "offset": null}]}
 *
 * DELETE /connectors/orders-jdbc/offsets
 * </pre>
 * Anything else is refused with one message listing every bad entry, and nothing is stored.
 */
public final class OffsetEdits {

    private final Function<TablePartition, Optional<OffsetMode>> modeOf;

    /**
     * @param modeOf the mode in which the connector reads a partition, or empty if it does not read it (with
     *               include/exclude patterns: whether the name matches them)
     */
    public OffsetEdits(Function<TablePartition, Optional<OffsetMode>> modeOf) {
        this.modeOf = modeOf;
    }

    /** Edits for a connector that reads exactly these tables ({@code schema.table}), each in its mode. */
    public static OffsetEdits forTables(Map<String, OffsetMode> tables) {
        Map<String, OffsetMode> copy = Map.copyOf(tables);
        return new OffsetEdits(partition -> partition.kind() == TablePartition.Kind.TABLE
                ? Optional.ofNullable(copy.get(partition.name())) : Optional.empty());
    }

    /**
     * Checks every edit.
     *
     * @return true: Connect may store the offsets, and tasks will act on them as described above
     * @throws ConnectException listing every partition whose edit is refused, and why
     */
    public boolean check(Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<String> problems = new ArrayList<>();
        offsets.forEach((partitionMap, offset) -> {
            try {
                check(partitionMap, offset);
            } catch (ConnectException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new ConnectException("Offsets not altered: " + String.join(" | ", problems));
        }
        return true;
    }

    private void check(Map<String, ?> partitionMap, Map<String, ?> offset) {
        TablePartition partition = TablePartition.fromMap(partitionMap);
        if (offset == null) {
            return;
        }
        OffsetMode mode = modeOf.apply(partition).orElseThrow(() -> new ConnectException("This connector does not "
                + "read " + partition + ": only null (reset) is accepted for it; check the name, qualified with its "
                + "schema as in GET /connectors/<name>/offsets"));
        StoredOffset.parse(partition, offset).ifPresent(stored -> stored.requireMode(mode, partition));
    }
}
