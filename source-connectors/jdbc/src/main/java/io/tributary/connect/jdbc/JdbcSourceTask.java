package io.tributary.connect.jdbc;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Reads the tables the connector assigned to this task.
 *
 * <p>Reading is not built yet in this version: the task refuses to start, with that said plainly, rather
 * than run and produce nothing.
 */
public class JdbcSourceTask extends SourceTask {

    @Override
    public void start(Map<String, String> props) {
        throw new ConnectException("Tributary " + TributaryVersion.get()
                + " does not read tables yet: this build ships the JDBC source's configuration only");
    }

    @Override
    public List<SourceRecord> poll() {
        return null;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}
