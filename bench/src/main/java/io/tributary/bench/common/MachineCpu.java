package io.tributary.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU time from Linux's {@code /proc/stat}: how many cores were busy over an interval,
 * whichever process used them. Elsewhere, or if the file cannot be read, it says so instead of a number.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");

    private MachineCpu() {
    }

    /** {busy, total} jiffies of all cores, or null when unknown. */
    static long[] read() {
        try {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is inside user.
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The busy cores between two readings, as "1.93 busy", or "busy unknown". */
    static String busyCores(long[] start, long[] end) {
        if (start == null || end == null || end[1] == start[1]) {
            return "busy unknown";
        }
        double share = (double) (end[0] - start[0]) / (end[1] - start[1]);
        return String.format(Locale.ROOT, "%.2f busy", share * Runtime.getRuntime().availableProcessors());
    }
}
