package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
        ServiceProcess first = ServiceProcess.start(data, dir.resolve("first.log"));
        try {
            first.endUnderLoad(
                    LOADERS,
                    http -> feedOne(http, acknowledged),
                    () -> acknowledged.size() >= KILL_AFTER_ACKNOWLEDGED,
                    ServiceProcess::kill);
            assertThat(first.process().isAlive()).isFalse();
        } finally {
            first.kill();
        }
        assertThat(acknowledged)
                .as("items acknowledged before the kill")
                .hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
        System.out.printf(
                Locale.ROOT,
                "Killed the service with SIGKILL after %d acknowledged feedback items%n",
                acknowledged.size());

        ServiceProcess second = ServiceProcess.start(data, dir.resolve("second.log"));
        try {
            FeedbackHttp http = second.http();
            List<String> cards = new ArrayList<>(acknowledged);
            int duplicates = 0;
            for (int i = 0; i < cards.size(); i += FeedbackValidator.MAX_ITEMS) {
                List<ObjectNode> batch =
                        cards.subList(i, Math.min(cards.size(), i + FeedbackValidator.MAX_ITEMS)).stream()
                                .map(FeedbackSurvivesKillTest::item)
                                .toList();
                FeedbackHttp.Answer answer = http.feedback(batch);
                assertThat(answer.status()).isEqualTo(200);
                duplicates += answer.body().path("duplicates").asInt();
            }
            assertThat(duplicates)
                    .as("acknowledged items found stored after the restart")
                    .isEqualTo(cards.size());
        } finally {
            second.stop();
        }
    }

    private static void feedOne(FeedbackHttp http, Set<String> acknowledged) throws IOException, InterruptedException {
        String card = UUID.randomUUID().toString();
        if (http.feedback(List.of(item(card))).status() == 200) {
            acknowledged.add(card);
        }
    }

    private static ObjectNode item(String card) {
        return FeedbackHttp.overridden(card, "2025-03-01T10:00:00Z");
    }
}
