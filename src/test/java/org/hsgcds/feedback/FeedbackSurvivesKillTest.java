package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: the service runs as a child JVM on the default embedded H2 database; it is killed with
 * SIGKILL in the middle of a load of feedback posts, restarted on the same data directory, and every
 * item that got a 200 before the kill must be there (re-sending it is reported as a duplicate).
 */
class FeedbackSurvivesKillTest {

    private static final int LOADERS = 4;
    private static final int KILL_AFTER_ACKNOWLEDGED = 400;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedItemWhenTheProcessIsKilledMidLoad() throws Exception {
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ServiceProcess first = ServiceProcess.start(data, dir.resolve("first.log"));
        ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
        try {
            FeedbackHttp http = first.http();
            for (int t = 0; t < LOADERS; t++) {
                loaders.submit(() -> load(http, acknowledged, stop));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < KILL_AFTER_ACKNOWLEDGED && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            first.kill();
            assertThat(first.process().isAlive()).isFalse();
        } finally {
            stop.set(true);
            loaders.shutdown();
            assertThat(loaders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            first.kill();
        }
        assertThat(acknowledged).as("items acknowledged before the kill").hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
        System.out.printf("Killed the service with SIGKILL after %d acknowledged feedback items%n", acknowledged.size());

        ServiceProcess second = ServiceProcess.start(data, dir.resolve("second.log"));
        try {
            FeedbackHttp http = second.http();
            List<String> cards = new ArrayList<>(acknowledged);
            int duplicates = 0;
            for (int i = 0; i < cards.size(); i += FeedbackValidator.MAX_ITEMS) {
                List<ObjectNode> batch = cards.subList(i, Math.min(cards.size(), i + FeedbackValidator.MAX_ITEMS)).stream()
                        .map(FeedbackSurvivesKillTest::item).toList();
                FeedbackHttp.Answer answer = http.feedback(batch);
                assertThat(answer.status()).isEqualTo(200);
                duplicates += answer.body().path("duplicates").asInt();
            }
            assertThat(duplicates).as("acknowledged items found stored after the restart").isEqualTo(cards.size());
        } finally {
            second.stop();
        }
    }

    private static Void load(FeedbackHttp http, Set<String> acknowledged, AtomicBoolean stop) {
        for (int i = 0; i < 20_000 && !stop.get(); i++) {
            String card = UUID.randomUUID().toString();
            try {
                if (http.feedback(List.of(item(card))).status() == 200) {
                    acknowledged.add(card);
                }
            } catch (IOException | InterruptedException e) {
                return null; // the service is gone: the kill happened
            }
        }
        return null;
    }

    private static ObjectNode item(String card) {
        return FeedbackHttp.overridden(card, "2025-03-01T10:00:00Z");
    }
}
