package org.hsgcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Case conversion and formatting name their locale: under a Turkish default "I" lower-cased is
 * dotless "ı" and "i" upper-cased is "İ", which broke ICD-10-CM matching and stored feedback
 * outcomes. The surefire execution {@code tr-TR} also runs the scenario and feedback suites under it.
 */
class ExplicitLocaleTest {

    private static final Pattern DEFAULT_LOCALE =
            Pattern.compile("\\.to(Lower|Upper)Case\\(\\)|String\\.format\\(\"|\\.formatted\\(");

    @Test
    void noCaseConversionOrFormatUsesTheDefaultLocale() throws IOException {
        List<String> found = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (DEFAULT_LOCALE.matcher(lines.get(i)).find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("use Locale.ROOT").isEmpty();
    }
}
