package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hazard log, the value set README and the content agree (RULES.md v3, "Small consistencies"): every value set
 * the hazard log or the README's table names exists, every value set file is described in the README, and no code
 * the README lists as not verified is used by a value set or the CQL.
 */
class ValueSetReadmeTest {

    private static final Path VALUE_SETS = Path.of("fhir-resources/valuesets");
    private static final Path README = VALUE_SETS.resolve("README.md");
    private static final Path HAZARD_LOG = Path.of("docs/clinical-safety.md");
    private static final Pattern VALUE_SET_LINE = Pattern.compile("(?m)^- Value sets:(.*(?:\\n  .*)*)");
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z0-9-]+)`");
    private static final Pattern TABLE_ROW_ID = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|");
    private static final Pattern CODE = Pattern.compile("^\\| (?:SNOMED|ICD-10-CM|LOINC|RxNorm) ([0-9A-Z.]+) \\|");

    @Test
    void everyValueSetTheHazardLogNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        Matcher lines = VALUE_SET_LINE.matcher(read(HAZARD_LOG));
        int named = 0;
        while (lines.find()) {
            Matcher ids = BACKTICKED.matcher(lines.group(1));
            while (ids.find()) {
                named++;
                if (!Files.isRegularFile(VALUE_SETS.resolve(ids.group(1) + ".json"))) {
                    missing.add(ids.group(1));
                }
            }
        }
        assertThat(named).as("value sets named by the hazard log").isGreaterThan(20);
        assertThat(missing)
                .as("value sets the hazard log names that do not exist")
                .isEmpty();
    }

    @Test
    void everyValueSetFileIsInTheReadmeTableAndEveryRowIsAFile() throws IOException {
        Set<String> rows = new TreeSet<>();
        Matcher m = TABLE_ROW_ID.matcher(section(read(README), "## Value sets"));
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertThat(rows).as("value sets described in the README table").isEqualTo(valueSetFiles());
    }

    @Test
    void noCodeTheReadmeCallsUnverifiedIsUsed() throws IOException {
        List<String> unverified = new ArrayList<>();
        for (String line :
                section(read(README), "## Not verified in version 3, not used").split("\n")) {
            Matcher code = CODE.matcher(line);
            if (code.find()) {
                unverified.add(code.group(1));
            }
        }
        assertThat(unverified).as("codes the README lists as not verified").hasSizeGreaterThanOrEqualTo(4);
        StringBuilder content =
                new StringBuilder(read(Path.of("cql/HSGEligibility.cql"))).append(read(Path.of("cql/HSGCommon.cql")));
        for (String file : valueSetFiles()) {
            content.append(read(VALUE_SETS.resolve(file + ".json")));
        }
        assertThat(unverified)
                .as("unverified codes used in the content")
                .allSatisfy(code -> assertThat(content.toString())
                        .doesNotContain("'" + code + "'")
                        .doesNotContain("\"" + code + "\""));
    }

    private static Set<String> valueSetFiles() throws IOException {
        try (Stream<Path> files = Files.list(VALUE_SETS)) {
            Set<String> ids = new TreeSet<>();
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .forEach(n -> ids.add(n.substring(0, n.length() - ".json".length())));
            return ids;
        }
    }

    /** The text from a heading to the next heading of the same level. */
    private static String section(String text, String heading) {
        int start = text.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = text.indexOf("\n## ", start + heading.length());
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
