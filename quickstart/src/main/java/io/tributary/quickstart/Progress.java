package io.tributary.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tributary.testkit.ConnectRest;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Live counters while data flows, read where an operator reads them: {@code GET /tributary/pipelines} on the
 * Connect worker (docs/operations.md). One line, rewritten in place: clicks posted and what the events source
 * made of them, the orders snapshot's progress, and how far each sink trails its topic (its consumer group only
 * moves past records its tables committed).
 */
final class Progress {

    private final Supplier<ConnectRest> rest;

    /** @param rest the worker's REST API, asked anew each time (the worker may have been restarted) */
    Progress(Supplier<ConnectRest> rest) {
        this.rest = rest;
    }

    /** Every Tributary connector with its figures, or null while the worker does not answer. */
    JsonNode pipelines() {
        try {
            return rest.get().send("GET", "/tributary/pipelines", null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether {@code sinkConnector} has committed everything its topics hold into the lake: its lag is 0 on
     * every partition, and it has partitions to speak of.
     */
    boolean caughtUp(String sinkConnector) {
        JsonNode sink = connector(pipelines(), sinkConnector);
        return sink.path("lag").isNumber() && sink.path("lag").asLong() == 0 && !sink.path("partitions").isEmpty();
    }

    void print(PrintStream out, ClickGenerator.Counts clicks) {
        JsonNode pipelines = pipelines();
        if (pipelines == null) {
            out.print("\rwaiting for the Connect worker to answer GET /tributary/pipelines ...   ");
            out.flush();
            return;
        }
        JsonNode orders = connector(pipelines, "retail-orders-source").path("tables").path("public.orders");
        out.printf("\rclicks posted %,d (accepted %,d, rejected %,d) | orders snapshot %s | in the lake: clicks "
                        + "lag %s, fresh %s; orders lag %s   ", clicks.sent.get(), clicks.accepted.get(),
                clicks.rejected.get(), snapshot(orders), number(connector(pipelines, "retail-clicks-sink").path("lag")),
                seconds(connector(pipelines, "retail-clicks-sink").path("tables").path("retail.clicks")
                        .path("table-freshness-lag-ms")),
                number(connector(pipelines, "retail-orders-sink").path("lag")));
        out.flush();
    }

    private static String snapshot(JsonNode table) {
        JsonNode done = table.path("snapshot-rows-done");
        if (!done.isNumber()) {
            return "waiting";
        }
        JsonNode estimated = table.path("snapshot-rows-estimated");
        String rows = String.format("%,d", done.asLong()) + (estimated.isNumber()
                ? String.format(" of ~%,d rows", estimated.asLong()) : " rows");
        return table.has("snapshot-id") ? rows : rows + " (complete)";
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format("%,d", value.asLong()) : "-";
    }

    private static String seconds(JsonNode millis) {
        return millis.isNumber() ? String.format("%.1f s", millis.asLong() / 1000.0) : "-";
    }

    private static JsonNode connector(JsonNode pipelines, String name) {
        if (pipelines != null) {
            for (JsonNode connector : pipelines.path("connectors")) {
                if (name.equals(connector.path("name").asText())) {
                    return connector;
                }
            }
        }
        return MissingNode.getInstance();
    }
}
