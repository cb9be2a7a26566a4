package org.hsgcds.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * docs/integration.md against the code: the services and hooks, every prefetch template with its length,
 * a read scope for every resource type the templates fetch, and an error table that lists exactly the
 * (status, error) pairs the service can answer with. The token script is run in {@link TestTokenScriptTest}.
 */
class IntegrationGuideTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path GUIDE = Path.of("docs/integration.md");

    @Test
    void readmeLinksTheGuideFromItsFirstScreen() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int link = readme.indexOf("](docs/integration.md)");
        assertThat(link).as("README links docs/integration.md").isPositive();
        assertThat(readme.substring(0, link).lines().count())
                .as("the link is on the README's first screen")
                .isLessThan(30);
    }

    @Test
    void everyServiceAndPrefetchTemplateIsListedWithItsLength() throws IOException {
        String guide = guide();
        JsonNode services =
                JSON.readTree(Path.of("fhir-resources/cds-services.json").toFile());
        for (JsonNode service : services.path("services")) {
            assertThat(guide)
                    .contains("| `" + service.path("id").asText() + "` | `"
                            + service.path("hook").asText() + "` |");
        }
        for (Map.Entry<String, String> template : templates(services).entrySet()) {
            String template1 = template.getValue();
            Matcher row = Pattern.compile(
                            "^\\| `" + Pattern.quote(template.getKey()) + "` \\| `([^`]*)`[^|]*\\| (\\d+) \\|",
                            Pattern.MULTILINE)
                    .matcher(guide);
            assertThat(row.find())
                    .as("a row for prefetch key %s", template.getKey())
                    .isTrue();
            assertThat(Integer.parseInt(row.group(2)))
                    .as("length of the %s template: %s", template.getKey(), template1)
                    .isEqualTo(template1.length());
            String shown = row.group(1);
            if (shown.endsWith("…")) {
                assertThat(template1).startsWith(shown.substring(0, shown.length() - 1));
            } else {
                assertThat(shown).isEqualTo(template1);
            }
        }
        String observations = templates(services).get("observations");
        int codes = observations.split(",").length;
        assertThat(guide)
                .contains("(" + codes + " codes:", observations.length() + " characters before the patient id");
    }

    @Test
    void aReadScopeIsListedForEveryResourceTypeTheTemplatesFetch() throws IOException {
        String guide = guide();
        Set<String> types = new TreeSet<>();
        templates(JSON.readTree(Path.of("fhir-resources/cds-services.json").toFile()))
                .values()
                .forEach(t -> types.add(t.split("[/?]")[0]));
        assertThat(types).contains("Patient", "Observation");
        for (String type : types) {
            assertThat(guide).contains("`patient/" + type + ".read`", "`patient/" + type + ".rs`");
        }
    }

    @Test
    void errorTableListsExactlyTheStatusesAndCodesTheServiceReturns() throws IOException {
        Set<String> inCode = new TreeSet<>();
        Pattern status = Pattern.compile("HttpStatus\\.([A-Z_]+),\\s*(?:\"([a-z_]+)\"|([A-Z_]+)[,)])");
        Pattern literal = Pattern.compile("new ApiError\\((\\d{3}), \"([a-z_]+)\"");
        Pattern namedLiteral = Pattern.compile("new ApiError\\(HttpStatus\\.([A-Z_]+)\\.value\\(\\), \"([a-z_]+)\"");
        Map<String, String> constants = new LinkedHashMap<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher constant = Pattern.compile("static final String ([A-Z_]+) = \"([a-z_]+)\";")
                        .matcher(source);
                while (constant.find()) {
                    constants.put(constant.group(1), constant.group(2));
                }
                Matcher m = status.matcher(source);
                while (m.find()) {
                    String code = m.group(2) != null ? m.group(2) : constants.get(m.group(3));
                    if (code != null) {
                        inCode.add(HttpStatus.valueOf(m.group(1)).value() + " " + code);
                    }
                }
                Matcher l = literal.matcher(source);
                while (l.find()) {
                    inCode.add(l.group(1) + " " + l.group(2));
                }
                Matcher named = namedLiteral.matcher(source);
                while (named.find()) {
                    inCode.add(HttpStatus.valueOf(named.group(1)).value() + " " + named.group(2));
                }
            }
        }
        // the hook core's problems, mapped to statuses in web/ApiErrorHandler.statusOf
        inCode.add("400 invalid_request");
        inCode.add("404 unknown_service");
        assertThat(inCode)
                .contains("401 unauthorized", "412 prefetch_required", "500 internal_error", "422 content_invalid");

        String guide = guide();
        String table = guide.substring(guide.indexOf("## 7. Errors"), guide.indexOf("## 8."));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("^\\| (\\d{3}) \\| `([a-z_]+)` \\|", Pattern.MULTILINE)
                .matcher(table);
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2));
        }
        assertThat(documented)
                .as("docs/integration.md error table versus the code")
                .isEqualTo(inCode);
    }

    static String guide() throws IOException {
        return Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    private static Map<String, String> templates(JsonNode services) {
        Map<String, String> templates = new LinkedHashMap<>();
        services.path("prefetch")
                .fields()
                .forEachRemaining(e -> templates.put(e.getKey(), e.getValue().asText()));
        for (JsonNode service : services.path("services")) {
            service.path("additionalPrefetch")
                    .fields()
                    .forEachRemaining(
                            e -> templates.put(e.getKey(), e.getValue().asText()));
        }
        return templates;
    }
}
