package io.tributary.connect.events.ingest;

import java.util.Map;

/**
 * The source offsets of the events source: each task is one source partition, {@code {"task": "<n>"}}, and
 * each record it hands out carries the next number of the task's sequence, {@code {"seq": <n>}}.
 *
 * <p>Events come from HTTP clients and cannot be read again, so an offset is never a place to resume reading
 * from. It numbers what a task wrote: with exactly-once support it commits in the same transaction as the
 * records, and a restarted task continues the sequence after the last committed number instead of repeating
 * numbers.
 */
public final class SequenceOffsets {

    public static final String TASK = "task";
    public static final String SEQUENCE = "seq";

    private SequenceOffsets() {
    }

    public static Map<String, String> partition(int taskIndex) {
        return Map.of(TASK, Integer.toString(taskIndex));
    }

    /** The first sequence number after {@code committed}, the offset last committed for the partition. */
    public static long next(Map<String, Object> committed) {
        if (committed == null || !(committed.get(SEQUENCE) instanceof Number last)) {
            return 0L;
        }
        return last.longValue() + 1;
    }

    /**
     * Why an operator's offset edit cannot be applied, or null when it can: a partition must name a task by
     * number and an offset must be a non-negative sequence (or null, to reset it).
     */
    public static String problem(Map<String, ?> partition, Map<String, ?> offset) {
        if (partition == null || partition.size() != 1 || !(partition.get(TASK) instanceof String task)
                || !task.matches("\\d{1,9}")) {
            return "a partition of the events source is {\"" + TASK + "\": \"<task number>\"}, not " + partition;
        }
        if (offset == null) {
            return null;
        }
        if (offset.size() != 1 || !(offset.get(SEQUENCE) instanceof Number seq) || seq.longValue() < 0
                || seq instanceof Double || seq instanceof Float) {
            return "an offset of the events source is {\"" + SEQUENCE + "\": <non-negative whole number>}, not "
                    + offset;
        }
        return null;
    }
}
