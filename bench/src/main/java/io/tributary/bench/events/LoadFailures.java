package io.tributary.bench.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answers of a shot that were not a full acknowledgement, kept word for word (the first few): a benchmark
 * of a connector that misbehaves under load must say what it saw, not retry past it. A hang aborts the shot;
 * other failures are counted and the load goes on, so the count says how widespread they are.
 */
final class LoadFailures {

    private static final int KEPT = 5;

    private final AtomicInteger count = new AtomicInteger();
    private final List<String> first = new ArrayList<>();
    private volatile boolean aborted;

    void add(Throwable failure) {
        note(String.valueOf(failure));
    }

    /** Notes {@code why} and stops the load from sending more. */
    void abort(String why) {
        aborted = true;
        note(why);
    }

    boolean aborted() {
        return aborted;
    }

    int count() {
        return count.get();
    }

    private void note(String what) {
        count.incrementAndGet();
        synchronized (first) {
            if (first.size() < KEPT) {
                first.add(what);
            }
        }
    }

    /** For the exception that fails the shot. */
    String describe() {
        synchronized (first) {
            return count.get() + " batch(es) not acknowledged" + (aborted ? ", load aborted" : "") + "; first: "
                    + String.join(" | ", first);
        }
    }
}
