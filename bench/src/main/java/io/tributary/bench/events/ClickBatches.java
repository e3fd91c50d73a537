package io.tributary.bench.events;

import io.tributary.bench.sink.ClickRecords;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/**
 * A run's events, in the two shapes the systems under test take them: NDJSON request bodies of {@link #SIZE}
 * clicks for the events source, and the very same JSON bytes one record at a time for the raw producer. The
 * clicks are the sink benchmark's ({@link ClickRecords}), so both ends of a pipeline are measured on one data set.
 */
final class ClickBatches {

    /** Events per request, as the issue asks. */
    static final int SIZE = 100;

    private static final long KEY_SEED = 20261202L;

    private final byte[][] values;
    private final byte[][] keys;
    private final byte[][] bodies;

    private ClickBatches(byte[][] values, byte[][] keys, byte[][] bodies) {
        this.values = values;
        this.keys = keys;
        this.bodies = bodies;
    }

    /** {@code events} clicks, a multiple of {@link #SIZE}. */
    static ClickBatches generate(int events) {
        if (events <= 0 || events % SIZE != 0) {
            throw new IllegalArgumentException("events must be a positive multiple of " + SIZE + ", not " + events);
        }
        byte[][] values = ClickRecords.generate(events);
        // The source keys each event with a UUIDv7 string it makes on arrival; the raw producer sends a key of
        // the same length, made beforehand, so both write records of the same size and spread them alike.
        Random random = new Random(KEY_SEED);
        byte[][] keys = new byte[events][];
        for (int i = 0; i < events; i++) {
            keys[i] = new UUID(random.nextLong(), random.nextLong()).toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[][] bodies = new byte[events / SIZE][];
        for (int batch = 0; batch < bodies.length; batch++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(SIZE * 160);
            for (int i = batch * SIZE; i < (batch + 1) * SIZE; i++) {
                body.writeBytes(values[i]);
                body.write('\n');
            }
            bodies[batch] = body.toByteArray();
        }
        return new ClickBatches(values, keys, bodies);
    }

    int batches() {
        return bodies.length;
    }

    /** Batch {@code batch} as an NDJSON body: its events one per line. */
    byte[] body(int batch) {
        return bodies[batch];
    }

    /** The value of event {@code event}, the same bytes as its line in its batch's body. */
    byte[] value(int event) {
        return values[event];
    }

    byte[] key(int event) {
        return keys[event];
    }

    /** The mean size of an event's JSON, for the log and the docs. */
    double meanEventBytes() {
        long total = 0;
        for (byte[] value : values) {
            total += value.length;
        }
        return (double) total / values.length;
    }
}
