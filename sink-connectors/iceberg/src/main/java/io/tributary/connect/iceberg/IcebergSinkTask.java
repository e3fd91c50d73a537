package io.tributary.connect.iceberg;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes this task's partitions into Iceberg data files and commits them.
 *
 * <p>Writing is not built yet in this version: the task refuses to start, with that said plainly, rather
 * than consume records it cannot write.
 */
public class IcebergSinkTask extends SinkTask {

    @Override
    public void start(Map<String, String> props) {
        throw new ConnectException("Tributary " + TributaryVersion.get()
                + " does not write Iceberg tables yet: this build ships the sink's configuration only");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}
