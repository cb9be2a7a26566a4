package org.hsgcds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of ARCHITECTURE.md, checked on the compiled main classes. Bottom to top: {@code cdshooks} (the wire
 * model) → the core ({@code content}, {@code evaluation}, {@code cards}, {@code check}, {@code prefetch},
 * {@code orchestration}, {@code conformance}, {@code cli}) → the web-facing packages ({@code web}, {@code security},
 * {@code feedback}, {@code workbench}, {@code handouts}, {@code operations}, {@code knowledge}).
 */
class ArchitectureTest {

    /** The packages that may know HTTP, servlets and Spring MVC: they receive requests or answer them. */
    static final String[] WEB_FACING = {
        "org.hsgcds.web..",
        "org.hsgcds.security..",
        "org.hsgcds.feedback..",
        "org.hsgcds.workbench..",
        "org.hsgcds.handouts..",
        "org.hsgcds.operations..",
        "org.hsgcds.knowledge.."
    };

    /** The core: given a patient record, an order and a protocol, which cards; and the wire model below it. */
    static final String[] CORE = {
        "org.hsgcds.cdshooks..", "org.hsgcds.content..", "org.hsgcds.evaluation..", "org.hsgcds.cards..",
        "org.hsgcds.check..", "org.hsgcds.prefetch..", "org.hsgcds.orchestration..", "org.hsgcds.conformance..",
        "org.hsgcds.cli.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hsgcds");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.hsgcds.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheWebFacingPackagesKnowHttpServletsOrSpringMvc() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "org.springframework.boot.web..",
                        "jakarta.servlet..")
                .because(
                        "the core answers 'which cards' and knows nothing of HTTP; only the web layer chooses status codes");
        rule.check(classes);
    }

    @Test
    void everyPackageIsEitherCoreOrWebFacing() {
        // A new package must be placed in one of the two lists, so that the rules here cover it.
        Set<String> listed = Stream.concat(Arrays.stream(CORE), Arrays.stream(WEB_FACING))
                .map(p -> p.substring("org.hsgcds.".length(), p.length() - 2))
                .collect(Collectors.toSet());
        Set<String> found = classes.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("org.hsgcds."))
                .map(p -> p.substring("org.hsgcds.".length()).split("\\.")[0])
                .collect(Collectors.toSet());
        assertThat(found).hasSizeGreaterThan(10).isSubsetOf(listed);
    }

    @Test
    void theWireModelIsAtTheBottom() {
        noClasses()
                .that()
                .resideInAPackage("org.hsgcds.cdshooks..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.hsgcds.cdshooks..", "java..", "com.fasterxml.jackson..", "org.springframework.beans..")
                .because("the CDS Hooks wire model depends on nothing of the project, so every layer can use it")
                .check(classes);
    }

    @Test
    void theCoreDoesNotDependOnTheWebLayer() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB_FACING)
                .check(classes);
    }

    @Test
    void onlyContentAndEvaluationUseTheCqlEngineAndTranslator() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.hsgcds.content..", "org.hsgcds.evaluation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.opencds.cqf.cql.engine..", "org.cqframework..", "org.hl7.elm..", "org.hl7.cql..")
                .because("a move to another engine line stays inside content and evaluation (ARCHITECTURE.md)")
                .check(classes);
    }

    @Test
    void cardsDoNotKnowTheCqlEngine() {
        noClasses()
                .that()
                .resideInAPackage("org.hsgcds.cards..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.opencds.cqf.cql.engine..", "org.cqframework..", "org.hl7.elm..")
                .because("RuleResults converts the engine's values into the project's own")
                .check(classes);
    }
}
