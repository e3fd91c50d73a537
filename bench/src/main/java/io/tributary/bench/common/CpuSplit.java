package io.tributary.bench.common;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a shot's CPU went, by kind of thread: everything (broker, worker, connector, producer) runs in this JVM,
 * so the threads' CPU times say how the two cores were shared. Threads of the JVM itself (GC, JIT) are not
 * Java threads; they are the process's CPU time less all Java threads'. The whole machine's busy cores come
 * first: they also count what runs beside this JVM (PostgreSQL, other people's work), and tell whether the
 * cores were full.
 */
public final class CpuSplit {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long startNanos = System.nanoTime();
    private final long startCompileMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    private final long startGcMillis = gcMillis();
    private final long startProcessCpu = OS.getProcessCpuTime();
    private final Map<Long, Long> startThreadCpu = threadCpu();
    private final long[] startMachine = MachineCpu.read();

    /** The CPU used since this was created, in cores (CPU seconds per second) per kind of thread. */
    public String since() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<Long, Long> now = threadCpu();
        Map<String, Long> byKind = new LinkedHashMap<>();
        long javaThreads = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            long used = now.get(info.getThreadId()) - startThreadCpu.getOrDefault(info.getThreadId(), 0L);
            javaThreads += used;
            byKind.merge(kind(info.getThreadName()), used, Long::sum);
        }
        byKind.merge("GC, JIT and VM", OS.getProcessCpuTime() - startProcessCpu - javaThreads, Long::sum);
        double total = (OS.getProcessCpuTime() - startProcessCpu) / 1e9 / seconds;
        long compileMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - startCompileMillis;
        return String.format(Locale.ROOT, "machine %s, this JVM %.2f of %d cores (JIT compiling %.2f, GC collecting "
                + "%.2f): ", MachineCpu.busyCores(startMachine, MachineCpu.read()), total, OS.getAvailableProcessors(),
                compileMillis / 1e3 / seconds, (gcMillis() - startGcMillis) / 1e3 / seconds)
                + byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e9 / seconds))
                .collect(Collectors.joining(", "));
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static String kind(String thread) {
        if (thread.startsWith("task-thread-")) {
            return "connector tasks";
        }
        if (thread.contains("-jmh-worker-")) {
            return "benchmark (produce, poll, consume)";
        }
        if (thread.startsWith("bench-client-") || thread.startsWith("HttpClient-")) {
            return "benchmark's HTTP clients";
        }
        if (thread.startsWith("kafka-producer-network-thread") || thread.startsWith("kafka-admin-client-thread")
                || thread.startsWith("kafka-coordinator-heartbeat-thread")) {
            return "Kafka clients' I/O";
        }
        if (thread.startsWith("iceberg-") || thread.startsWith("debezium-")
                || thread.startsWith("tributary-events-") || thread.startsWith("tributary-writer-")) {
            return "connector's own threads";
        }
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-") || thread.contains("raft")
                || thread.startsWith("quorum-") || thread.startsWith("group-coordinator")
                || thread.startsWith("ExpirationReaper") || thread.startsWith("log-") || thread.startsWith("broker-")
                || thread.startsWith("TxnMarkerSender") || thread.startsWith("executor-")) {
            return "broker";
        }
        return "other threads";
    }
}
