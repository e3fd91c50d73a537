package io.tributary.quickstart;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The retail pipeline on one machine, as a newcomer first runs it ({@code quickstart/run}): starts a KRaft
 * broker, a Connect worker with the built bundle, a sample shop database and a local Iceberg warehouse; creates
 * the retail connectors through the Connect REST API; posts clicks to the events endpoint; shows progress; and
 * prints what the lake holds.
 */
public final class Quickstart {

    private static final PrintStream OUT = System.out;

    private Quickstart() {
    }

    /** The command line: ports, where data lives, how many clicks, whether to stay up. */
    record Options(Ports ports, Path dataDir, int clicks, boolean exitAfterReport) {

        static Options parse(String[] args) {
            Ports d = Ports.DEFAULTS;
            int kafka = d.kafka();
            int controller = d.controller();
            int connect = d.connect();
            int events = d.events();
            int postgres = d.postgres();
            Path dataDir = Path.of("quickstart-data");
            int clicks = 3_000;
            boolean exit = false;
            Deque<String> rest = new ArrayDeque<>(List.of(args));
            while (!rest.isEmpty()) {
                String flag = rest.pop();
                switch (flag) {
                    case "--kafka-port" -> kafka = port(flag, rest);
                    case "--controller-port" -> controller = port(flag, rest);
                    case "--connect-port" -> connect = port(flag, rest);
                    case "--events-port" -> events = port(flag, rest);
                    case "--postgres-port" -> postgres = port(flag, rest);
                    case "--data-dir" -> dataDir = Path.of(value(flag, rest));
                    case "--clicks" -> clicks = Integer.parseInt(value(flag, rest));
                    case "--exit-after-report" -> exit = true;
                    case "--help", "-h" -> throw new IllegalArgumentException(usage());
                    default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + usage());
                }
            }
            return new Options(new Ports(kafka, controller, connect, events, postgres), dataDir, clicks, exit);
        }

        private static String value(String flag, Deque<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage());
            }
            return rest.pop();
        }

        private static int port(String flag, Deque<String> rest) {
            String value = value(flag, rest);
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a port number, not '" + value + "'", e);
            }
        }

        static String usage() {
            Ports d = Ports.DEFAULTS;
            return "quickstart/run [--connect-port " + d.connect() + "] [--events-port " + d.events()
                    + "] [--kafka-port " + d.kafka() + "] [--controller-port " + d.controller()
                    + "] [--postgres-port " + d.postgres() + "] [--data-dir quickstart-data] [--clicks 3000] "
                    + "[--exit-after-report]";
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
            // Before anything logs: the log goes next to the rest of the quickstart's data.
            System.setProperty("tributary.quickstart.log",
                    options.dataDir().toAbsolutePath().resolve("quickstart.log").toString());
            options.ports().checkFree();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RetailStack stack = run(options);
        if (options.exitAfterReport()) {
            stack.close();
            System.exit(0);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("\nStopping ...");
            stack.close();
        }, "quickstart-shutdown"));
        OUT.println();
        OUT.println("The pipeline keeps running. Connect REST API: " + stack.connect().restUrl()
                + " (try: curl " + stack.connect().restUrl() + "/tributary/pipelines, or "
                + stack.connect().restUrl() + "/tributary/health)");
        OUT.println("Post more clicks to http://localhost:" + options.ports().events() + "/v1/events/clicks "
                + "(Authorization: Bearer quickstart-token). Ctrl-C stops everything; data stays in "
                + options.dataDir().toAbsolutePath());
        new CountDownLatch(1).await();
    }

    /** Starts everything, creates the connectors, posts the clicks and prints the report; leaves it running. */
    static RetailStack run(Options options) throws Exception {
        RetailStack stack = RetailStack.start(options, OUT);
        stack.createConnectors();
        Progress progress = stack.progress();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> progress.print(OUT, stack.clicks()), 1, 1, TimeUnit.SECONDS);
        try {
            OUT.println("Posting " + options.clicks() + " clicks to http://localhost:" + options.ports().events()
                    + "/v1/events/clicks ...");
            stack.postClicks(options.clicks(), Instant.now());
            stack.awaitLake(progress);
        } finally {
            ticker.shutdown();  // not shutdownNow: an interrupted tick would print a line without figures
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            progress.print(OUT, stack.clicks());
        }
        LakeReport.print(stack.readLake(), stack.clicks(), OUT);
        return stack;
    }
}
