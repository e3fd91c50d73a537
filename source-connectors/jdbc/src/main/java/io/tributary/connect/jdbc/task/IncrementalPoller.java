package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.config.IncrementalSettings;
import io.tributary.connect.jdbc.incremental.IncrementalPosition;
import io.tributary.connect.jdbc.incremental.IncrementalReader;
import io.tributary.connect.jdbc.incremental.IncrementalRow;
import io.tributary.connect.jdbc.incremental.IncrementalSpec;
import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.offsets.StartFrom;
import io.tributary.connect.jdbc.offsets.StoredOffset;
import io.tributary.connect.jdbc.offsets.TableOffset;
import io.tributary.connect.jdbc.schema.TypeMappingOptions;
import io.tributary.connect.smt.boundary.SnapshotBoundary;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental mode: each table is asked for rows after its position every poll interval, or again at once
 * while it returns full batches. Reads go through the {@link IncrementalReader}; this class keeps positions and
 * offsets, names topics and partitions, and ends transactions only where a read may resume.
 */
public final class IncrementalPoller implements TablePoller {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalPoller.class);

    /** A table's reader and where it stands. */
    private static final class TableRead {
        final ReadTarget target;
        IncrementalReader reader;
        /** What the next read starts after (or at, when inclusive); null from the beginning. */
        IncrementalPosition from;
        /** The offset records carry until a row gives a position of its own. */
        Map<String, ?> offset;
        TableOffset base;
        Instant due = Instant.MIN;

        TableRead(ReadTarget target) {
            this.target = target;
        }
    }

    private final DatabaseAccess access;
    private final IncrementalSettings settings;
    private final OffsetMode mode;
    private final TypeMappingOptions types;
    private final TableStates states;
    private final TaskMetrics metrics;
    private final TransactionChunks chunks;
    private final Clock clock;
    private final int topicPartitions;
    private final List<TableRead> tables = new ArrayList<>();
    private Connection readConnection;
    private TableRead reading;
    private int nextIndex;

    public IncrementalPoller(List<ReadTarget> targets, DatabaseAccess access, IncrementalSettings settings,
            OffsetMode mode, TypeMappingOptions types, TableStates states, TaskMetrics metrics,
            TransactionChunks chunks, int topicPartitions, Clock clock) {
        targets.forEach(target -> tables.add(new TableRead(target)));
        this.access = access;
        this.settings = settings;
        this.mode = mode;
        this.types = types;
        this.states = states;
        this.metrics = metrics;
        this.chunks = chunks;
        this.topicPartitions = topicPartitions;
        this.clock = clock;
    }

    @Override
    public List<SourceRecord> poll(int maxRecords) throws SQLException {
        Instant now = clock.instant();
        for (int i = 0; i < tables.size(); i++) {
            TableRead table = tables.get((nextIndex + i) % tables.size());
            if (!table.due.isAfter(now)) {
                nextIndex = (nextIndex + i + 1) % tables.size();
                reading = table;
                List<SourceRecord> batch = read(table, maxRecords);
                reading = null;
                if (!batch.isEmpty()) {
                    return batch;
                }
            }
        }
        return List.of();
    }

    private List<SourceRecord> read(TableRead table, int maxRecords) throws SQLException {
        if (table.reader == null) {
            open(table);
        }
        List<IncrementalRow> rows = table.reader.next(readConnection(), table.from, maxRecords);
        // A full batch means more is waiting: read again at once; otherwise wait for the poll interval.
        table.due = rows.size() >= maxRecords ? Instant.MIN : clock.instant().plus(settings.pollInterval());
        List<SourceRecord> batch = new ArrayList<>(rows.size());
        SourceRecord lastResumable = null;
        for (IncrementalRow row : rows) {
            IncrementalPosition position = row.position();
            if (position != null && !position.inclusive()) {
                TableOffset offset = position.storeIn(table.base);
                table.offset = offset.toMap();
                if (row.endsWindow()) {
                    table.base = offset;
                    table.from = position;
                    states.update(table.target, offset);
                }
            }
            SourceRecord record = record(table, row);
            batch.add(record);
            if (row.endsWindow()) {
                lastResumable = record;
            }
        }
        if (lastResumable != null) {
            chunks.commitAfter(lastResumable);
        }
        TaskMetrics.TableGauges gauges = metrics.table(table.target.name());
        gauges.rowsRead(rows.size());
        if (table.from != null && table.from.timestamp() != null) {
            // Best effort: the position has moved past these rows already, so a failure here must not lose them.
            try {
                gauges.incrementalLagMs(Duration.between(table.from.timestamp(),
                        access.dialect().currentTime(access.catalog())).toMillis());
            } catch (SQLException e) {
                LOG.debug("Could not read the database clock for the lag of {}", table.target, e);
            }
        }
        return batch;
    }

    private SourceRecord record(TableRead table, IncrementalRow row) {
        Integer partition = row.key() == null ? null : SnapshotBoundary.partitionFor(row.key(), topicPartitions);
        return new SourceRecord(table.target.partition().toMap(), table.offset, table.target.topic(), partition,
                table.reader.keySchema(), row.key(), table.reader.valueSchema(), row.value());
    }

    /** Builds the table's reader and finds where it starts: its offset, an operator's edit, or the initial rule. */
    private void open(TableRead table) throws SQLException {
        ReadTarget target = table.target;
        IncrementalSpec spec = new IncrementalSpec(mode, settings.incrementingColumn(), settings.timestampColumn(),
                settings.safetyDelay());
        table.reader = target.isQuery()
                ? IncrementalReader.forQuery(access.dialect(), target.name(), target.query(), spec, types,
                        access.catalog())
                : new IncrementalReader(access.dialect(),
                        new TableDiscovery(access.dialect()).describe(access.catalog(), target.table()), spec, types);
        Optional<StoredOffset> stored = states.get(target);
        table.base = states.tableOffset(target);
        if (stored.isPresent() && stored.get() instanceof StartFrom start) {
            table.from = IncrementalPosition.startingAt(start);
            table.offset = new HashMap<>(startFromMap(start));
            LOG.info("Reading {} from the operator's starting point {}", target, table.from);
        } else if (stored.isPresent()) {
            table.from = IncrementalPosition.of(table.base);
            table.offset = table.base.toMap();
            LOG.info("Reading {} in mode {} {}", target, mode, table.from == null ? "from the beginning"
                    : "after its stored position");
        } else if (settings.initial() == IncrementalSettings.Initial.LATEST) {
            table.from = table.reader.current(readConnection());
            table.offset = table.from == null ? table.base.toMap() : table.from.storeIn(table.base).toMap();
            LOG.info("Reading {} in mode {} from now on ({})", target, mode, table.from);
        } else {
            table.from = null;
            table.offset = table.base.toMap();
            LOG.info("Reading {} in mode {} from the beginning", target, mode);
        }
    }

    /** The operator's edit as they stored it: records carry it until the first position of their own. */
    private static Map<String, Object> startFromMap(StartFrom start) {
        Map<String, Object> map = new HashMap<>();
        if (start.timestamp() != null) {
            map.put(TableOffset.TIMESTAMP, start.timestamp().toString());
        }
        if (start.incrementing() != null) {
            map.put(TableOffset.INCREMENTING, start.incrementing());
        }
        return map;
    }

    private Connection readConnection() throws SQLException {
        if (readConnection == null || readConnection.isClosed()) {
            readConnection = access.open();
        }
        return readConnection;
    }

    @Override
    public Instant wakeUp() {
        return tables.stream().map(table -> table.due).min(Instant::compareTo).orElse(null);
    }

    @Override
    public ReadTarget reading() {
        return reading == null ? null : reading.target;
    }

    @Override
    public void abandon() {
        reading = null;
        if (readConnection != null) {
            try {
                readConnection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the incremental read connection failed", e);
            }
            readConnection = null;
        }
    }

    @Override
    public void remove(ReadTarget target) {
        tables.removeIf(table -> table.target.equals(target));
        nextIndex = 0;
    }

    @Override
    public void close() {
        abandon();
    }
}
