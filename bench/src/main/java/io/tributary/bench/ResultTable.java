package io.tributary.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints a JMH JSON result file ({@code -rf json}) as one markdown table, with each benchmark's score as a
 * ratio to its peer.
 *
 * <p>Within a benchmark class, a method whose name starts with {@code peer} measures the closest stock
 * alternative to the others; rows with the same mode, unit and parameters are compared to it. The ratio is
 * score / peer score, so in throughput modes above 1 is faster than the peer, in time-per-operation modes
 * above 1 is slower.
 */
public final class ResultTable {

    static final String PEER_PREFIX = "peer";
    private static final String NO_PEER = "—";
    private static final String[] HEADER = {"benchmark", "mode/unit", "score", "error", "ratio to peer"};
    private static final boolean[] RIGHT_ALIGNED = {false, false, true, true, true};

    private ResultTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultTable <jmh-result.json>");
            System.exit(2);
        }
        System.out.print(render(read(Files.readString(Path.of(args[0])))));
    }

    /** One row of a JMH result: a benchmark method at one set of parameters in one mode. */
    record Result(String className, String method, Map<String, String> params, String mode, String unit,
                  double score, double error) {

        boolean isPeer() {
            return method.startsWith(PEER_PREFIX);
        }

        /** Rows that can be compared: same class, mode, unit and parameters. */
        String group() {
            return className + '|' + mode + '|' + unit + '|' + params;
        }

        String name() {
            String simpleClass = className.substring(className.lastIndexOf('.') + 1);
            String name = simpleClass + '.' + method;
            if (params.isEmpty()) {
                return name;
            }
            return name + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ", " (", ")"));
        }
    }

    static List<Result> read(String json) throws IOException {
        List<Result> results = new ArrayList<>();
        for (Object entry : JSON.std.listFrom(json)) {
            Map<?, ?> run = (Map<?, ?>) entry;
            String benchmark = (String) run.get("benchmark");
            int dot = benchmark.lastIndexOf('.');
            Map<String, String> params = new TreeMap<>();
            if (run.get("params") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
            results.add(new Result(benchmark.substring(0, dot), benchmark.substring(dot + 1), params,
                    (String) run.get("mode"), (String) primary.get("scoreUnit"),
                    number(primary.get("score")), number(primary.get("scoreError"))));
        }
        return results;
    }

    static String render(List<Result> results) {
        Map<String, List<Result>> peersByGroup = new LinkedHashMap<>();
        for (Result result : results) {
            if (result.isPeer()) {
                peersByGroup.computeIfAbsent(result.group(), g -> new ArrayList<>()).add(result);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Result result : results) {
            rows.add(new String[] {
                result.name(),
                result.mode() + " " + result.unit(),
                decimal(result.score()),
                Double.isNaN(result.error()) ? "n/a" : "± " + decimal(result.error()),
                ratio(result, peersByGroup.getOrDefault(result.group(), List.of()))
            });
        }
        return table(rows);
    }

    private static String ratio(Result result, List<Result> peers) {
        if (result.isPeer()) {
            return "peer";
        }
        if (peers.isEmpty()) {
            return NO_PEER;
        }
        if (peers.size() == 1) {
            return times(result.score() / peers.get(0).score());
        }
        // Several peers in one class: name each, so no ratio is read against the wrong one.
        return peers.stream().map(p -> times(result.score() / p.score()) + " " + p.method())
                .collect(Collectors.joining("; "));
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = Math.max(3, HEADER[i].length());
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADER, widths);
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = RIGHT_ALIGNED[i] ? "-".repeat(widths[i] - 1) + ":" : "-".repeat(widths[i]);
        }
        line(out, rule, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String padding = " ".repeat(widths[i] - cells[i].length());
            out.append(' ').append(RIGHT_ALIGNED[i] ? padding + cells[i] : cells[i] + padding).append(" |");
        }
        out.append('\n');
    }

    /** JMH writes NaN and infinities as strings, other numbers as numbers. */
    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
