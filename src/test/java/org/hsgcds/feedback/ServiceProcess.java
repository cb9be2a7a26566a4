package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** The service as a child JVM on the default embedded H2 store, for tests about what survives the process. */
record ServiceProcess(Process process, int port, Path log) {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration LOAD_AT_MOST = Duration.ofSeconds(60);
    private static final int CALLS_PER_CALLER_AT_MOST = 20_000;

    /** One call a load thread makes; an I/O failure means the service is gone and ends that thread. */
    interface Call {
        void once(FeedbackHttp http) throws IOException, InterruptedException;
    }

    /** How the service is ended while the load threads are still calling it. */
    interface End {
        void end(ServiceProcess service) throws InterruptedException;
    }

    static ServiceProcess start(Path data, Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx384m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.hsgcds.HsgCdsApplication",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--management.server.port=0",
                        "--hsg.data-dir=" + data)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (output.contains("hsg-cds ready")) {
                return new ServiceProcess(process, port, log);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited during start-up:\n" + output);
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not start within " + STARTUP + ":\n" + Files.readString(log));
    }

    FeedbackHttp http() {
        return new FeedbackHttp(port);
    }

    /**
     * Keeps {@code callers} threads calling the service until {@code enough} holds (for at most 60 s), then
     * ends the service with {@code end} while they are still calling, then waits for them to stop.
     */
    void endUnderLoad(int callers, Call call, BooleanSupplier enough, End end) throws Exception {
        FeedbackHttp http = http();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            for (int i = 0; i < callers; i++) {
                threads.submit(() -> {
                    for (int n = 0; n < CALLS_PER_CALLER_AT_MOST && !stop.get(); n++) {
                        try {
                            call.once(http);
                        } catch (IOException | InterruptedException e) {
                            return null; // the service is gone
                        }
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + LOAD_AT_MOST.toNanos();
            while (!enough.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            end.end(this);
        } finally {
            stop.set(true);
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** SIGTERM, as an orchestrator stops a container: shutdown hooks run. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not stop within 60 s of SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hooks, no orderly close of the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
