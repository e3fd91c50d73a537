package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.schedule.NextSnapshot;
import io.tributary.connect.jdbc.schedule.SnapshotSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a task's tables to snapshot next. A task reads one table at a time; tables take turns, round
 * robin, so that a table whose schedule is always due cannot starve the others.
 */
public final class SnapshotTurns {

    /** A table whose snapshot is due now, and why (start or resume, operator token). */
    public record Turn(ReadTarget target, NextSnapshot decision) {
    }

    private final List<ReadTarget> targets;
    private final TableStates states;
    private final SnapshotSchedule schedule;
    private int nextIndex;
    private Instant nextWakeUp;

    public SnapshotTurns(List<ReadTarget> targets, TableStates states, SnapshotSchedule schedule) {
        this.targets = new ArrayList<>(targets);
        this.states = states;
        this.schedule = schedule;
    }

    /** The next table due at {@code now}, after the one last returned; empty when none is. */
    public Optional<Turn> next(Instant now) {
        nextWakeUp = null;
        for (int i = 0; i < targets.size(); i++) {
            int index = (nextIndex + i) % targets.size();
            ReadTarget target = targets.get(index);
            NextSnapshot decision = NextSnapshot.decide(states.get(target), schedule, now);
            switch (decision.action()) {
                case START, RESUME -> {
                    nextIndex = index + 1;
                    return Optional.of(new Turn(target, decision));
                }
                case WAIT -> nextWakeUp = nextWakeUp == null || decision.at().isBefore(nextWakeUp)
                        ? decision.at() : nextWakeUp;
                case NEVER -> {
                }
            }
        }
        return Optional.empty();
    }

    /** After an empty {@link #next}: when the earliest table is due, or null if none will be. */
    public Instant nextWakeUp() {
        return nextWakeUp;
    }

    /** Lets go of a table (a discovered table that was dropped). */
    public void remove(ReadTarget target) {
        targets.remove(target);
    }

    public List<ReadTarget> targets() {
        return List.copyOf(targets);
    }
}
