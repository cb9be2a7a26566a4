package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hazard log (docs/clinical-safety.md) stays true to the code: every scenario it cites exists,
 * every critical card topic has a hazard, every topic it names is a card topic, and every risk rating
 * follows the DCB0129 matrix it states.
 */
class HazardLogTest {

    private static final Path LOG = Path.of("docs/clinical-safety.md");
    private static final Path CARDS = Path.of("cql/HSGEligibility.cards.json");
    private static final List<Path> SCENARIO_DIRS = List.of(
            Path.of("src/test/resources/scenarios"),
            Path.of("src/test/resources/scenarios-second-protocol"),
            Path.of("src/test/resources/scenarios-appointment"));
    private static final List<String> SEVERITIES =
            List.of("minor", "significant", "considerable", "major", "catastrophic");
    private static final List<String> LIKELIHOODS = List.of("very low", "low", "medium", "high", "very high");
    /** DCB0129 risk matrix: rows by likelihood (very low … very high), columns by severity (minor … catastrophic). */
    private static final int[][] MATRIX = {
        {1, 1, 2, 2, 3},
        {1, 2, 2, 3, 4},
        {2, 2, 3, 3, 4},
        {2, 3, 3, 4, 5},
        {3, 4, 4, 5, 5},
    };

    private static final Pattern HEADING = Pattern.compile("^## (H-(\\d{2})) (\\S.*)$", Pattern.MULTILINE);
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern RISK_ROW =
            Pattern.compile("^\\| (Initial|Residual) \\| ([^|]+) \\| ([^|]+) \\| (\\d) \\|$", Pattern.MULTILINE);

    private static String log;
    private static List<Hazard> hazards;

    record Hazard(String id, int number, String title, String body) {

        String field(String name) {
            Matcher m = Pattern.compile(
                            "^\\*\\*" + Pattern.quote(name) + ":\\*\\*(.*?)(?=\\n\\n|\\z)",
                            Pattern.MULTILINE | Pattern.DOTALL)
                    .matcher(body);
            return m.find() ? m.group(1).strip() : null;
        }

        Set<String> backticked(String name) {
            Set<String> names = new LinkedHashSet<>();
            String text = field(name);
            if (text != null) {
                Matcher m = BACKTICKED.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }

    @BeforeAll
    static void readLog() throws IOException {
        log = Files.readString(LOG, StandardCharsets.UTF_8);
        hazards = new ArrayList<>();
        Matcher m = HEADING.matcher(log);
        List<int[]> spans = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            heads.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : log.length();
            String[] head = heads.get(i);
            hazards.add(new Hazard(head[0], Integer.parseInt(head[1]), head[2], log.substring(spans.get(i)[1], end)));
        }
    }

    @Test
    void hazardsAreNumberedFromOneWithoutGaps() {
        assertThat(hazards).hasSizeGreaterThanOrEqualTo(14);
        for (int i = 0; i < hazards.size(); i++) {
            assertThat(hazards.get(i).number()).as(hazards.get(i).id()).isEqualTo(i + 1);
        }
    }

    @Test
    void everyHazardHasItsParts() {
        assertThat(hazards).allSatisfy(h -> {
            for (String part : List.of("Topics", "Cause", "Effect", "Controls", "Verified by")) {
                assertThat(h.field(part)).as(h.id() + " " + part).isNotBlank();
            }
            assertThat(h.backticked("Topics")).as(h.id() + " topics").isNotEmpty();
            assertThat(h.backticked("Verified by")).as(h.id() + " scenarios").isNotEmpty();
        });
    }

    @Test
    void everyNamedScenarioExists() {
        List<String> missing = new ArrayList<>();
        hazards.forEach(h -> h.backticked("Verified by").forEach(name -> {
            if (SCENARIO_DIRS.stream().noneMatch(dir -> Files.isRegularFile(dir.resolve(name + ".json")))) {
                missing.add(h.id() + ": " + name);
            }
        }));
        assertThat(missing).as("scenarios named in " + LOG + " but not found").isEmpty();
    }

    @Test
    void everyCriticalTopicHasAHazard() throws IOException {
        Set<String> covered = new TreeSet<>();
        hazards.forEach(h -> covered.addAll(h.backticked("Topics")));
        assertThat(covered).as("topics named by the hazards").containsAll(topics(true));
    }

    @Test
    void everyTopicNamedIsACardTopic() throws IOException {
        Set<String> named = new TreeSet<>();
        hazards.forEach(h -> named.addAll(h.backticked("Topics")));
        assertThat(topics(false)).as("card topics in " + CARDS).containsAll(named);
    }

    @Test
    void theStatedMatrixIsTheDcb0129Matrix() {
        Pattern row = Pattern.compile(
                "^\\| (Very high|High|Medium|Low|Very low) \\| (\\d) \\| (\\d) \\| (\\d) \\| (\\d) \\| (\\d) \\|$",
                Pattern.MULTILINE);
        Matcher m = row.matcher(log);
        int rows = 0;
        while (m.find()) {
            int likelihood = LIKELIHOODS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
            for (int severity = 0; severity < 5; severity++) {
                assertThat(Integer.parseInt(m.group(severity + 2)))
                        .as("matrix " + m.group(1) + " / " + SEVERITIES.get(severity))
                        .isEqualTo(MATRIX[likelihood][severity]);
            }
            rows++;
        }
        assertThat(rows).as("rows of the risk matrix").isEqualTo(5);
    }

    @Test
    void everyRiskRatingFollowsTheMatrixAndControlsDoNotRaiseIt() {
        assertThat(hazards).allSatisfy(h -> {
            Matcher m = RISK_ROW.matcher(h.body());
            Map<String, Integer> risk = new java.util.HashMap<>();
            while (m.find()) {
                int severity = SEVERITIES.indexOf(m.group(2).strip().toLowerCase(Locale.ROOT));
                int likelihood = LIKELIHOODS.indexOf(m.group(3).strip().toLowerCase(Locale.ROOT));
                assertThat(severity)
                        .as(h.id() + " severity '" + m.group(2) + "'")
                        .isNotNegative();
                assertThat(likelihood)
                        .as(h.id() + " likelihood '" + m.group(3) + "'")
                        .isNotNegative();
                int rating = Integer.parseInt(m.group(4));
                assertThat(rating).as(h.id() + " " + m.group(1) + " risk").isEqualTo(MATRIX[likelihood][severity]);
                risk.put(m.group(1), rating);
            }
            assertThat(risk).as(h.id() + " initial and residual risk rows").containsOnlyKeys("Initial", "Residual");
            assertThat(risk.get("Residual")).as(h.id() + " residual risk").isLessThanOrEqualTo(risk.get("Initial"));
        });
    }

    /** Card topic codes in the card definitions, read now (the content changes under this test). */
    private static Set<String> topics(boolean criticalOnly) throws IOException {
        JsonNode cards = new ObjectMapper()
                .readTree(Files.readString(CARDS, StandardCharsets.UTF_8))
                .path("cards");
        Set<String> topics = new TreeSet<>();
        cards.forEach(card -> {
            if (!criticalOnly || "critical".equals(card.path("indicator").asText())) {
                topics.add(card.path("topic").asText());
            }
        });
        assertThat(topics).as("topics in " + CARDS).isNotEmpty();
        return topics;
    }
}
