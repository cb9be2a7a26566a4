package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.elm.r1.Library;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.evaluation.RuleResults;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ELM bundled at build time stands in for translating the bundled CQL only: it is found for exactly
 * those sources, and the rules evaluate to the same values with it as with freshly translated CQL, on
 * every scenario's patient.
 */
class PrecompiledElmTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static CompiledContent content;
    private static RuleEvaluator fromBundledElm;
    private static RuleEvaluator fromTranslatedCql;
    private static CompiledContent translated;

    @BeforeAll
    static void loadBothWays() {
        content = ShippedContent.get();
        fromBundledElm = new RuleEvaluator(content);
        translated = ContentLoader.strictTranslatingCql(FHIR).load("file:./");
        fromTranslatedCql = new RuleEvaluator(translated);
    }

    @Test
    void bundledElmIsFoundForTheShippedCqlWithEveryLibraryItIncludes() {
        List<Library> elm = PrecompiledElm.forSources(shippedSources()).orElseThrow();

        assertThat(elm)
                .extracting(library -> library.getIdentifier().getId())
                .containsExactlyInAnyOrder("FHIRHelpers", "HSGCommon", "HSGEligibility");
    }

    @Test
    void bundledElmIsNotUsedOnceAnyLibraryIsEdited() {
        Map<String, String> sources = shippedSources();
        sources.compute("HSGCommon", (name, text) -> text + "\n// edited\n");

        assertThat(PrecompiledElm.forSources(sources)).isEmpty();
    }

    @Test
    void bundledElmIsNotUsedForAnotherSetOfLibraries() {
        Map<String, String> sources = shippedSources();
        sources.remove("HSGCommon");

        assertThat(PrecompiledElm.forSources(sources)).isEmpty();
    }

    /** What {@code GET /fhir/Library/{id}} publishes does not depend on whether the ELM was bundled or translated. */
    @Test
    void publishedLibrariesAreTheSameFromBundledElmAsFromTranslatedCql() {
        PublishedKnowledge bundled = content.knowledge();
        assertThat(bundled.libraries())
                .extracting(PublishedKnowledge.PublishedLibrary::name)
                .containsExactly("HSGCommon", "HSGEligibility");
        assertThat(bundled.libraries().get(1).elmJson())
                .isEqualTo(ContentLoader.read("classpath:elm/HSGEligibility.json")
                        .values()
                        .iterator()
                        .next());
        assertThat(translated.knowledge()).isEqualTo(bundled);
    }

    static Stream<Path> scenarios() {
        return Scenario.files(Path.of("src/test/resources/scenarios")).stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void rulesGiveTheSameValuesFromBundledElmAsFromTranslatedCql(Path file) {
        Scenario scenario = Scenario.load(file, TODAY);
        List<Resource> resources = new ArrayList<>();
        for (var json : scenario.resources()) {
            try {
                resources.add((Resource) FHIR.newJsonParser().parseResource(json.toString()));
            } catch (DataFormatException e) {
                // Scenarios of unreadable data: the service answers those before the rules run.
            }
        }
        PatientRecord record = PatientRecord.of(Scenario.PATIENT_ID, resources);

        RuleResults elm = fromBundledElm.evaluate(record, scenario.plannedDate(), TODAY);
        RuleResults cql = fromTranslatedCql.evaluate(record, scenario.plannedDate(), TODAY);

        assertThat(rendered(elm)).isEqualTo(rendered(cql)).isNotEmpty();
    }

    private static Map<String, String> rendered(RuleResults results) {
        Map<String, String> byExpression = new TreeMap<>();
        content.ruleExpressions()
                .forEach(expression -> byExpression.put(expression, render(results.value(expression))));
        return byExpression;
    }

    private static String render(Object value) {
        if (value instanceof Resource resource) {
            return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        }
        if (value instanceof Iterable<?> items) {
            List<String> rendered = new ArrayList<>();
            items.forEach(item -> rendered.add(render(item)));
            return rendered.toString();
        }
        return String.valueOf(value);
    }

    private static Map<String, String> shippedSources() {
        return new TreeMap<>(ContentLoader.cqlSources("file:./"));
    }
}
