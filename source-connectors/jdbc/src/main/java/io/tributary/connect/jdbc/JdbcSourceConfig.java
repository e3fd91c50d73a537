package io.tributary.connect.jdbc;

import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.jdbc.config.ConfigRules;
import io.tributary.connect.jdbc.config.ConnectionSettings;
import io.tributary.connect.jdbc.config.Fragments;
import io.tributary.connect.jdbc.config.IncrementalSettings;
import io.tributary.connect.jdbc.config.ModeSettings;
import io.tributary.connect.jdbc.config.SelectionSettings;
import io.tributary.connect.jdbc.config.SnapshotSettings;
import io.tributary.connect.jdbc.config.TypeSettings;
import io.tributary.connect.jdbc.offsets.OffsetMode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link TributaryJdbcSourceConnector}: the sum of the fragments in
 * {@link io.tributary.connect.jdbc.config}, one per concern.
 */
public final class JdbcSourceConfig extends AbstractConfig {

    public static final ConfigDef CONFIG_DEF = ConfigRules.configDef();

    /**
     * Set by the connector on each task: the tables that task alone reads, one per line, each part quoted
     * ({@code "public"."orders"}), so that no table name can split into two.
     */
    public static final String TASK_TABLES = "task.tables";

    private final ConnectionSettings connection;
    private final SelectionSettings selection;
    private final ModeSettings mode;
    private final SnapshotSettings snapshot;
    private final IncrementalSettings incremental;
    private final TypeSettings types;

    public JdbcSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        List<ConfigProblem> problems = ConfigRules.problems(key -> props.get(key) == null ? null
                : props.get(key).toString());
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw new ConfigException(first.key() + ": " + first.message());
        }
        AbstractConfig config = this;
        this.connection = Fragments.connection(config);
        this.selection = Fragments.selection(config);
        this.mode = Fragments.mode(config);
        this.snapshot = Fragments.snapshot(config);
        this.incremental = Fragments.incremental(config);
        this.types = Fragments.types(config);
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public SelectionSettings selection() {
        return selection;
    }

    public ModeSettings.Mode mode() {
        return mode.mode();
    }

    public int batchMaxRows() {
        return mode.batchMaxRows();
    }

    public SnapshotSettings snapshot() {
        return snapshot;
    }

    public IncrementalSettings incremental() {
        return incremental;
    }

    public TypeSettings types() {
        return types;
    }

    /** The mode written into each table's offset. */
    public OffsetMode offsetMode() {
        return mode() == ModeSettings.Mode.SNAPSHOT ? OffsetMode.SNAPSHOT : incremental.offsetMode();
    }
}
