package io.tributary.connect.iceberg.commit;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs each task in the thread that submits it, so a submitted task's future is done before
 * {@code submit} returns. Shared, and holding no threads: shutting it down does nothing.
 */
final class CallerRunsExecutor extends AbstractExecutorService {

    static final CallerRunsExecutor INSTANCE = new CallerRunsExecutor();

    private CallerRunsExecutor() {
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
