package io.tributary.connect.jdbc.snapshot;

import io.tributary.connect.smt.boundary.SnapshotBoundary;
import io.tributary.connect.smt.boundary.SnapshotRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/** The records of one snapshot: rows stamped with its headers, and its end markers (snapshot-boundaries.md). */
final class SnapshotRecords {

    private final Map<String, ?> sourcePartition;
    private final String topic;
    private final SnapshotRef ref;

    SnapshotRecords(Map<String, ?> sourcePartition, String topic, SnapshotRef ref) {
        this.sourcePartition = sourcePartition;
        this.topic = topic;
        this.ref = ref;
    }

    SourceRecord row(int partition, Schema keySchema, Struct key, Schema valueSchema, Struct value,
            Map<String, ?> offset) {
        return new SourceRecord(sourcePartition, offset, topic, partition, keySchema, key, valueSchema, value, null,
                SnapshotBoundary.stamp(new ConnectHeaders(), ref));
    }

    /**
     * One marker per partition. All but the last carry the offset of the snapshot still in progress, the last
     * the completed one: a task that dies between markers resumes, finds no row left, and writes every marker
     * again (a consumer counts the first marker of a partition and ignores repeats).
     */
    List<SourceRecord> markers(long[] rowsPerPartition, Map<String, ?> inProgress, Map<String, ?> completed) {
        List<SnapshotBoundary.Marker> markers = SnapshotBoundary.markers(ref, rowsPerPartition);
        List<SourceRecord> records = new ArrayList<>(markers.size());
        for (int p = 0; p < markers.size(); p++) {
            Map<String, ?> offset = p == markers.size() - 1 ? completed : inProgress;
            records.add(new SourceRecord(sourcePartition, offset, topic, p, null, null, null, null, null,
                    SnapshotBoundary.markerHeaders(markers.get(p))));
        }
        return records;
    }
}
