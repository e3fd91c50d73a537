package io.tributary.connect.iceberg.write;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per sink task that encodes the task's append-mode records into Parquet ({@link AsyncTableWriter})
 * while the task thread reads and converts the next ones. Jobs run in the order they were submitted; a full
 * queue makes the task thread wait, so memory stays bounded. What a job does with a failure is the job's
 * business: the thread only runs them.
 */
public final class WriterThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriterThread.class);
    /** Jobs waiting; each is a chunk of {@link AsyncTableWriter#CHUNK_RECORDS} records or a barrier. */
    static final int QUEUED_JOBS = 8;
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(QUEUED_JOBS);
    private final Thread thread;
    private volatile boolean stopped;

    public WriterThread(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code job}, waiting while the queue is full. */
    void submit(Runnable job) {
        if (stopped) {
            throw new IllegalStateException("The task's writer thread has stopped");
        }
        try {
            jobs.put(job);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /** Waits until every job submitted before this call has run. */
    void drain() {
        CountDownLatch done = new CountDownLatch(1);
        submit(done::countDown);
        try {
            while (!done.await(1, TimeUnit.SECONDS)) {
                if (!thread.isAlive()) {
                    throw new IllegalStateException("The task's writer thread has stopped");
                }
            }
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private void run() {
        while (true) {
            Runnable job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == STOP) {
                return;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("A write job failed outside its own error handling", e);
            }
        }
    }

    /** Runs what is queued, then stops; later submissions fail. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (!jobs.offer(STOP, 30, TimeUnit.SECONDS)) {
                thread.interrupt();
            }
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }
}
