package io.tributary.connect.events.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.tributary.connect.events.config.StreamRoute;
import io.tributary.connect.events.schema.InvalidEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body into the records it will write: each valid event of the stream, and each invalid one
 * as a {@link Rejection}. An invalid event never stops the others from being read, except in a JSON body
 * that is not well-formed JSON, where nothing after the error can be told apart.
 */
public final class RequestReader {

    /** Deep enough for any event; shallow enough that no body can exhaust a thread's stack. */
    static final int MAX_NESTING = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private final int maxEvents;

    public RequestReader(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /**
     * @param idempotencyKey the request's Idempotency-Key header, or null
     * @throws RequestRejectedException when the body as a whole cannot be taken
     */
    public ReadRequest read(byte[] body, BodyFormat format, StreamRoute route, String idempotencyKey,
            long receivedMillis) throws RequestRejectedException {
        EventAssembly assembly = new EventAssembly(route, idempotencyKey, receivedMillis);
        ReadRequest read = new ReadRequest(new ArrayList<>(), new ArrayList<>());
        if (format == BodyFormat.NDJSON) {
            readLines(body, assembly, read);
        } else {
            readDocument(body, assembly, read);
        }
        if (read.total() == 0) {
            throw new RequestRejectedException(RequestRejectedException.Kind.MALFORMED,
                    "the request holds no events");
        }
        return read;
    }

    private void readDocument(byte[] body, EventAssembly assembly, ReadRequest read)
            throws RequestRejectedException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    checkCount(index);
                    readEvent(parser, body, index++, true, assembly, read);
                }
            } else if (first != null) {
                readEvent(parser, body, 0, false, assembly, read);
            }
            if (parser.nextToken() != null) {
                throw new RequestRejectedException(RequestRejectedException.Kind.MALFORMED,
                        "the body holds more than one JSON value; send an array, or NDJSON with "
                                + "Content-Type application/x-ndjson");
            }
        } catch (JsonProcessingException e) {
            throw new RequestRejectedException(RequestRejectedException.Kind.MALFORMED,
                    "the body is not valid JSON" + where(e.getLocation(), true));
        } catch (IOException e) {
            throw new RequestRejectedException(RequestRejectedException.Kind.MALFORMED,
                    "the body cannot be read as JSON");
        }
    }

    private void readLines(byte[] body, EventAssembly assembly, ReadRequest read) throws RequestRejectedException {
        int index = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int first = start;
            int last = end;
            while (first < last && blank(body[first])) {
                first++;
            }
            while (last > first && blank(body[last - 1])) {
                last--;
            }
            if (first < last) {
                checkCount(index);
                readLine(body, first, last - first, index++, assembly, read);
            }
            start = end + 1;
        }
    }

    private static void readLine(byte[] body, int offset, int length, int index, EventAssembly assembly,
            ReadRequest read) {
        try (JsonParser parser = JSON.createParser(body, offset, length)) {
            parser.nextToken();
            Object value = assembly.route().reader().read(parser);
            if (parser.nextToken() != null) {
                reject(read, index, "more than one JSON value on the line", body, offset, length);
                return;
            }
            accept(read, assembly, value, index, true, body, offset, length);
        } catch (InvalidEventException e) {
            reject(read, index, e.getMessage(), body, offset, length);
        } catch (JsonProcessingException e) {
            reject(read, index, "not valid JSON" + where(e.getLocation(), false), body, offset, length);
        } catch (IOException e) {
            reject(read, index, "not readable as JSON", body, offset, length);
        }
    }

    /** Reads the event the parser stands on; leaves it on the event's last token. */
    private static void readEvent(JsonParser parser, byte[] body, int index, boolean inBatch, EventAssembly assembly,
            ReadRequest read) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        try {
            Object value = assembly.route().reader().read(parser);
            int end = (int) parser.currentLocation().getByteOffset();
            accept(read, assembly, value, index, inBatch, body, start, end - start);
        } catch (InvalidEventException e) {
            int end = (int) parser.currentLocation().getByteOffset();
            reject(read, index, e.getMessage(), body, start, end - start);
        }
    }

    private static void accept(ReadRequest read, EventAssembly assembly, Object value, int index, boolean inBatch,
            byte[] body, int offset, int length) {
        try {
            read.events().add(assembly.prepare(value, body, offset, length, index, inBatch));
        } catch (InvalidEventException e) {
            reject(read, index, e.getMessage(), body, offset, length);
        }
    }

    private static void reject(ReadRequest read, int index, String reason, byte[] body, int offset, int length) {
        read.rejections().add(new Rejection(index, reason, text(body, offset, length)));
    }

    private void checkCount(int index) throws RequestRejectedException {
        if (index >= maxEvents) {
            throw new RequestRejectedException(RequestRejectedException.Kind.TOO_MANY_EVENTS,
                    "the request holds more than " + maxEvents + " events (request.max.events)");
        }
    }

    private static String text(byte[] body, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > body.length) {
            return "";
        }
        return new String(body, offset, length, StandardCharsets.UTF_8).strip();
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static String where(JsonLocation location, boolean withLine) {
        if (location == null || location.getColumnNr() < 0) {
            return "";
        }
        return withLine ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"
                : " (column " + location.getColumnNr() + ")";
    }

    /** What a request body holds: the events to write and the invalid events. */
    public record ReadRequest(List<PreparedEvent> events, List<Rejection> rejections) {

        public int total() {
            return events.size() + rejections.size();
        }
    }
}
