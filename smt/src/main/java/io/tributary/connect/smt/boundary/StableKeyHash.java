package io.tributary.connect.smt.boundary;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * A hash of a Connect key that is the same in every JVM, Java version and Kafka version: MurmurHash3
 * (x86, 32 bit, seed 0) over a canonical byte form of the key's values. {@code Object.hashCode} is not usable:
 * {@code String.hashCode} is stable but {@code Struct}, {@code byte[]} and {@code Date} hash by identity or by
 * implementation detail.
 *
 * <p>The canonical form hashes a key by <em>value</em>, so that a key stays in its partition when only its Java
 * type changes (an INT column widened to BIGINT, a NUMERIC key read as a Decimal or as a long, a scale change):
 * <ul>
 *   <li>every whole number (byte, short, int, long, and BigInteger or BigDecimal values that are whole and fit
 *       in a long) is encoded as the same 8-byte long;</li>
 *   <li>other decimals by their value with trailing zeros stripped ({@code 1.50} = {@code 1.5});</li>
 *   <li>float and double as a double ({@code -0.0} = {@code 0.0});</li>
 *   <li>strings as UTF-8; {@code byte[]} and {@code ByteBuffer} by their bytes; Connect Date, Time and
 *       Timestamp ({@code java.util.Date}) by epoch millis;</li>
 *   <li>a Struct by its field values in schema order (not its field names, so a renamed key column does not
 *       move rows); lists in order; maps with entries sorted by their encoded key.</li>
 * </ul>
 * Every value is tagged with its kind and every variable-length part is length-prefixed, so distinct keys
 * never share an encoding. Changing any of this moves rows between partitions: {@code StableKeyHashTest}
 * pins concrete hashes.
 */
public final class StableKeyHash {

    private static final byte NULL = 0;
    private static final byte WHOLE_NUMBER = 1;
    private static final byte DECIMAL = 2;
    private static final byte FLOATING = 3;
    private static final byte BOOLEAN = 4;
    private static final byte STRING = 5;
    private static final byte BYTES = 6;
    private static final byte DATE = 7;
    private static final byte STRUCT = 8;
    private static final byte LIST = 9;
    private static final byte MAP = 10;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private StableKeyHash() {
    }

    /** The hash of a Connect key value (null, a primitive, a logical-type value, Struct, List or Map). */
    public static int of(Object key) {
        return murmur3(canonicalBytes(key));
    }

    /** The partition in {@code [0, partitions)} for a key, spread evenly by {@link #of}. */
    public static int partition(Object key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        return (of(key) & 0x7fffffff) % partitions;
    }

    static byte[] canonicalBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value == null) {
            out.write(NULL);
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long) {
            writeWhole(((Number) value).longValue(), out);
        } else if (value instanceof BigInteger big) {
            writeDecimal(new BigDecimal(big), out);
        } else if (value instanceof BigDecimal decimal) {
            writeDecimal(decimal, out);
        } else if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            out.write(FLOATING);
            writeLong(Double.doubleToLongBits(d == 0.0 ? 0.0 : d), out);
        } else if (value instanceof Boolean bool) {
            out.write(BOOLEAN);
            out.write(bool ? 1 : 0);
        } else if (value instanceof String text) {
            writeSized(STRING, text.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof byte[] bytes) {
            writeSized(BYTES, bytes, out);
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            writeSized(BYTES, bytes, out);
        } else if (value instanceof Date date) {
            out.write(DATE);
            writeLong(date.getTime(), out);
        } else if (value instanceof Struct struct) {
            List<Field> fields = struct.schema().fields();
            out.write(STRUCT);
            writeInt(fields.size(), out);
            for (Field field : fields) {
                write(struct.get(field), out);
            }
        } else if (value instanceof List<?> list) {
            out.write(LIST);
            writeInt(list.size(), out);
            list.forEach(element -> write(element, out));
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out);
        } else {
            throw new DataException("Cannot hash a key of type " + value.getClass().getName()
                    + ": not a Connect value");
        }
    }

    private static void writeDecimal(BigDecimal decimal, ByteArrayOutputStream out) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger whole = stripped.toBigIntegerExact();
            if (whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0) {
                writeWhole(whole.longValue(), out);
                return;
            }
        }
        out.write(DECIMAL);
        writeInt(stripped.scale(), out);
        byte[] unscaled = stripped.unscaledValue().toByteArray();
        writeInt(unscaled.length, out);
        out.writeBytes(unscaled);
    }

    private static void writeMap(Map<?, ?> map, ByteArrayOutputStream out) {
        // Entries in the order of their encoded keys: a HashMap's iteration order is no part of the key.
        List<byte[][]> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            entries.add(new byte[][] {canonicalBytes(entry.getKey()), canonicalBytes(entry.getValue())});
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        out.write(MAP);
        writeInt(entries.size(), out);
        for (byte[][] entry : entries) {
            out.writeBytes(entry[0]);
            out.writeBytes(entry[1]);
        }
    }

    private static void writeWhole(long value, ByteArrayOutputStream out) {
        out.write(WHOLE_NUMBER);
        writeLong(value, out);
    }

    private static void writeSized(byte tag, byte[] bytes, ByteArrayOutputStream out) {
        out.write(tag);
        writeInt(bytes.length, out);
        out.writeBytes(bytes);
    }

    private static void writeInt(int value, ByteArrayOutputStream out) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
    }

    private static void writeLong(long value, ByteArrayOutputStream out) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    /** MurmurHash3_x86_32 with seed 0, as published by Austin Appleby (public domain). */
    static int murmur3(byte[] data) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8
                    | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int remaining = data.length & 3;
        if (remaining > 0) {
            int k = data[tail] & 0xff;
            if (remaining >= 2) {
                k ^= (data[tail + 1] & 0xff) << 8;
            }
            if (remaining == 3) {
                k ^= (data[tail + 2] & 0xff) << 16;
            }
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
