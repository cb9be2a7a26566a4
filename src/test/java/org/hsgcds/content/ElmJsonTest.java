package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.FunctionRef;
import org.hl7.elm.r1.Library;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.Test;

/**
 * Every function call the engine runs is a call site equal only to itself, whether the ELM was bundled at build
 * time or translated at start-up, and each call still carries the signature that lets the engine resolve it once.
 */
class ElmJsonTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void everyFunctionCallOfTheBundledElmIsACallSiteWithASignature() {
        List<FunctionRef> calls = functionCalls(ShippedContent.get());

        assertThat(calls).hasSizeGreaterThan(100).allSatisfy(call -> {
            assertThat(call).isInstanceOf(ElmJson.CallSite.class);
            assertThat(call.getSignature()).hasSameSizeAs(call.getOperand());
        });
    }

    @Test
    void translatedCqlIsReadBackIntoCallSitesToo() {
        List<FunctionRef> calls =
                functionCalls(ContentLoader.strictTranslatingCql(FHIR).load("file:./"));

        assertThat(calls).hasSizeGreaterThan(100).allMatch(ElmJson.CallSite.class::isInstance);
    }

    @Test
    void twoCallsOfOneFunctionWithTheSameArgumentsAreStillTwoCallSites() throws Exception {
        String elm = """
                {"library": {"identifier": {"id": "T"}, "statements": {"def": [
                  {"name": "a", "expression": {"type": "FunctionRef", "name": "F",
                    "operand": [{"type": "Literal", "valueType": "{urn:hl7-org:elm-types:r1}Integer", "value": "1"}]}},
                  {"name": "b", "expression": {"type": "FunctionRef", "name": "F",
                    "operand": [{"type": "Literal", "valueType": "{urn:hl7-org:elm-types:r1}Integer", "value": "1"}]}}
                ]}}}
                """;
        Library library = ElmJson.read(elm);
        var a = library.getStatements().getDef().get(0).getExpression();
        var b = library.getStatements().getDef().get(1).getExpression();

        assertThat(a).isInstanceOf(ElmJson.CallSite.class).isNotEqualTo(b);
        assertThat(Set.of(a)).contains(library.getStatements().getDef().get(0).getExpression());
        assertThat(Set.of(a, b)).hasSize(2);
        // The engine's own class compares by value: the reason for call sites.
        assertThat(new FunctionRef().withName("F")).isEqualTo(new FunctionRef().withName("F"));
    }

    private static List<FunctionRef> functionCalls(CompiledContent content) {
        List<FunctionRef> calls = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        content.libraryManager().getCompiledLibraries().values().forEach(c -> collect(c.getLibrary(), calls, seen));
        return calls;
    }

    /** Walks the ELM objects by their fields (the generated classes share no child accessor). */
    private static void collect(Object node, List<FunctionRef> calls, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Iterable<?> children) {
            children.forEach(child -> collect(child, calls, seen));
            return;
        }
        if (!(node instanceof Element)
                && !(node instanceof Library)
                && !node.getClass().getPackageName().equals("org.hl7.elm.r1")) {
            return;
        }
        if (node instanceof FunctionRef call) {
            calls.add(call);
        }
        for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (var field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
                        || field.getType().isPrimitive()
                        || field.getType().isEnum()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    collect(field.get(node), calls, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a field of a JDK type: not ELM
                }
            }
        }
    }
}
