package org.hsgcds.replicas;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx from Debian as the load balancer in front of the replicas, on a free loopback port, with its own
 * configuration, temp and log files under one directory. Connections refused by a dead replica are retried at the
 * next one ({@code proxy_next_upstream error timeout}); a POST already sent to a replica that dies is not (nginx's
 * default for non-idempotent requests), so the client gets 502 for it, not a second evaluation. No keepalive to the
 * replicas: a POST sent on a kept-alive connection to a replica that has died meanwhile fails after sending, and is
 * not retried either.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The nginx binary, if installed. */
    static Optional<Path> binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    static Nginx start(Path dir, List<Integer> upstreams, int port) throws Exception {
        Path temp = Files.createDirectories(dir.resolve("temp"));
        // Worker processes run as nobody when nginx is started as root (CI): they must be able to write here.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        String servers = upstreams.stream()
                .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=30s;")
                .collect(Collectors.joining("\n"));
        String conf = String.format(Locale.ROOT, """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 512; }
                http {
                  access_log off;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  client_max_body_size 8m;
                  client_body_buffer_size 8m;
                  upstream hsg {
                %3$s
                  }
                  server {
                    listen 127.0.0.1:%4$d;
                    location / {
                      proxy_pass http://hsg;
                      proxy_set_header Host $http_host;
                      proxy_connect_timeout 1s;
                      proxy_read_timeout 30s;
                      proxy_buffering off;
                      proxy_next_upstream error timeout;
                    }
                  }
                }
                """, dir, temp, servers, port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(
                        binary().orElseThrow().toString(),
                        "-p",
                        dir.toString(),
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-c",
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        Nginx nginx = new Nginx(process, port, dir);
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out")) + "\n"
                            + (Files.exists(dir.resolve("error.log"))
                                    ? Files.readString(dir.resolve("error.log"))
                                    : ""));
                }
                Thread.sleep(100);
            }
        }
        nginx.close();
        throw new AssertionError("nginx did not listen on " + port);
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path dir() {
        return dir;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
