package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of settings names every {@code hsg.*} property that the {@code @ConfigurationProperties} classes
 * declare, and nothing else: the configuration processor writes the declared ones to
 * {@code META-INF/spring-configuration-metadata.json} at compile time, and this test compares the two.
 */
class ConfigurationTableTest {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Pattern ROW = Pattern.compile("^\\| `(hsg\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE);

    @Test
    void readmeTableListsExactlyTheDeclaredSettings() throws Exception {
        Set<String> declared = declared();
        Set<String> documented = documented();
        assertThat(declared)
                .as("hsg.* settings in the metadata")
                .contains(
                        "hsg.content.location",
                        "hsg.fhir.deadline",
                        "hsg.security.issuers",
                        "hsg.evaluation.slots",
                        "hsg.admin.token",
                        "hsg.public-base-url",
                        "hsg.workbench.enabled");
        assertThat(documented)
                .as("README 'Configuration' rows versus @ConfigurationProperties")
                .isEqualTo(declared);
    }

    @Test
    void everyDeclaredSettingHasADescriptionForTheIde() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(Files.readString(METADATA, StandardCharsets.UTF_8));
        Set<String> undescribed = new TreeSet<>();
        metadata.path("properties").forEach(p -> {
            if (p.path("name").asText().startsWith("hsg.")
                    && p.path("description").asText().isBlank()) {
                undescribed.add(p.path("name").asText());
            }
        });
        assertThat(undescribed)
                .as("settings without Javadoc (@param) in their properties class")
                .isEmpty();
    }

    private static Set<String> declared() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(Files.readString(METADATA, StandardCharsets.UTF_8));
        Set<String> names = new TreeSet<>();
        metadata.path("properties").forEach(p -> {
            String name = p.path("name").asText();
            if (name.startsWith("hsg.")) {
                names.add(name);
            }
        });
        return names;
    }

    private static Set<String> documented() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("README has a Configuration section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        Matcher rows = ROW.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Set<String> names = new TreeSet<>();
        while (rows.find()) {
            names.add(rows.group(1));
        }
        return names;
    }
}
