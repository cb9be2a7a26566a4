package org.hsgcds.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hsgcds.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two replicas of the service (child JVMs) on one PostgreSQL schema, behind a real nginx, as a hospital runs them:
 * a JWT replayed to the other replica is refused, feedback on a card one replica issued is taken by the other,
 * both report the same analytics and the same content version, a reload is refused with the rollout advice, and
 * when one replica is killed under load every call through the balancer is still answered, none with an all-clear.
 * Skipped without PostgreSQL or nginx, unless {@code HSG_TEST_PG_REQUIRED=true} (CI), where that fails it.
 */
@ExtendWith({TestPostgres.Replicas.class, MultiReplicaTest.NginxInstalled.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiReplicaTest {

    private static final String ISS = "https://ehr.example.org";
    private static final String SERVICE = "/cds-services/hsg-order-sign";
    private static final String ADMIN_TOKEN = "replicas-admin-4b1f";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String schema = TestPostgres.newSchema("replicas");
    private ECKey key;
    private HttpServer jwks;
    private Path dir;
    private Nginx nginx;
    private Replica a;
    private Replica b;
    private String request;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("hsg-replicas-");
        request = Files.readString(Path.of("fhir-resources/examples/order-sign-pregnant.json"));
        key = new ECKeyGenerator(Curve.P_256).keyID("replicas-1").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] set = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, set.length);
            exchange.getResponseBody().write(set);
            exchange.close();
        });
        jwks.start();
        try (Connection c = DriverManager.getConnection(
                        TestPostgres.REPLICAS.url(), TestPostgres.REPLICAS.user(), TestPostgres.REPLICAS.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        int lbPort = Nginx.freePort();
        List<String> settings = List.of(
                "--spring.datasource.url=" + TestPostgres.REPLICAS.urlWithSchema(schema),
                "--spring.datasource.username=" + TestPostgres.REPLICAS.user(),
                "--spring.datasource.password=" + TestPostgres.REPLICAS.password(),
                "--spring.flyway.schemas=" + schema,
                "--hsg.security.issuers[0].iss=" + ISS,
                "--hsg.security.issuers[0].jwks-url=http://127.0.0.1:"
                        + jwks.getAddress().getPort() + "/jwks",
                "--hsg.security.external-base-url=http://127.0.0.1:" + lbPort,
                "--hsg.admin.token=" + ADMIN_TOKEN);
        // Side by side, as a Deployment starts its pods: Flyway's lock on PostgreSQL lets one of them migrate.
        a = Replica.launch("replica-a", dir, settings);
        b = Replica.launch("replica-b", dir, settings);
        a.awaitReady();
        b.awaitReady();
        nginx = Nginx.start(dir.resolve("nginx"), List.of(a.port(), b.port()), lbPort);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nginx, () -> killQuietly(a), () -> killQuietly(b)}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
        if (jwks != null) {
            jwks.stop(0);
        }
        TestPostgres.REPLICAS.dropSchema(schema);
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void killQuietly(Replica replica) throws InterruptedException {
        if (replica != null) {
            replica.kill();
        }
    }

    @Test
    @Order(1)
    void aTokenUsedAtOneReplicaIsRefusedByTheOtherAndThroughTheBalancer() throws Exception {
        String first = token(SERVICE);
        assertThat(post(a.url() + SERVICE, request, first).statusCode()).isEqualTo(200);
        assertThat(post(b.url() + SERVICE, request, first).statusCode()).isEqualTo(401);
        assertThat(post(nginx.url() + SERVICE, request, first).statusCode()).isEqualTo(401);

        String second = token(SERVICE);
        assertThat(post(b.url() + SERVICE, request, second).statusCode()).isEqualTo(200);
        assertThat(post(a.url() + SERVICE, request, second).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void feedbackOnACardFromOneReplicaIsTakenByTheOtherAndBothReportIt() throws Exception {
        JsonNode answer =
                JSON.readTree(post(a.url() + SERVICE, request, token(SERVICE)).body());
        JsonNode critical = null;
        for (JsonNode card : answer.path("cards")) {
            if (card.path("overrideReasons").size() > 0) {
                critical = card;
                break;
            }
        }
        assertThat(critical).as("a card with override reasons in %s", answer).isNotNull();
        JsonNode reason = critical.path("overrideReasons").get(0);
        String feedback = JSON.writeValueAsString(Map.of(
                "feedback",
                List.of(Map.of(
                        "card", critical.path("uuid").asText(),
                        "outcome", "overridden",
                        "outcomeTimestamp", Instant.now().toString(),
                        "overrideReason", Map.of("reason", JSON.convertValue(reason, Map.class))))));
        HttpResponse<String> stored = post(b.url() + SERVICE + "/feedback", feedback, token(SERVICE + "/feedback"));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        String fromA = get(a.url() + "/analytics/overrides", token("/analytics/overrides"));
        String fromB = get(b.url() + "/analytics/overrides", token("/analytics/overrides"));
        assertThat(fromA).isEqualTo(fromB).contains(reason.path("code").asText());
    }

    @Test
    @Order(3)
    void bothReplicasAnswerWithOneContentVersionAndEachInfoShowsBoth() throws Exception {
        String fromA =
                contentVersion(post(a.url() + SERVICE, request, token(SERVICE)).body());
        String fromB =
                contentVersion(post(b.url() + SERVICE, request, token(SERVICE)).body());
        assertThat(fromA).matches("[0-9a-f]{16}").isEqualTo(fromB);
        for (Replica replica : List.of(a, b)) {
            JsonNode info = JSON.readTree(getOpen(replica.managementUrl() + "/actuator/info"));
            assertThat(info.path("content").path("version").asText()).isEqualTo(fromA);
            assertThat(info.path("replicas").path("live").findValuesAsText("id"))
                    .anyMatch(id -> id.startsWith("replica-a-"))
                    .anyMatch(id -> id.startsWith("replica-b-"));
            assertThat(info.path("replicas").path("sameContent").asBoolean()).isTrue();
        }
    }

    @Test
    @Order(4)
    void aReloadIsRefusedWithTheRolloutAdviceAndNoReplicaChanges() throws Exception {
        String before = contentVersion(
                post(nginx.url() + SERVICE, request, token(SERVICE)).body());
        HttpResponse<String> reload = http.send(
                HttpRequest.newBuilder(URI.create(a.managementUrl() + "/actuator/reload"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + ADMIN_TOKEN + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(409);
        JsonNode body = JSON.readTree(reload.body());
        assertThat(body.path("error").asText()).isEqualTo("reload_refused");
        assertThat(body.path("message").asText()).contains("replica-b-", "rolling restart");
        for (Replica replica : List.of(a, b)) {
            assertThat(contentVersion(post(replica.url() + SERVICE, request, token(SERVICE))
                            .body()))
                    .isEqualTo(before);
        }
    }

    @Test
    @Order(5)
    void withOneReplicaKilledUnderLoadEveryCallIsAnsweredAndNoneWithAnAllClear() throws Exception {
        int callers = 4;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        List<Long> killedAt = new ArrayList<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> failuresAfterKill = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        for (int i = 0; i < callers; i++) {
            threads.submit(() -> {
                for (int n = 0; n < 2_000 && !stop.get(); n++) {
                    long started = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> response = post(nginx.url() + SERVICE, request, token(SERVICE));
                        outcome = String.valueOf(response.statusCode());
                        if (response.statusCode() == 200 && !response.body().contains("\"code\":\"pregnancy\"")) {
                            wrong.add(response.body());
                        }
                    } catch (IOException e) {
                        outcome = "no answer (" + e.getClass().getSimpleName() + ")";
                    }
                    calls.incrementAndGet();
                    outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
                    synchronized (killedAt) {
                        if (!"200".equals(outcome) && !killedAt.isEmpty() && started > killedAt.get(0)) {
                            failuresAfterKill.add(started - killedAt.get(0));
                        }
                    }
                }
                return null;
            });
        }
        waitFor(() -> calls.get() >= 40, Duration.ofSeconds(30));
        b.kill();
        synchronized (killedAt) {
            killedAt.add(System.nanoTime()); // once the process is gone
        }
        int atKill = calls.get();
        waitFor(() -> calls.get() >= atKill + 80, Duration.ofSeconds(40));
        stop.set(true);
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        System.out.printf(
                java.util.Locale.ROOT,
                "Multi-replica kill under load: %d calls through nginx, %d before the kill; outcomes %s%n",
                calls.get(),
                atKill,
                outcomes);
        assertThat(wrong).as("200 answers without the pregnancy card").isEmpty();
        assertThat(outcomes.keySet()).as("every call got an HTTP answer").allMatch(o -> !o.startsWith("no answer"));
        assertThat(calls.get()).isGreaterThanOrEqualTo(atKill + 80);
        // Calls in flight at the killed replica when it died may be answered 502 by the balancer (a POST already
        // sent is not retried); calls started after it died are retried at the live replica and answered in full.
        int failed = outcomes.entrySet().stream()
                .filter(e -> !"200".equals(e.getKey()))
                .mapToInt(e -> e.getValue().get())
                .sum();
        assertThat(failed).as("calls not answered 200: %s", outcomes).isLessThanOrEqualTo(callers);
        assertThat(failuresAfterKill)
                .as("calls started after the kill and not answered 200 (ns after the kill)")
                .isEmpty();
    }

    private void waitFor(java.util.function.BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static String contentVersion(String body) throws IOException {
        return JSON.readTree(body)
                .path("extension")
                .path("org.hsgcds.content-version")
                .asText();
    }

    /** A fresh client JWT whose audience is the balancer's URL of {@code path}, as the EHR would address it. */
    private String token(String path) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISS)
                .subject("replicas-test")
                .audience(nginx == null ? null : nginx.url() + path)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> post(String url, String body, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String getOpen(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Skips the class without nginx, unless {@code HSG_TEST_PG_REQUIRED=true} (CI installs it: {@code .ci/run}). */
    static final class NginxInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Nginx.binary().isPresent()) {
                return ConditionEvaluationResult.enabled("nginx installed");
            }
            String why = "nginx is not installed (apt-get install nginx; .ci/run does)";
            if (TestPostgres.required()) {
                throw new IllegalStateException(why + " and HSG_TEST_PG_REQUIRED=true");
            }
            System.out.println("SKIPPED multi-replica test: " + why);
            return ConditionEvaluationResult.disabled(why);
        }
    }
}
