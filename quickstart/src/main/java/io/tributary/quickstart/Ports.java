package io.tributary.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local ports the stack listens on, each checked free before anything starts. */
record Ports(int kafka, int controller, int connect, int events, int postgres) {

    static final Ports DEFAULTS = new Ports(9092, 9093, 8083, 8088, 15432);

    /** Each port by the flag that sets it, for messages. */
    Map<String, Integer> byFlag() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--kafka-port", kafka);
        ports.put("--controller-port", controller);
        ports.put("--connect-port", connect);
        ports.put("--events-port", events);
        ports.put("--postgres-port", postgres);
        return ports;
    }

    /**
     * @throws IllegalStateException naming the first port that is taken (or given twice) and the flag to move it
     */
    void checkFree() {
        Map<Integer, String> seen = new LinkedHashMap<>();
        byFlag().forEach((flag, port) -> {
            String other = seen.putIfAbsent(port, flag);
            if (other != null) {
                throw new IllegalStateException("Port " + port + " is given to both " + other + " and " + flag);
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);  // as the servers bind: a port in TIME_WAIT after a restart is free
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port + " (" + flag + ") is taken by another process; "
                        + "stop it or choose another port with " + flag + " <port>", e);
            }
        });
    }
}
