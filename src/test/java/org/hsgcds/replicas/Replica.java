package org.hsgcds.replicas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One replica of the service: a child JVM started from the test classpath, on its own service and management ports. */
record Replica(String name, Process process, int port, int managementPort, Path log) {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    /** Starts the JVM; {@link #awaitReady} waits for it, so several replicas start side by side. */
    static Replica launch(String name, Path dir, List<String> settings) throws Exception {
        int port = Nginx.freePort();
        int management = Nginx.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx320m",
                "-XX:TieredStopAtLevel=1",
                // As the image runs it (docker/jvm.options): the bean definitions generated at build time.
                "-Dspring.aot.enabled=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.hsgcds.HsgCdsApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--management.server.port=" + management,
                "--management.server.address=127.0.0.1",
                "--hsg.data-dir=" + dir.resolve(name),
                "--hsg.warmup.enabled=false"));
        command.addAll(settings);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOSTNAME", name);
        return new Replica(name, builder.start(), port, management, log);
    }

    void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (output.contains("hsg-cds ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited during start-up:\n" + output);
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " did not start within " + STARTUP + ":\n" + Files.readString(log));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** SIGKILL: the replica vanishes mid-call, as when its node is lost. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
