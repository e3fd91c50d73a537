package io.tributary.connect.events;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Serves the events endpoint on this worker.
 *
 * <p>The server is not built yet in this version: the task refuses to start, with that said plainly, rather
 * than run and accept nothing.
 */
public class EventsSourceTask extends SourceTask {

    @Override
    public void start(Map<String, String> props) {
        throw new ConnectException("Tributary " + TributaryVersion.get()
                + " does not serve events yet: this build ships the events source's configuration only");
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
