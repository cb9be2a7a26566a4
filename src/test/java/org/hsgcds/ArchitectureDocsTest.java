package org.hsgcds;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md and the README's package map against the compiled main classes, so that neither can drift: the arrow
 * list ("The arrows today") is exactly the package dependency graph of the code, every arrow drawn in the layer diagram
 * exists, the layer table, the package table and the README's {@code src/main/java/org/hsgcds/...} rows name exactly
 * the packages there are, and the classes said to use the CQL engine are exactly those that do.
 *
 * <p>"Package" means a top-level package under {@code org.hsgcds}; a dependency is any use the compiled class shows
 * (imports used only in Javadoc are not dependencies). The application class in {@code org.hsgcds} itself, which wires
 * everything, is left out. Each failure names the arrow, package or class that is missing or extra, and where.
 */
class ArchitectureDocsTest {

    static final Path ARCHITECTURE = Path.of("ARCHITECTURE.md");
    static final Path README = Path.of("README.md");
    private static final String ROOT = "org.hsgcds.";
    /** The packages of the CQL engine and translator (as in {@link ArchitectureTest}). */
    private static final List<String> ENGINE =
            List.of("org.opencds.cqf.cql.engine.", "org.cqframework.", "org.hl7.elm.", "org.hl7.cql.");

