package io.tributary.connect.iceberg.write;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A cheap estimate of how much memory a record takes while buffered in an open Parquet writer, used only to
 * decide when to commit early so memory stays bounded. It errs high for small values.
 */
final class RecordSize {

    private static final int FIXED = 8;

    private RecordSize() {
    }

    /** A row read from JSON text holds about what the text did, less the punctuation and field names. */
    static long ofJson(byte[] json) {
        return FIXED + json.length;
    }

    static long estimate(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof CharSequence text) {
            return FIXED + text.length();
        }
        if (value instanceof byte[] bytes) {
            return FIXED + bytes.length;
        }
        if (value instanceof ByteBuffer buffer) {
            return FIXED + buffer.remaining();
        }
        if (value instanceof Struct struct) {
            long size = FIXED;
            for (Field field : struct.schema().fields()) {
                size += estimate(struct.get(field));
            }
            return size;
        }
        if (value instanceof Map<?, ?> map) {
            long size = FIXED;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> items) {
            long size = FIXED;
            for (Object item : items) {
                size += estimate(item);
            }
            return size;
        }
        return FIXED;
    }
}
