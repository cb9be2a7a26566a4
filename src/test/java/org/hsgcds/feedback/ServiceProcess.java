package org.hsgcds.feedback;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The service as a child JVM on the default embedded H2 store, for tests about what survives the process. */
record ServiceProcess(Process process, int port, Path log) {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    static ServiceProcess start(Path data, Path log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "org.hsgcds.HsgCdsApplication", "--server.port=" + port, "--server.address=127.0.0.1",
                "--management.server.port=0", "--hsg.data-dir=" + data)
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
