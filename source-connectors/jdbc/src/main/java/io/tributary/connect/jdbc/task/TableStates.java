package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.offsets.StoredOffset;
import io.tributary.connect.jdbc.offsets.TableOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What the task knows of each table's offset: read once from the offset store when the task starts reading
 * (operators edit offsets only while the connector is stopped), then kept in memory as records are returned,
 * since the store lags behind them.
 */
public final class TableStates {

    private final OffsetMode mode;
    private final Map<String, Optional<StoredOffset>> offsets = new HashMap<>();

    public TableStates(OffsetMode mode) {
        this.mode = mode;
    }

    /**
     * Reads the stored offsets of {@code targets}.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException naming the table when an offset cannot be read or
     *     was written in another mode
     */
    public void load(OffsetStorageReader reader, List<ReadTarget> targets) {
        List<Map<String, String>> partitions = targets.stream().map(t -> t.partition().toMap()).toList();
        Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(partitions);
        for (ReadTarget target : targets) {
            Map<String, Object> map = stored == null ? null : stored.get(target.partition().toMap());
            Optional<StoredOffset> offset = StoredOffset.parse(target.partition(), map);
            offset.ifPresent(o -> o.requireMode(mode, target.partition()));
            offsets.put(target.name(), offset);
        }
    }

    public Optional<StoredOffset> get(ReadTarget target) {
        return offsets.getOrDefault(target.name(), Optional.empty());
    }

    /** The table's offset as a task writes it, or the initial one when the store had none or an edit. */
    public TableOffset tableOffset(ReadTarget target) {
        return get(target).filter(TableOffset.class::isInstance).map(TableOffset.class::cast)
                .orElseGet(() -> TableOffset.initial(mode));
    }

    public void update(ReadTarget target, TableOffset offset) {
        offsets.put(target.name(), Optional.of(offset));
    }
}
