package io.tributary.connect.events.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The requests a task holds, from admission until each has ended: queued in arrival order for
 * {@code poll()}, then waiting for the worker to settle their records.
 *
 * <p>It is bounded by records held, not by requests: a record counts from admission until it is settled (or
 * its request is withdrawn before it was handed out), so neither the queue nor the records in the worker's
 * producer grow past {@code capacity}.
 */
public final class IngestQueue {

    /** Whether a request was taken in. */
    public enum Admission { ADMITTED, FULL, CLOSED }

    private final int capacity;
    private final AtomicInteger held = new AtomicInteger();
    private final Set<PendingRequest> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<PendingRequest> queued = new ArrayDeque<>();
    private final Map<String, ?> sourcePartition;
    private volatile boolean closed;
    private long nextSequence;

    /**
     * @param sourcePartition the task's source partition, which every record carries
     * @param firstSequence the sequence number of the first record handed out, one past the last committed
     */
    public IngestQueue(int capacity, Map<String, ?> sourcePartition, long firstSequence) {
        this.capacity = capacity;
        this.sourcePartition = Map.copyOf(sourcePartition);
        this.nextSequence = firstSequence;
    }

    /** Takes {@code request} in, unless its records do not fit or the queue is closed. */
    public Admission offer(PendingRequest request) {
        if (closed) {
            return Admission.CLOSED;
        }
        int size = request.size();
        for (int current = held.get(); ; current = held.get()) {
            if (current + size > capacity) {
                return Admission.FULL;
            }
            if (held.compareAndSet(current, current + size)) {
                break;
            }
        }
        lock.lock();
        try {
            if (closed) {
                held.addAndGet(-size);
                return Admission.CLOSED;
            }
            open.add(request);
            queued.addLast(request);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return Admission.ADMITTED;
    }

    /**
     * Hands out up to {@code max} records in arrival order, waiting up to {@code waitMs} for the first. Each
     * record carries the next sequence number as its source offset.
     *
     * @return empty when nothing came in time or the queue is closed
     */
    public List<SourceRecord> take(int max, long waitMs) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>(Math.min(max, 512));
        lock.lock();
        try {
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (!closed && queued.isEmpty() && waitNanos > 0) {
                waitNanos = notEmpty.awaitNanos(waitNanos);
            }
            while (!closed && records.size() < max && !queued.isEmpty()) {
                PendingRequest request = queued.peekFirst();
                while (!request.withdrawn() && !request.exhausted() && records.size() < max) {
                    records.add(new EventRecord(request, request.next(), sourcePartition,
                            Map.of(SequenceOffsets.SEQUENCE, nextSequence++)));
                }
                if (request.withdrawn() || request.exhausted()) {
                    queued.pollFirst();
                }
            }
        } finally {
            lock.unlock();
        }
        return records;
    }

    /** The worker settled {@code record}: written to Kafka, or dropped ({@code written} false). */
    public void settle(EventRecord record, boolean written) {
        held.decrementAndGet();
        PendingRequest request = record.request();
        request.settle(written);
        if (request.ended()) {
            open.remove(request);
        }
    }

    /**
     * Ends {@code request} unfinished, if it has not ended yet: its records not handed out yet never will be.
     *
     * @return false when the request had ended already
     */
    public boolean abandon(PendingRequest request, Outcome.Reason reason) {
        boolean partial;
        lock.lock();
        try {
            if (request.ended()) {
                return false;
            }
            if (!request.withdrawn()) {
                request.withdraw();
                held.addAndGet(-request.remaining());
            }
            partial = request.handedOut() > 0;
        } finally {
            lock.unlock();
        }
        boolean ended = request.end(new Outcome.Unfinished(reason, partial));
        open.remove(request);
        return ended;
    }

    /** Admits nothing more and ends every open request as {@link Outcome.Reason#STOPPING}. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        for (PendingRequest request : List.copyOf(open)) {
            abandon(request, Outcome.Reason.STOPPING);
        }
    }

    public boolean closed() {
        return closed;
    }

    /** Records held: queued, or handed to the worker and not settled yet. */
    public int held() {
        return held.get();
    }

    /** Requests admitted that have not ended. */
    public int openRequests() {
        return open.size();
    }

    public int capacity() {
        return capacity;
    }
}
