package org.etlworkshop.setup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;

/**
 * A free TCP port on localhost, where the embedded server listens: the one asked for with
 * {@code --port}, or any the system gives out (a firewall or a sandbox can refuse even that).
 */
final class PortCheck {
    private PortCheck() {
    }

    static Finding run(Platform platform, OptionalInt port) {
        try (ServerSocket socket = new ServerSocket(port.orElse(0), 1, InetAddress.getLoopbackAddress())) {
            return Finding.ok("port", true, port.isPresent() ? "port " + port.getAsInt() + " on localhost is free"
                    : "the system gives out free ports on localhost (e.g. " + socket.getLocalPort() + ")");
        } catch (IOException e) {
            if (port.isPresent()) {
                return Finding.missing("port", true, "port " + port.getAsInt() + " on localhost is taken (" + e.getMessage() + ")",
                        platform.whoUsesPort(port.getAsInt()));
            }
            return Finding.missing("port", true, "cannot listen on localhost: " + e.getMessage(),
                    "allow Java to accept connections on localhost (a firewall or security tool blocks it)");
        }
    }
}
