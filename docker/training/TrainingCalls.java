import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The AOT cache's training run, its burst of real calls (docker/Dockerfile, bench/aot.sh): discovery, then every
 * bundled example hook request POSTed to every service the discovery lists (a request sent to another hook's
 * service is refused, which trains the error path too), ROUNDS times over, on two connections at once. Plain
 * JDK only, so the runtime image needs no curl. Exit code 1 when no call was answered 200.
 *
 * <p>Usage: {@code java TrainingCalls <base URL, e.g. http://127.0.0.1:8080> <examples dir> [rounds, default 20]}
 */
public final class TrainingCalls {
    private static final Pattern SERVICE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HOOK = Pattern.compile("\"hook\"\\s*:\\s*\"[^\"]+\"");

    private TrainingCalls() {}

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        Path examples = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String discovery = get(http, base + "/cds-services");
        List<String> services = new ArrayList<>();
        Matcher ids = SERVICE_ID.matcher(discovery);
        while (ids.find()) {
            services.add(ids.group(1));
        }
        List<String> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.list(examples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (HOOK.matcher(text).find()) {
                    bodies.add(text);
                }
            }
        }
        int[] counts = new int[2]; // [0] answered 200, [1] answered otherwise
        Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    try {
                        get(http, base + "/cds-services");
                        for (String service : services) {
                            for (String body : bodies) {
                                int status = post(http, base + "/cds-services/" + service, body);
                                synchronized (counts) {
                                    counts[status == 200 ? 0 : 1]++;
                                }
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "training calls: %d services x %d example requests x %d rounds x %d connections: %d answered 200,"
                        + " %d refused%n",
                services.size(),
                bodies.size(),
                rounds,
                workers.length,
                counts[0],
                counts[1]);
        if (counts[0] == 0) {
            System.exit(1);
        }
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
    }

    private static int post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
