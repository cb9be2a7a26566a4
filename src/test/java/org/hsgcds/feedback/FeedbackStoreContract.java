package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hsgcds.scenarios.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The feedback endpoint, the issued-card record and the override report, over real HTTP against the
 * whole app and a real database. Subclasses choose the database (embedded H2 file, PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FeedbackStoreContract {

    static final int THREADS = 8;
    static final int POSTS_PER_THREAD = 500;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    FeedbackHttp http;

    abstract String database();

    @BeforeEach
    void emptyStore() {
        http = new FeedbackHttp(port);
        jdbc.sql("DELETE FROM card_feedback").update();
        jdbc.sql("DELETE FROM issued_card").update();
    }

    @Test
    void shouldTieFeedbackToTheIssuedCardsTopicInTheOverrideReport() throws Exception {
        JsonNode first = pregnancyCard();
        JsonNode second = pregnancyCard();
        JsonNode reason = first.path("overrideReasons").get(0);
        String suggestion = second.path("suggestions").get(0).path("uuid").asText();

        FeedbackHttp.Answer answer = http.feedback(List.of(
                FeedbackHttp.overridden(
                        first.path("uuid").asText(),
                        "2025-03-01T10:00:00Z",
                        reason.path("system").asText(),
                        reason.path("code").asText(),
                        reason.path("display").asText()),
                FeedbackHttp.accepted(second.path("uuid").asText(), "2025-03-01T10:01:00Z", suggestion)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("stored").asInt()).isEqualTo(2);
        assertThat(answer.body().path("unknownCards").isMissingNode()).isTrue();
        JsonNode row = topic(report(), "pregnancy");
        assertThat(row.path("issued").asLong()).isEqualTo(2);
        assertThat(row.path("accepted").asLong()).isEqualTo(1);
        assertThat(row.path("overridden").asLong()).isEqualTo(1);
        assertThat(row.path("overrideRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(row.path("overrideRate").toString()).isEqualTo("0.500");
        assertThat(row.path("topOverrideReasons").get(0).path("code").asText())
                .isEqualTo(reason.path("code").asText());
        assertThat(row.path("topOverrideReasons").get(0).path("display").asText())
                .isEqualTo(reason.path("display").asText());
        assertThat(row.path("topOverrideReasons").get(0).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void shouldStoreTheSameFeedbackOnceWhenSentTwice() throws Exception {
        String card = pregnancyCard().path("uuid").asText();
        assertThat(http.feedback(List.of(FeedbackHttp.overridden(card, "2025-03-01T10:00:00.123456Z")))
                        .body()
                        .path("stored")
                        .asInt())
                .isEqualTo(1);

        // Same instant written with another offset: still the same feedback.
        FeedbackHttp.Answer again =
                http.feedback(List.of(FeedbackHttp.overridden(card, "2025-03-01T11:00:00.123456+01:00")));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("stored").asInt()).isZero();
        assertThat(again.body().path("duplicates").asInt()).isEqualTo(1);
        assertThat(feedbackRows(card)).isEqualTo(1);
        assertThat(topic(report(), "pregnancy").path("overridden").asLong()).isEqualTo(1);
    }

    @Test
    void shouldStoreButFlagFeedbackForACardThisServiceDidNotIssue() throws Exception {
        String card = UUID.randomUUID().toString();

        FeedbackHttp.Answer answer = http.feedback(List.of(FeedbackHttp.overridden(card, "2025-03-01T10:00:00Z")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("unknownCards").get(0).asText()).isEqualTo(card);
        assertThat(jdbc.sql("SELECT known_card FROM card_feedback WHERE card_uuid = :card")
                        .param("card", card)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        JsonNode march =
                http.get("/analytics/overrides?from=2025-03-01&to=2025-03-01").body();
        assertThat(march.path("feedbackForUnknownCards").asLong()).isEqualTo(1);
    }

    @Test
    void shouldStoreTheValidItemsAndRejectTheBadOneNamingIt() throws Exception {
        String card = UUID.randomUUID().toString();
        ObjectNode bad = FeedbackHttp.overridden(UUID.randomUUID().toString(), "2025-03-01T10:00:00Z");
        bad.put("outcome", "ignored");
        ObjectNode emptyReason = FeedbackHttp.overridden(UUID.randomUUID().toString(), "2025-03-01T10:00:00Z");
        emptyReason.putObject("overrideReason");

        FeedbackHttp.Answer answer =
                http.feedback(List.of(FeedbackHttp.overridden(card, "2025-03-01T10:00:00Z"), bad, emptyReason));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("stored").asInt()).isEqualTo(1);
        assertThat(answer.body().path("rejected").asInt()).isEqualTo(2);
        assertThat(answer.body().path("items").get(0).path("result").asText()).isEqualTo("stored");
        assertThat(answer.body().path("items").get(1).path("result").asText()).isEqualTo("rejected");
        assertThat(answer.body().path("items").get(1).path("problem").asText()).contains("feedback[1].outcome");
        assertThat(answer.body().path("items").get(2).path("problem").asText()).contains("feedback[2].overrideReason");
        assertThat(feedbackRows(card)).isEqualTo(1);
    }

    @Test
    void shouldAnswer400NamingTheItemWhenNoItemIsValid() throws Exception {
        ObjectNode bad = FeedbackHttp.overridden(UUID.randomUUID().toString(), "2025-03-01T10:00:00Z");
        bad.put("outcome", "ignored");

        FeedbackHttp.Answer answer = http.feedback(List.of(bad));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asText()).contains("feedback[0].outcome");
    }

    @Test
    void shouldAnswer404ForFeedbackToAnUnknownService() throws Exception {
        FeedbackHttp.Answer answer = http.post(
                "/cds-services/no-such-service/feedback",
                FeedbackHttp.body(
                        List.of(FeedbackHttp.overridden(UUID.randomUUID().toString(), "2025-03-01T10:00:00Z"))));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("unknown_service");
    }

    @Test
    void shouldRejectBadReportDates() throws Exception {
        assertThat(http.get("/analytics/overrides?from=2025-13-01").status()).isEqualTo(400);
        FeedbackHttp.Answer reversed = http.get("/analytics/overrides?from=2025-03-02&to=2025-03-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body().path("message").asText()).contains("from");
        JsonNode defaults = http.get("/analytics/overrides").body();
        assertThat(LocalDate.parse(defaults.path("from").asText()).plusDays(29))
                .isEqualTo(LocalDate.parse(defaults.path("to").asText()));
    }

    @Test
    void shouldAnswer400ForReportDatesOutOfRange() throws Exception {
        for (String query : List.of("to=+999999999-12-31", "from=-999999999-01-01", "to=+10000-01-01")) {
            FeedbackHttp.Answer answer = http.get("/analytics/overrides?" + query);
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
        }
    }

    @Test
    void shouldRejectAnItemThatCannotBeStoredAloneAndStoreTheOthers() throws Exception {
        String card = UUID.randomUUID().toString();
        ObjectNode manySuggestions = FeedbackHttp.overridden(UUID.randomUUID().toString(), "2025-03-01T10:00:00Z");
        var suggestions = manySuggestions.putArray("acceptedSuggestions");
        for (int i = 0; i < 41; i++) {
            suggestions.addObject().put("id", UUID.randomUUID() + "-" + "x".repeat(60));
        }
        ObjectNode farFuture = FeedbackHttp.overridden(UUID.randomUUID().toString(), "+999999999-12-31T00:00:00Z");

        FeedbackHttp.Answer answer = http.feedback(
                List.of(FeedbackHttp.overridden(card, "2025-03-01T10:00:00Z"), manySuggestions, farFuture));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("stored").asInt()).isEqualTo(1);
        assertThat(answer.body().path("items").get(1).path("problem").asText()).contains("acceptedSuggestions");
        assertThat(answer.body().path("items").get(2).path("problem").asText()).contains("outcomeTimestamp");
        assertThat(feedbackRows(card)).isEqualTo(1);
    }

    @Test
    void shouldCountOnlyOfferedReasonsAndEachCardOnce() throws Exception {
        JsonNode card = pregnancyCard();
        JsonNode other = pregnancyCard();
        String uuid = card.path("uuid").asText();
        JsonNode offered = card.path("overrideReasons").get(0);
        String system = offered.path("system").asText();
        List<ObjectNode> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(FeedbackHttp.overridden(uuid, "2025-03-01T10:0" + i + ":00Z", system, "not-offered", "Forged"));
        }
        posts.add(FeedbackHttp.overridden(
                uuid,
                "2025-03-01T10:09:00Z",
                system,
                offered.path("code").asText(),
                offered.path("display").asText()));
        // The other card's last outcome carries the forged reason: it is reported apart, once.
        posts.add(FeedbackHttp.overridden(
                other.path("uuid").asText(),
                "2025-03-01T10:00:00Z",
                system,
                offered.path("code").asText(),
                offered.path("display").asText()));
        posts.add(FeedbackHttp.overridden(
                other.path("uuid").asText(), "2025-03-01T10:05:00Z", system, "not-offered", "Forged"));
        assertThat(http.feedback(posts).body().path("stored").asInt()).isEqualTo(8);

        JsonNode row = topic(report(), "pregnancy");
        assertThat(row.path("overridden").asLong()).isEqualTo(2);
        assertThat(row.path("topOverrideReasons")).hasSize(1);
        assertThat(row.path("topOverrideReasons").get(0).path("code").asText())
                .isEqualTo(offered.path("code").asText());
        assertThat(row.path("topOverrideReasons").get(0).path("count").asLong()).isEqualTo(1);
        assertThat(row.path("unofferedReasons").get(0).path("code").asText()).isEqualTo("not-offered");
        assertThat(row.path("unofferedReasons").get(0).path("count").asLong()).isEqualTo(1);
    }

    /**
     * #29: one outcome per card (and so per user: a card is issued to one hook call, which names one user). A
     * card overridden for one reason and then another counts once, under the last; a card overridden and then
     * accepted counts as accepted only.
     */
    @Test
    void shouldCountOneOutcomePerCardTheLastOnePosted() throws Exception {
        JsonNode card = pregnancyCard();
        JsonNode changed = pregnancyCard();
        JsonNode first = card.path("overrideReasons").get(0);
        JsonNode last = card.path("overrideReasons").get(1);
        String suggestion = changed.path("suggestions").get(0).path("uuid").asText();
        List<ObjectNode> posts = List.of(
                FeedbackHttp.overridden(
                        card.path("uuid").asText(),
                        "2025-03-01T10:00:00Z",
                        first.path("system").asText(),
                        first.path("code").asText(),
                        first.path("display").asText()),
                FeedbackHttp.overridden(
                        card.path("uuid").asText(),
                        "2025-03-01T10:05:00Z",
                        last.path("system").asText(),
                        last.path("code").asText(),
                        last.path("display").asText()),
                FeedbackHttp.overridden(
                        changed.path("uuid").asText(),
                        "2025-03-01T10:00:00Z",
                        first.path("system").asText(),
                        first.path("code").asText(),
                        first.path("display").asText()),
                FeedbackHttp.accepted(changed.path("uuid").asText(), "2025-03-01T10:07:00Z", suggestion));
        assertThat(http.feedback(posts).body().path("stored").asInt()).isEqualTo(4);

        JsonNode row = topic(report(), "pregnancy");
        assertThat(row.path("issued").asLong()).isEqualTo(2);
        assertThat(row.path("overridden").asLong()).isEqualTo(1);
        assertThat(row.path("accepted").asLong()).isEqualTo(1);
        assertThat(row.path("topOverrideReasons")).hasSize(1);
        assertThat(row.path("topOverrideReasons").get(0).path("code").asText())
                .isEqualTo(last.path("code").asText());
        assertThat(row.path("topOverrideReasons").get(0).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void shouldStoreEveryAcknowledgedItemExactlyOnceUnderConcurrentPosts() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < POSTS_PER_THREAD; i++) {
                    String card = UUID.randomUUID().toString();
                    if (http.feedback(List.of(FeedbackHttp.overridden(card, "2025-03-01T10:00:00Z")))
                                    .status()
                            == 200) {
                        acknowledged.add(card);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
                .as("posts finished within 5 minutes")
                .isTrue();
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "Feedback write throughput on %s: %d items in %.1f s = %.0f items/s (%d threads, one item per post)%n",
                database(),
                acknowledged.size(),
                seconds,
                acknowledged.size() / seconds,
                THREADS);

        assertThat(acknowledged).hasSize(THREADS * POSTS_PER_THREAD);
        long stored =
                jdbc.sql("SELECT COUNT(*) FROM card_feedback").query(Long.class).single();
        long distinct = jdbc.sql("SELECT COUNT(DISTINCT card_uuid) FROM card_feedback")
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(acknowledged.size());
        assertThat(distinct).isEqualTo(acknowledged.size());
        Set<String> cards = ConcurrentHashMap.newKeySet();
        cards.addAll(jdbc.sql("SELECT card_uuid FROM card_feedback")
                .query(String.class)
                .list());
        assertThat(cards).isEqualTo(acknowledged);
    }

    @Test
    void shouldStoreOnceTheSameItemsPostedByRacingThreads() throws Exception {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(FeedbackHttp.overridden(UUID.randomUUID().toString(), "2025-03-01T10:00:00Z"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> stored = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            stored.add(pool.submit(() -> {
                int n = 0;
                for (ObjectNode item : items) {
                    FeedbackHttp.Answer answer = http.feedback(List.of(item));
                    assertThat(answer.status())
                            .as(String.valueOf(answer.body()))
                            .isEqualTo(200);
                    n += answer.body().path("stored").asInt();
                }
                return n;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        int total = 0;
        for (Future<Integer> f : stored) {
            total += f.get();
        }

        assertThat(total).as("items reported as newly stored").isEqualTo(items.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM card_feedback")
                        .query(Long.class)
                        .single())
                .isEqualTo(items.size());
    }

    private JsonNode pregnancyCard() throws Exception {
        Scenario scenario = Scenario.load(
                Path.of("src/test/resources/scenarios/pregnancy-snomed-active-condition.json"),
                LocalDate.now(ZoneOffset.UTC));
        FeedbackHttp.Answer answer = http.post("/cds-services/" + scenario.serviceId(), scenario.request());
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode card : answer.body().path("cards")) {
            if ("pregnancy"
                    .equals(card.path("source").path("topic").path("code").asText())) {
                return card;
            }
        }
        throw new AssertionError("no pregnancy card in " + answer.body());
    }

    private JsonNode report() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FeedbackHttp.Answer answer =
                http.get("/analytics/overrides?from=" + today.minusDays(1) + "&to=" + today.plusDays(1));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode topic(JsonNode report, String topic) {
        for (JsonNode row : report.path("topics")) {
            if (topic.equals(row.path("topic").asText())) {
                return row;
            }
        }
        throw new AssertionError("no '" + topic + "' row in " + report);
    }

    private long feedbackRows(String card) {
        return jdbc.sql("SELECT COUNT(*) FROM card_feedback WHERE card_uuid = :card")
                .param("card", card)
                .query(Long.class)
                .single();
    }
}
