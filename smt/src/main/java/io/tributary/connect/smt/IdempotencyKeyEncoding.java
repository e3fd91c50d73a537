package io.tributary.connect.smt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The bytes an idempotency key hashes: the chosen fields' values, in the configured order, each written as a
 * tagged, length-prefixed text component, so that no two different field lists share an encoding and the
 * encoding can be rebuilt outside Java (docs/transforms.md has worked examples).
 * <ul>
 *   <li>null: {@code n};</li>
 *   <li>string: {@code s<len>:<text>}, so {@code ""} ({@code s0:}) differs from null;</li>
 *   <li>number, Date, Time or Timestamp: {@code #<len>:<CanonicalText>}, so a number is encoded by its value
 *       ({@code 42}, {@code 42L}, {@code 42.0} and {@code 42.00} are all {@code #2:42}) and a timestamp as its
 *       epoch millis, like a long field holding the same instant;</li>
 *   <li>boolean: {@code b4:true} or {@code b5:false};</li>
 *   <li>bytes: {@code x<len>:<lowercase hex>};</li>
 *   <li>list: {@code l<count>:} and then each element's component;</li>
 *   <li>Struct or Map: {@code m<count>:} and then, in the byte order of the encoded keys, each key's component
 *       and its value's; a Struct's field names are its keys, so a Struct and a Map with the same content
 *       encode the same.</li>
 * </ul>
 * {@code <len>} is the UTF-8 byte length of the text after the colon, in decimal. The whole is UTF-8.
 */
final class IdempotencyKeyEncoding {

    private static final HexFormat HEX = HexFormat.of();

    private IdempotencyKeyEncoding() {
    }

    /** Appends the component of one value; {@link IllegalArgumentException} for a value of no Connect type. */
    static void write(Object value, Buffer out) {
        if (value == null) {
            out.write('n');
        } else if (value instanceof String text) {
            writeText('s', text, out);
        } else if (value instanceof Number || value instanceof Date) {
            // CanonicalText refuses Number types Connect never produces (AtomicLong...): a DataException upstream.
            writeText('#', CanonicalText.of(value), out);
        } else if (value instanceof Boolean bool) {
            writeText('b', bool.toString(), out);
        } else if (value instanceof byte[] bytes) {
            writeText('x', HEX.formatHex(bytes), out);
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            writeText('x', HEX.formatHex(bytes), out);
        } else if (value instanceof List<?> list) {
            writeHeader('l', list.size(), out);
            list.forEach(element -> write(element, out));
        } else if (value instanceof Struct struct) {
            List<Field> fields = struct.schema().fields();
            List<byte[][]> entries = new ArrayList<>(fields.size());
            for (Field field : fields) {
                entries.add(new byte[][] {encode(field.name()), encode(struct.get(field))});
            }
            writeEntries(entries, out);
        } else if (value instanceof Map<?, ?> map) {
            List<byte[][]> entries = new ArrayList<>(map.size());
            map.forEach((key, entryValue) -> entries.add(new byte[][] {encode(key), encode(entryValue)}));
            writeEntries(entries, out);
        } else {
            throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not a Connect value");
        }
    }

    private static byte[] encode(Object value) {
        Buffer out = new Buffer(32);
        write(value, out);
        return out.toByteArray();
    }

    private static void writeEntries(List<byte[][]> entries, Buffer out) {
        // Sorted, because neither a HashMap's order nor a Struct's field order is part of the value.
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        writeHeader('m', entries.size(), out);
        for (byte[][] entry : entries) {
            out.writeBytes(entry[0]);
            out.writeBytes(entry[1]);
        }
    }

    private static void writeText(char tag, String text, Buffer out) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeHeader(tag, bytes.length, out);
        out.writeBytes(bytes);
    }

    private static void writeHeader(char tag, int length, Buffer out) {
        out.write(tag);
        // Digits written directly: Integer.toString and getBytes would allocate twice per component.
        if (length == 0) {
            out.write('0');
        } else {
            int divisor = 1;
            while (length / divisor >= 10) {
                divisor *= 10;
            }
            for (; divisor > 0; divisor /= 10) {
                out.write('0' + (length / divisor) % 10);
            }
        }
        out.write(':');
    }

    /**
     * A growable byte array: ByteArrayOutputStream would do, but its methods are synchronized, and an encoding
     * is written a byte at a time.
     */
    static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void writeBytes(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
        }

        void reset() {
            size = 0;
        }

        int size() {
            return size;
        }

        /** The backing array, valid up to {@link #size()}; no copy. */
        byte[] array() {
            return bytes;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
