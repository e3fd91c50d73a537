package io.tributary.connect.smt.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What one task reports live: its gauges — registered once, they reach both the worker's plugin metrics and
 * this report, so {@code /tributary} and JMX show the same figures — and details that are not numbers (a
 * snapshot id, an address, rejection reasons), which only this report carries.
 *
 * <p>Gauges and details are read on the REST extension's threads while the task updates them: suppliers must
 * be safe to call from any thread.
 */
public final class TaskReport implements WorkerMetrics {

    private record Gauge(String name, Map<String, String> tags, Supplier<? extends Number> value) {
    }

    private record Detail(String name, Map<String, String> tags, Supplier<?> value) {
    }

    private final TaskRef task;
    private final String kind;
    private final WorkerMetrics metrics;
    private final List<Gauge> gauges = new CopyOnWriteArrayList<>();
    private final List<Detail> details = new CopyOnWriteArrayList<>();

    TaskReport(TaskRef task, String kind, WorkerMetrics metrics) {
        this.task = task;
        this.kind = kind;
        this.metrics = metrics;
    }

    public TaskRef task() {
        return task;
    }

    public String kind() {
        return kind;
    }

    @Override
    public void gauge(String name, String description, Map<String, String> tags, Supplier<? extends Number> value) {
        metrics.gauge(name, description, tags, value);
        gauges.add(new Gauge(name, Map.copyOf(tags), value));
    }

    /**
     * Reports a value that is not a number (a string, or a list or map of strings and numbers) under
     * {@code name}; null values are left out of the report.
     */
    public void detail(String name, Map<String, String> tags, Supplier<?> value) {
        details.add(new Detail(name, Map.copyOf(tags), value));
    }

    @Override
    public void remove(String name, Map<String, String> tags) {
        metrics.remove(name, tags);
        gauges.removeIf(gauge -> gauge.name().equals(name) && gauge.tags().entrySet().containsAll(tags.entrySet()));
        details.removeIf(detail -> detail.name().equals(name)
                && detail.tags().entrySet().containsAll(tags.entrySet()));
    }

    @Override
    public boolean published() {
        return metrics.published();
    }

    /**
     * Every figure as it is now — {@code name}, {@code tags} and {@code value}, gauges first — leaving out those
     * without a value. A supplier that throws is reported as an {@code error} instead of failing the report.
     */
    public List<Map<String, Object>> read() {
        List<Map<String, Object>> figures = new ArrayList<>();
        gauges.forEach(gauge -> add(figures, gauge.name(), gauge.tags(), gauge.value()));
        details.forEach(detail -> add(figures, detail.name(), detail.tags(), detail.value()));
        return figures;
    }

    private static void add(List<Map<String, Object>> figures, String name, Map<String, String> tags,
            Supplier<?> value) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("name", name);
        figure.put("tags", tags);
        try {
            Object read = value.get();
            if (read == null || (read instanceof Double number && !Double.isFinite(number))) {
                return;  // nothing to say yet (JSON has no NaN either)
            }
            figure.put("value", read);
        } catch (RuntimeException e) {
            figure.put("error", e.getClass().getSimpleName());
        }
        figures.add(figure);
    }

    @Override
    public void close() {
        metrics.close();
        gauges.clear();
        details.clear();
        TaskReports.closed(this);
    }
}
