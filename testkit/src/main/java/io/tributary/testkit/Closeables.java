package io.tributary.testkit;

/** Closing what a test started, in one line of its tear-down. */
public final class Closeables {

    private Closeables() {
    }

    /**
     * Closes each resource that is not null, in order, every one even when an earlier one fails (a test whose
     * worker would not stop must still stop its database); the first failure is thrown afterwards with any
     * later ones suppressed in it.
     */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("Could not close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
