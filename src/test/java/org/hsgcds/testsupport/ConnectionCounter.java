package org.hsgcds.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback port that accepts and counts TCP connections, then drops them: proof that nothing connected. */
public final class ConnectionCounter implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();

    private ConnectionCounter(ServerSocket socket) {
        this.socket = socket;
    }

    public static ConnectionCounter start() {
        try {
            ConnectionCounter counter =
                    new ConnectionCounter(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread thread = new Thread(counter::acceptLoop, "connection-counter");
            thread.setDaemon(true);
            thread.start();
            return counter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket ignored = socket.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
