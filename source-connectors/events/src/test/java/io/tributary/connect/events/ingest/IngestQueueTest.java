package io.tributary.connect.events.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class IngestQueueTest {

    private static final Map<String, String> PARTITION = SequenceOffsets.partition(0);

    @Test
    void handsOutRecordsInArrivalOrderAcrossRequestsWithConsecutiveSequenceNumbers() throws Exception {
        IngestQueue queue = new IngestQueue(100, PARTITION, 10);
        List<Outcome> outcomes = new ArrayList<>();
        queue.offer(request(3, outcomes::add));
        queue.offer(request(2, outcomes::add));

        List<SourceRecord> first = queue.take(4, 0);
        List<SourceRecord> second = queue.take(4, 0);

        assertThat(first).extracting(r -> (Object) r.sourceOffset().get("seq")).containsExactly(10L, 11L, 12L, 13L);
        assertThat(second).extracting(r -> (Object) r.sourceOffset().get("seq")).containsExactly(14L);
        assertThat(first).extracting(SourceRecord::value).containsExactly("0", "1", "2", "0");
        assertThat(queue.held()).isEqualTo(5);
        first.forEach(r -> queue.settle((EventRecord) r, true));
        assertThat(outcomes).containsExactly(new Outcome.Durable(0));
        second.forEach(r -> queue.settle((EventRecord) r, false));
        assertThat(outcomes).containsExactly(new Outcome.Durable(0), new Outcome.Durable(1));
        assertThat(queue.held()).isZero();
        assertThat(queue.openRequests()).isZero();
    }

    @Test
    void admitsNoMoreRecordsThanItsCapacityUntilSomeAreSettled() throws Exception {
        IngestQueue queue = new IngestQueue(5, PARTITION, 0);

        assertThat(queue.offer(request(3, o -> { }))).isEqualTo(IngestQueue.Admission.ADMITTED);
        assertThat(queue.offer(request(3, o -> { }))).isEqualTo(IngestQueue.Admission.FULL);
        List<SourceRecord> taken = queue.take(10, 0);
        assertThat(queue.offer(request(3, o -> { }))).as("handed out is still held").isEqualTo(
                IngestQueue.Admission.FULL);
        queue.settle((EventRecord) taken.get(0), true);
        assertThat(queue.offer(request(3, o -> { }))).isEqualTo(IngestQueue.Admission.ADMITTED);
    }

    @Test
    void anAbandonedRequestIsNeverHandedOutFurtherAndFreesWhatItHeld() throws Exception {
        IngestQueue queue = new IngestQueue(10, PARTITION, 0);
        List<Outcome> outcomes = new ArrayList<>();
        PendingRequest waiting = request(4, outcomes::add);
        queue.offer(waiting);
        List<SourceRecord> part = queue.take(1, 0);

        assertThat(queue.abandon(waiting, Outcome.Reason.TIMED_OUT)).isTrue();

        assertThat(outcomes).containsExactly(new Outcome.Unfinished(Outcome.Reason.TIMED_OUT, true));
        assertThat(queue.take(10, 0)).isEmpty();
        assertThat(queue.held()).isEqualTo(1);
        queue.settle((EventRecord) part.get(0), true);
        assertThat(queue.held()).isZero();
        assertThat(outcomes).hasSize(1);
        assertThat(queue.abandon(waiting, Outcome.Reason.TIMED_OUT)).isFalse();
    }

    @Test
    void closingEndsEveryOpenRequestAndAdmitsNothing() throws Exception {
        IngestQueue queue = new IngestQueue(10, PARTITION, 0);
        List<Outcome> outcomes = new ArrayList<>();
        queue.offer(request(2, outcomes::add));
        queue.take(1, 0);
        queue.offer(request(1, outcomes::add));

        queue.close();

        assertThat(outcomes).containsExactlyInAnyOrder(new Outcome.Unfinished(Outcome.Reason.STOPPING, true),
                new Outcome.Unfinished(Outcome.Reason.STOPPING, false));
        assertThat(queue.offer(request(1, outcomes::add))).isEqualTo(IngestQueue.Admission.CLOSED);
        assertThat(queue.take(10, 50)).isEmpty();
    }

    @Test
    void aWaitingTakeWakesWhenARequestArrives() throws Exception {
        IngestQueue queue = new IngestQueue(10, PARTITION, 0);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            var taken = executor.submit(() -> queue.take(10, 10_000));
            Thread.sleep(100);
            long offered = System.nanoTime();
            queue.offer(request(2, o -> { }));

            assertThat(taken.get(5, TimeUnit.SECONDS)).hasSize(2);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - offered)).isLessThan(5_000);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void everyRequestEndsExactlyOnceUnderRacingSettlesTimeoutsAndClose() throws Exception {
        for (int round = 0; round < 50; round++) {
            IngestQueue queue = new IngestQueue(10_000, PARTITION, 0);
            AtomicInteger ends = new AtomicInteger();
            List<PendingRequest> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PendingRequest request = request(5, o -> ends.incrementAndGet());
                requests.add(request);
                queue.offer(request);
            }
            List<SourceRecord> taken = queue.take(60, 0);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(3);
            executor.submit(() -> {
                go.await();
                taken.forEach(r -> queue.settle((EventRecord) r, true));
                return null;
            });
            executor.submit(() -> {
                go.await();
                requests.forEach(r -> queue.abandon(r, Outcome.Reason.TIMED_OUT));
                return null;
            });
            executor.submit(() -> {
                go.await();
                queue.close();
                return null;
            });
            go.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(ends.get()).isEqualTo(20);
            assertThat(queue.openRequests()).isZero();
            assertThat(queue.held()).isZero();
        }
    }

    private static PendingRequest request(int records, java.util.function.Consumer<Outcome> onEnd) {
        List<PreparedEvent> events = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            events.add(new PreparedEvent("clicks", "k" + i, null, Integer.toString(i), 0L, null));
        }
        return new PendingRequest(events, System.nanoTime(), onEnd);
    }
}
