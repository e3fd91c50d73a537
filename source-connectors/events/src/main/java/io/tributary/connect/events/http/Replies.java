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
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
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

    /**
     * Sends the answer to a request refused before its body was read, reading and dropping the body first (up
     * to {@code maxBytes}). Closing a connection over bytes not yet read makes the kernel reset it, and a reset
     * can reach the client before it read the answer: it would hear only that the connection broke. With the
     * body read, the answer arrives and the connection carries the client's next request. A body sent only
     * after a {@code 100 Continue}, or one past {@code maxBytes}, is not waited for: the answer closes the
     * connection.
     */
    static void sendAfterBody(Request request, Response response, Callback callback, int maxBytes, int status,
            byte[] body) {
        if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            sendClosing(response, callback, status, body);
            return;
        }
        BodyReader.discard(request, maxBytes, new BodyReader.Listener() {
            @Override
            public void body(byte[] none) {
                send(response, callback, status, body);
            }

            @Override
            public void tooLarge() {
                sendClosing(response, callback, status, body);
            }

            @Override
            public void failed(Throwable failure) {
                sendClosing(response, callback, status, body);
            }
        });
    }

    /** Sends an answer after which the connection closes: what is left of the request will not be read. */
    static void sendClosing(Response response, Callback callback, int status, byte[] body) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        send(response, callback, status, body);
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
