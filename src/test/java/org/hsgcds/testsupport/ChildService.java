package org.hsgcds.testsupport;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service as a child JVM with the image's JVM options ({@code docker/jvm.options}) at a given heap, on its own
 * port and data directory, for tests about what the process survives (heap bounds, hostile loads). Close it to stop
 * it.
 */
public record ChildService(Process process, int port, Path log) implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final HttpClient CLIENT = LocalHttp.client();

    /**
     * Starts the service ({@code -Xmx<heap>}, the image's JVM options, the test class path) and waits for its
     * "hsg-cds ready" line; {@code springArguments} are appended to its command line.
     */
    public static ChildService start(String heap, Path data, String... springArguments) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = data.resolve("service.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "@docker/jvm.options",
                "-cp",
                System.getProperty("java.class.path"),
                "org.hsgcds.HsgCdsApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--hsg.data-dir=" + data));
        command.addAll(List.of(springArguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildService service = new ChildService(process, port, log);
        try {
            service.awaitReady();
        } catch (Exception | AssertionError e) {
            service.close();
            throw e;
        }
        return service;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** POSTs a JSON body to a path of the service and waits up to 4 minutes for the answer. */
    public HttpResponse<String> postJson(String path, String body) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(URI.create(base() + path))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(4))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the service has logged so far. */
    public String output() throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            String output = output();
            if (output.contains("hsg-cds ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited during start-up:\n" + output);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not start within " + STARTUP);
    }
}
