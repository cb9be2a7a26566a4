package org.hsgcds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestTemplate;

/**
 * The CDS Hooks 2.0 requirement matrix (docs/conformance/cds-hooks-2.0.md) stays true: every test it
 * names exists as a test method, every SHALL and SHALL NOT has a test or a reason, and it has one row
 * per requirement of the list, with the list's levels (and, when the list is beside the checkout, its
 * IDs and URLs, and no copied requirement text).
 */
class ConformanceMatrixTest {

    static final Path MATRIX = Path.of("docs/conformance/cds-hooks-2.0.md");
    static final Path REQUIREMENTS = Path.of("../shared/conformance/cds-hooks-2.0-service-requirements.csv");
    static final Path TEST_SOURCES = Path.of("src/test/java");
    /** The requirement list's levels, counted: 120 requirements on the service. */
    static final Map<String, Long> LEVELS =
            Map.of("SHALL", 69L, "SHALL NOT", 4L, "SHOULD", 17L, "MAY", 28L, "SHOULD NOT", 1L, "DEPRECATED", 1L);

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|(.*)\\|\\s*$");
    private static final Pattern TEST_REF = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)`");
    private static final Pattern SECTION_URL = Pattern.compile("\\]\\((https://[^)]+)\\)");

    /** One row: the requirement's ID, level and URL, our summary, the tests that cover it, the note. */
    record Row(int id, String level, String url, String summary, List<String> tests, String note) {}

    @Test
    void everyNamedTestExists() throws IOException {
        assertThat(missingTests(rows())).isEmpty();
    }

    @Test
    void everyShallHasATestOrAReason() throws IOException {
        assertThat(uncoveredShalls(rows())).isEmpty();
    }

    @Test
    void oneRowPerRequirementWithTheListsLevels() throws IOException {
        List<Row> rows = rows();
        assertThat(rows.stream().map(Row::id).distinct().count())
                .as("distinct IDs")
                .isEqualTo(rows.size());
        Map<String, Long> levels =
                rows.stream().collect(Collectors.groupingBy(Row::level, TreeMap::new, Collectors.counting()));
        assertThat(levels).isEqualTo(new TreeMap<>(LEVELS));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.url()).as("URL of " + row.id()).startsWith("https://cds-hooks.hl7.org/2.0/#");
            assertThat(row.summary()).as("summary of " + row.id()).isNotBlank();
        });
    }

    @Test
    void rowsMatchTheRequirementListAndDoNotCopyItsTexts() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(REQUIREMENTS), "the requirement list is not beside the checkout");
        Map<Integer, List<String>> list = new LinkedHashMap<>();
        List<List<String>> records = csv(Files.readString(REQUIREMENTS, StandardCharsets.UTF_8));
        for (List<String> record : records.subList(1, records.size())) {
            list.put(Integer.parseInt(record.get(0).trim()), record);
        }
        Map<Integer, Row> rows = rows().stream().collect(Collectors.toMap(Row::id, r -> r));
        assertThat(rows.keySet()).isEqualTo(list.keySet());
        list.forEach((id, record) -> {
            Row row = rows.get(id);
            assertThat(row.url()).as("URL of " + id).isEqualTo(record.get(1).trim());
            assertThat(row.level()).as("level of " + id).isEqualTo(record.get(3).trim());
            assertThat(sharedWords(row.summary(), record.get(2)))
                    .as("summary of " + id + " repeats the requirement's words")
                    .isLessThan(6);
        });
    }

    @Test
    void aRowNamingAMissingTestOrAShallWithNeitherIsCaught() {
        Row noSuchMethod =
                new Row(1, "SHALL", "u", "s", List.of("ConformanceMatrixTest#noSuchMethod", "NoSuchClassTest#x"), "");
        Row notATest = new Row(2, "SHALL", "u", "s", List.of("ConformanceMatrixTest#rows"), "");
        Row bare = new Row(3, "SHALL NOT", "u", "s", List.of(), " ");
        Row bareMay = new Row(4, "MAY", "u", "s", List.of(), "");

        assertThat(missingTests(List.of(noSuchMethod, notATest, bare, bareMay)))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("NoSuchClassTest"))
                .anySatisfy(p -> assertThat(p).contains("noSuchMethod"))
                .anySatisfy(p -> assertThat(p).contains("ConformanceMatrixTest#rows"));
        assertThat(uncoveredShalls(List.of(noSuchMethod, bare, bareMay))).containsExactly("3");
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(MATRIX, StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String[] cells = m.group(2).split("\\|", -1);
            assertThat(cells).as("cells of row " + m.group(1)).hasSize(5);
            Matcher url = SECTION_URL.matcher(cells[1]);
            List<String> tests = new ArrayList<>();
            Matcher ref = TEST_REF.matcher(cells[3]);
            while (ref.find()) {
                tests.add(ref.group(1) + "#" + ref.group(2));
            }
            assertThat(cells[3].replaceAll(TEST_REF.pattern(), "").replaceAll("[,\\s]", ""))
                    .as("row " + m.group(1) + ": the Covered-by cell holds only `Class#method` names")
                    .isEmpty();
            rows.add(new Row(
                    Integer.parseInt(m.group(1)),
                    cells[0].trim(),
                    url.find() ? url.group(1) : "",
                    cells[2].trim(),
                    tests,
                    cells[4].trim()));
        }
        return rows;
    }

    /** Tests named by the rows that are not test methods of a class under src/test/java. */
    static List<String> missingTests(List<Row> rows) {
        Map<String, String> classes = testClasses();
        List<String> missing = new ArrayList<>();
        for (Row row : rows) {
            for (String test : row.tests()) {
                String[] parts = test.split("#");
                String className = classes.get(parts[0]);
                if (className == null) {
                    missing.add(row.id() + ": no test class " + parts[0]);
                } else if (!isTestMethod(className, parts[1])) {
                    missing.add(row.id() + ": " + test + " is not a test method");
                }
            }
        }
        return missing;
    }

    /** IDs of SHALL and SHALL NOT rows with neither a test nor a reason. */
    static List<String> uncoveredShalls(List<Row> rows) {
        return rows.stream()
                .filter(r -> r.level().startsWith("SHALL"))
                .filter(r -> r.tests().isEmpty() && r.note().isBlank())
                .map(r -> String.valueOf(r.id()))
                .toList();
    }

    private static Map<String, String> testClasses() {
        try (Stream<Path> files = Files.walk(TEST_SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.toMap(
                            f -> f.getFileName().toString().replace(".java", ""),
                            f -> TEST_SOURCES
                                    .relativize(f)
                                    .toString()
                                    .replace(".java", "")
                                    .replace('/', '.')
                                    .replace('\\', '.'),
                            (a, b) -> a));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isTestMethod(String className, String method) {
        try {
            for (Class<?> type = Class.forName(className); type != null; type = type.getSuperclass()) {
                for (Method m : type.getDeclaredMethods()) {
                    if (m.getName().equals(method) && isTest(m)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean isTest(Method method) {
        return method.isAnnotationPresent(Test.class)
                || Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(TestTemplate.class));
    }

    /** The longest run of consecutive words the two texts share, case and punctuation ignored. */
    static int sharedWords(String a, String b) {
        List<String> x = words(a);
        List<String> y = words(b);
        int best = 0;
        for (int i = 0; i < x.size(); i++) {
            for (int j = 0; j < y.size(); j++) {
                int k = 0;
                while (i + k < x.size() && j + k < y.size() && x.get(i + k).equals(y.get(j + k))) {
                    k++;
                }
                best = Math.max(best, k);
            }
        }
        return best;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        Set<Integer> widths = new HashSet<>();
        records.forEach(r -> widths.add(r.size()));
        assertThat(widths).as("every CSV record has the header's width").hasSize(1);
        return records;
    }
}
