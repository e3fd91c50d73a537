package io.tributary.connect.events.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.connect.events.ingest.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The JSON bodies the events endpoint answers with, and the one way they are written. */
final class Replies {

    /** Seconds a client is asked to wait before retrying a 429 or 503. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final JsonFactory JSON = new JsonFactory();

    private Replies() {
    }

    /** {@code {"accepted": n, "rejected": m, "dropped": d, "errors": [{"index": i, "reason": "..."}]}} */
    static byte[] result(int accepted, int dropped, List<Rejection> rejections) {
        return write(json -> {
            json.writeNumberField("accepted", accepted);
            json.writeNumberField("rejected", rejections.size());
            if (dropped > 0) {
                json.writeNumberField("dropped", dropped);
            }
            json.writeArrayFieldStart("errors");
            for (Rejection rejection : rejections) {
                json.writeStartObject();
                json.writeNumberField("index", rejection.index());
                json.writeStringField("reason", rejection.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** {@code {"error": "..."}} */
    static byte[] error(String message) {
        return write(json -> json.writeStringField("error", message));
    }

    static byte[] health(String status, int queued, int capacity) {
        return write(json -> {
            json.writeStringField("status", status);
            json.writeNumberField("queued", queued);
            json.writeNumberField("capacity", capacity);
        });
    }

    static void send(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        if (status == 429 || status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
