package io.tributary.connect.events.ingest;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An admitted request, from the queue until the worker has settled each of its records (or it ends first).
 * Its {@link Outcome} is delivered exactly once, on whichever thread ends it: the producer's callback thread,
 * the timeout scheduler, or the stopping task.
 */
public final class PendingRequest {

    private final List<PreparedEvent> records;
    private final Consumer<Outcome> onEnd;
    private final long admittedNanos;
    private final AtomicInteger unsettled;
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    // Guarded by the queue's lock.
    private int handedOut;
    private boolean withdrawn;

    public PendingRequest(List<PreparedEvent> records, long admittedNanos, Consumer<Outcome> onEnd) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a request to queue has at least one record");
        }
        this.records = List.copyOf(records);
        this.onEnd = onEnd;
        this.admittedNanos = admittedNanos;
        this.unsettled = new AtomicInteger(records.size());
    }

    public int size() {
        return records.size();
    }

    public long admittedNanos() {
        return admittedNanos;
    }

    public boolean ended() {
        return ended.get();
    }

    /** The worker has settled one of this request's records; {@code written} is false for a dropped one. */
    void settle(boolean written) {
        if (!written) {
            dropped.incrementAndGet();
        }
        if (unsettled.decrementAndGet() == 0) {
            end(new Outcome.Durable(dropped.get()));
        }
    }

    /** Ends the request unless it has ended already; true when this call ended it. */
    boolean end(Outcome outcome) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        onEnd.accept(outcome);
        return true;
    }

    // The queue's side, under its lock.

    PreparedEvent next() {
        return records.get(handedOut++);
    }

    boolean exhausted() {
        return handedOut == records.size();
    }

    int handedOut() {
        return handedOut;
    }

    int remaining() {
        return records.size() - handedOut;
    }

    boolean withdrawn() {
        return withdrawn;
    }

    void withdraw() {
        withdrawn = true;
    }
}
