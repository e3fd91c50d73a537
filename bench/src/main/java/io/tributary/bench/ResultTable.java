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
 * ratio to its peer and to its ceiling.
 *
 * <p>Within a benchmark class, a method whose name starts with {@code peer} measures the closest stock
 * alternative to the others, and one whose name starts with {@code ceiling} what no implementation can beat
 * (the bare library doing the work, say); rows with the same mode, unit and parameters are compared to them.
 * The ratio is score / peer score, so in throughput modes above 1 is faster than the peer, in time-per-operation
 * modes above 1 is slower.
 *
 * <p>A benchmark may report its own measurements as JMH aux counters ({@code @AuxCounters(Type.EVENTS)}, unit
 * {@code #}); each is a row of its own, {@code Class.method:counter}, compared to the same counter of the peer
 * and the ceiling. A counter's unit comes from its name: {@code recordsPerSecond} is in records/s,
 * {@code freshnessP50Millis} in ms. JMH sums such counters over iterations; the table shows their mean, and
 * as error half the spread between the iterations. A single-shot benchmark that reports counters is shown by
 * its counters alone: its JMH score is only the duration of the shot.
 */
public final class ResultTable {

    static final String PEER_PREFIX = "peer";
    static final String CEILING_PREFIX = "ceiling";
    private static final String AUX_COUNTER_UNIT = "#";
    private static final String SINGLE_SHOT = "ss";
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

    /**
     * One row: a benchmark method at one set of parameters in one mode, its primary score or one of its aux
     * counters ({@code counter} null for the primary score).
     */
    record Result(String className, String method, String counter, Map<String, String> params, String mode,
                  String unit, double score, double error) {

        boolean isPeer() {
            return method.startsWith(PEER_PREFIX);
        }

        boolean isCeiling() {
            return method.startsWith(CEILING_PREFIX);
        }

        /** Rows that can be compared: same class, mode, unit, parameters and counter. */
        String group() {
            return className + '|' + mode + '|' + unit + '|' + params + '|' + counter;
        }

        String name() {
            String simpleClass = className.substring(className.lastIndexOf('.') + 1);
            String name = simpleClass + '.' + method + (counter == null ? "" : ":" + counter);
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
            String className = benchmark.substring(0, dot);
            String method = benchmark.substring(dot + 1);
            String mode = (String) run.get("mode");
            Map<String, String> params = new TreeMap<>();
            if (run.get("params") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            List<Result> counters = new ArrayList<>();
            if (run.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
                secondary.forEach((name, metric) -> {
                    Map<?, ?> values = (Map<?, ?>) metric;
                    if (AUX_COUNTER_UNIT.equals(values.get("scoreUnit"))) {
                        counters.add(counter(className, method, String.valueOf(name), params, mode, values));
                    }
                });
            }
            if (counters.isEmpty() || !SINGLE_SHOT.equals(mode)) {
                Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
                results.add(new Result(className, method, null, params, mode, (String) primary.get("scoreUnit"),
                        number(primary.get("score")), number(primary.get("scoreError"))));
            }
            results.addAll(counters);
        }
        return results;
    }

    /** An aux counter's row: the mean over iterations (JMH reports their sum) and half their spread. */
    private static Result counter(String className, String method, String name, Map<String, String> params,
            String mode, Map<?, ?> metric) {
        List<Double> values = new ArrayList<>();
        if (metric.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object value : (List<?>) fork) {
                    values.add(number(value));
                }
            }
        }
        if (values.isEmpty()) {
            return new Result(className, method, name, params, mode, counterUnit(name),
                    number(metric.get("score")), Double.NaN);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double spread = values.size() < 2 ? Double.NaN
                : (values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                        - values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) / 2;
        return new Result(className, method, name, params, mode, counterUnit(name), mean, spread);
    }

    /** {@code recordsPerSecond} → records/s, {@code freshnessP50Millis} → ms; other names stay counts. */
    static String counterUnit(String counter) {
        if (counter.endsWith("PerSecond") && counter.length() > "PerSecond".length()) {
            return counter.substring(0, counter.length() - "PerSecond".length()) + "/s";
        }
        if (counter.endsWith("Millis")) {
            return "ms";
        }
        return AUX_COUNTER_UNIT;
    }

    static String render(List<Result> results) {
        Map<String, List<Result>> peersByGroup = new LinkedHashMap<>();
        Map<String, List<Result>> ceilingsByGroup = new LinkedHashMap<>();
        for (Result result : results) {
            if (result.isPeer()) {
                peersByGroup.computeIfAbsent(result.group(), g -> new ArrayList<>()).add(result);
            } else if (result.isCeiling()) {
                ceilingsByGroup.computeIfAbsent(result.group(), g -> new ArrayList<>()).add(result);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Result result : results) {
            rows.add(new String[] {
                result.name(),
                result.mode() + " " + result.unit(),
                decimal(result.score()),
                Double.isNaN(result.error()) ? "n/a" : "± " + decimal(result.error()),
                ratio(result, peersByGroup.getOrDefault(result.group(), List.of()),
                        ceilingsByGroup.getOrDefault(result.group(), List.of()))
            });
        }
        return table(rows);
    }

    private static String ratio(Result result, List<Result> peers, List<Result> ceilings) {
        if (result.isCeiling()) {
            return "ceiling";
        }
        String toPeer;
        if (result.isPeer()) {
            toPeer = "peer";
        } else if (peers.isEmpty()) {
            toPeer = ceilings.isEmpty() ? NO_PEER : null;
        } else if (peers.size() == 1) {
            toPeer = times(result.score() / peers.get(0).score());
        } else {
            // Several peers in one class: name each, so no ratio is read against the wrong one.
            toPeer = peers.stream().map(p -> times(result.score() / p.score()) + " " + p.method())
                    .collect(Collectors.joining("; "));
        }
        String toCeiling = ceilings.stream()
                .map(c -> times(result.score() / c.score()) + " of " + (ceilings.size() == 1 ? "ceiling" : c.method()))
                .collect(Collectors.joining("; "));
        if (toPeer == null) {
            return toCeiling;
        }
        return toCeiling.isEmpty() ? toPeer : toPeer + "; " + toCeiling;
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

    /** Three decimals, as JMH prints; none from a thousand up, where they are noise. */
    private static String decimal(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 1000 ? "%.0f" : "%.3f", value);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
