package io.tributary.connect.smt;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/** Names a record in error messages by where it came from, so an operator can find it in the topic. */
public final class RecordDescription {

    private RecordDescription() {
    }

    public static String of(ConnectRecord<?> record) {
        StringBuilder description = new StringBuilder("topic=").append(record.topic())
                .append(" partition=").append(record.kafkaPartition());
        if (record instanceof SinkRecord sinkRecord) {
            description.append(" offset=").append(sinkRecord.kafkaOffset());
        }
        return description.toString();
    }
}