    private static final Pattern BACKTICKED = Pattern.compile("`([a-z]+)`");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hsgcds");
    }

    @Test
    void theArrowListIsThePackageGraphOfTheCode() throws IOException {
        SortedMap<String, SortedSet<String>> written = writtenArrows(read(ARCHITECTURE));
        SortedMap<String, SortedSet<String>> code = codeArrows();
        List<String> problems = new ArrayList<>();
        code.forEach((from, tos) -> tos.stream()
                .filter(to -> !written.getOrDefault(from, new TreeSet<>()).contains(to))
                .forEach(to -> problems.add("missing arrow " + from + " → " + to + " (e.g. " + example(from, to)
                        + "): add it to \"The arrows today\" in ARCHITECTURE.md")));
        written.forEach((from, tos) -> tos.stream()
                .filter(to -> !code.getOrDefault(from, new TreeSet<>()).contains(to))
                .forEach(to -> problems.add("extra arrow " + from + " → " + to + ": no class of " + from + " uses " + to
                        + "; remove it from ARCHITECTURE.md")));
        assertThat(problems)
                .withFailMessage(
                        "ARCHITECTURE.md's arrow list differs from the code:%n  %s", String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void theLayerDiagramDrawsOnlyRealArrowsAndNamesEveryPackage() throws IOException {
        String diagram = diagram(read(ARCHITECTURE));
        SortedMap<String, SortedSet<String>> code = codeArrows();
        List<String> problems = new ArrayList<>();
        Matcher arrow = Pattern.compile("([a-z]+)\\s*─+►\\s*(?=([a-z]+))").matcher(diagram);
        int drawn = 0;
        while (arrow.find()) {
            drawn++;
            if (!code.getOrDefault(arrow.group(1), new TreeSet<>()).contains(arrow.group(2))) {
                problems.add("the diagram draws " + arrow.group(1) + " ──► " + arrow.group(2)
                        + ", which the code does not have");
            }
        }
        for (String p : codePackages()) {
            if (!Pattern.compile("(?<![\\w-])" + p + "(?![\\w-])")
                    .matcher(diagram)
                    .find()) {
                problems.add("the diagram does not name package " + p);
            }
        }
        assertThat(drawn).as("arrows drawn in the layer diagram").isGreaterThan(3);
        assertThat(problems)
                .withFailMessage("ARCHITECTURE.md's layer diagram:%n  %s", String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void theLayerTableMatchesTheArchitectureTestsLayers() throws IOException {
        Map<String, Set<String>> layers = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (wire model|core|web-facing)[^|]*\\| ([^|]*) \\|")
                .matcher(read(ARCHITECTURE));
        while (row.find()) {
            layers.put(row.group(1), backticked(row.group(2)));
        }
        Set<String> core = names(ArchitectureTest.CORE);
        core.remove("cdshooks");
        assertThat(layers)
                .as("ARCHITECTURE.md's layer table (layer → packages) against ArchitectureTest's CORE and WEB_FACING")
                .isEqualTo(Map.of(
                        "wire model",
                        Set.of("cdshooks"),
                        "core",
                        core,
                        "web-facing",
                        names(ArchitectureTest.WEB_FACING)));
    }

    @Test
    void thePackageTableNamesEveryPackageOnce() throws IOException {
        String doc = read(ARCHITECTURE);
        int start = doc.indexOf("\n## Packages");
        assertThat(start).as("ARCHITECTURE.md has a \"## Packages\" section").isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        List<String> rows = rows(doc.substring(start, end < 0 ? doc.length() : end), "^\\| `([a-z]+)` \\|");
        assertSamePackages("ARCHITECTURE.md's package table", rows);
    }

    @Test
    void theReadmeMapNamesEveryPackageOnce() throws IOException {
        List<String> rows = rows(read(README), "^\\| `src/main/java/org/hsgcds/([a-z]+)/?` \\|");
        assertSamePackages("README's map (rows `src/main/java/org/hsgcds/<package>`)", rows);
    }

    @Test
    void theEngineClassListIsTheClassesThatUseTheEngine() throws IOException {
        String doc = read(ARCHITECTURE);
        String marker = "the classes that use it today:";
        int start = doc.indexOf(marker);
        assertThat(start).as("ARCHITECTURE.md says \"%s\"", marker).isPositive();
        String list = doc.substring(start + marker.length(), doc.indexOf(".\n", start));
        SortedSet<String> written = new TreeSet<>();
        String pkg = null;
        Matcher m = Pattern.compile("`(?:([a-z]+)/)?([A-Z]\\w*)`").matcher(list);
        while (m.find()) {
            pkg = m.group(1) != null ? m.group(1) : pkg;
            written.add(pkg + "/" + m.group(2));
        }
        SortedSet<String> code = classes.stream()
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> ENGINE.stream()
                                .anyMatch(e -> d.getTargetClass()
                                        .getBaseComponentType()
                                        .getName()
                                        .startsWith(e))))
                .map(c -> topLevel(c).getName().substring(ROOT.length()).replace('.', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(written)
                .as("ARCHITECTURE.md's list of the classes that use the CQL engine or translator (\"Engine\")")
                .containsExactlyElementsOf(code);
    }

    /** from → the packages its classes use, for every top-level package under {@code org.hsgcds}. */
    static SortedMap<String, SortedSet<String>> codeArrows() {
        SortedMap<String, SortedSet<String>> arrows = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = feature(c);
            if (from == null) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = feature(d.getTargetClass().getBaseComponentType());
                if (to != null && !to.equals(from)) {
                    arrows.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        return arrows;
    }

    static SortedSet<String> codePackages() {
        return classes.stream()
                .map(ArchitectureDocsTest::feature)
                .filter(p -> p != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "The arrows today …: `a` → `b`, `c`; `d` → …" parsed into from → tos. */
    static SortedMap<String, SortedSet<String>> writtenArrows(String doc) {
        int start = doc.indexOf("The arrows today");
        assertThat(start).as("ARCHITECTURE.md has \"The arrows today\"").isPositive();
        int end = doc.indexOf("\n\n", start);
        String paragraph = doc.substring(start, end < 0 ? doc.length() : end);
        String body = paragraph.substring(paragraph.indexOf("):") + 2).strip();
        SortedMap<String, SortedSet<String>> arrows = new TreeMap<>();
        Pattern clause = Pattern.compile("`([a-z]+)`\\s*→\\s*(.+?)\\.?", Pattern.DOTALL);
        for (String part : body.split(";")) {
            Matcher m = clause.matcher(part.strip());
            assertThat(m.matches())
                    .as("ARCHITECTURE.md arrow clause \"%s\" reads `from` → `to`, `to`", part.strip())
                    .isTrue();
            assertThat(arrows)
                    .as("ARCHITECTURE.md lists the arrows from %s once", m.group(1))
                    .doesNotContainKey(m.group(1));
            arrows.put(m.group(1), new TreeSet<>(backticked(m.group(2))));
        }
        return arrows;
    }

    private static String diagram(String doc) {
        int layers = doc.indexOf("## Layers");
        int open = doc.indexOf("```", layers);
        int close = doc.indexOf("```", open + 3);
        assertThat(layers < open && open < close)
                .as("ARCHITECTURE.md's \"## Layers\" holds a diagram")
                .isTrue();
        return doc.substring(open + 3, close);
    }

    private static void assertSamePackages(String where, List<String> rows) {
        SortedSet<String> code = codePackages();
        List<String> problems = new ArrayList<>();
        code.stream().filter(p -> !rows.contains(p)).forEach(p -> problems.add("missing package " + p));
        rows.stream()
                .filter(p -> !code.contains(p))
                .distinct()
                .forEach(p -> problems.add("extra package " + p + " (no such package in src/main)"));
        rows.stream()
                .filter(p -> rows.indexOf(p) != rows.lastIndexOf(p))
                .distinct()
                .forEach(p -> problems.add("package " + p + " listed more than once"));
        assertThat(problems)
                .withFailMessage("%s differs from the code:%n  %s", where, String.join("\n  ", problems))
                .isEmpty();
    }

    private static List<String> rows(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> backticked(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> names(String[] patterns) {
        return Arrays.stream(patterns)
                .map(p -> p.substring(ROOT.length(), p.length() - 2))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The top-level package under org.hsgcds a class is in; null outside them (and for the application class). */
    private static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        return pkg.startsWith(ROOT) ? pkg.substring(ROOT.length()).split("\\.")[0] : null;
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    /** One dependency behind an arrow, for the failure message. */
    private static String example(String from, String to) {
        return classes.stream()
                .filter(c -> from.equals(feature(c)))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .filter(d -> to.equals(feature(d.getTargetClass().getBaseComponentType())))
                .map(d -> topLevel(d.getOriginClass()).getSimpleName() + " uses "
                        + topLevel(d.getTargetClass().getBaseComponentType()).getSimpleName())
                .findFirst()
                .orElse("?");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
