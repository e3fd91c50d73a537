package io.tributary.bench.sink;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The benchmark's data: web clicks as schemaless JSON, eight flat fields, about 150 bytes each. Generated
 * from a fixed seed, so every system of every run is given the very same bytes. Public for the events source
 * benchmark, which posts the same clicks over HTTP.
 */
public final class ClickRecords {

    private static final long SEED = 20261125L;
    private static final long START_MILLIS = 1_795_000_000_000L;
    private static final String[] PAGES = new String[48];
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "SE", "PL", "ES", "IT", "BR", "IN",
        "JP", "CA", "AU", "MX", "CH", "AT", "BE", "DK", "NO"};

    static {
        String[] sections = {"products", "cart", "search", "account", "checkout", "help"};
        for (int i = 0; i < PAGES.length; i++) {
            PAGES[i] = "/" + sections[i % sections.length] + "/" + (1_000 + i * 37);
        }
    }

    private ClickRecords() {
    }

    /** {@code count} records, the i-th with {@code id = i}, as UTF-8 JSON. */
    public static byte[][] generate(int count) {
        Random random = new Random(SEED);
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            values[i] = json(i, START_MILLIS + i * 3L, random);
        }
        return values;
    }

    /**
     * {@code count} records over {@code keys} ids, the i-th with {@code id = i % keys}: every id updated
     * {@code count / keys} times. With an even number of keys, record i's partition {@code i % 2} is always its
     * id's.
     */
    public static byte[][] generateOverKeys(int count, int keys) {
        Random random = new Random(SEED);
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            values[i] = json(i % keys, START_MILLIS + i * 3L, random);
        }
        return values;
    }

    /** One more record, stamped with the time it is produced: what the freshness probes send. */
    static byte[] probe(long id, long nowMillis) {
        return json(id, nowMillis, new Random(id));
    }

    private static byte[] json(long id, long ts, Random random) {
        // The price always has a fraction, so that every sink infers a double from the first record.
        String text = String.format(Locale.ROOT, "{\"id\":%d,\"user\":\"user-%05d\",\"ts\":%d,\"page\":\"%s\","
                        + "\"price\":%d.%02d,\"flag\":%b,\"country\":\"%s\",\"session\":%d}",
                id, random.nextInt(50_000), ts, PAGES[random.nextInt(PAGES.length)], random.nextInt(500),
                1 + random.nextInt(99), random.nextInt(10) == 0, COUNTRIES[random.nextInt(COUNTRIES.length)],
                random.nextLong() & Long.MAX_VALUE);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The table both sinks create from these records: every JSON field an optional column, JSON integers as
     * {@code long}, fractions as {@code double}. The raw writer writes into a table of this schema.
     */
    static Schema schema() {
        return new Schema(
                Types.NestedField.optional(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "user", Types.StringType.get()),
                Types.NestedField.optional(3, "ts", Types.LongType.get()),
                Types.NestedField.optional(4, "page", Types.StringType.get()),
                Types.NestedField.optional(5, "price", Types.DoubleType.get()),
                Types.NestedField.optional(6, "flag", Types.BooleanType.get()),
                Types.NestedField.optional(7, "country", Types.StringType.get()),
                Types.NestedField.optional(8, "session", Types.LongType.get()));
    }
}
