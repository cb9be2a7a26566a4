package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.Test;

/**
 * The Observation prefetch asks for exactly the codes the rules' Observation retrieves can reach, read
 * off the compiled ELM and the loaded value sets (LMP, hCG, pregnancy status, menses and menstrual
 * status, cycle length, discharge check, and any added later): a code added to a value set without
 * the template would be data the EHR never sends, a code left in the template after it left the value
 * sets is data sent for nothing. The other keys are not narrowed: their retrieves include ICD-10-CM
 * families, which a code list cannot spell out. Since RULES.md v3 the rules also read Observations coded in text or
 * local codes by their words, whenever the EHR sends them; the template still asks for the standard codes, so that a
 * large record stays within the body limit ({@code LargeRecordTest}).
 */
class NarrowedPrefetchTest {

    @Test
    void observationTemplateListsExactlyTheCodesTheRulesRetrieve() {
        CompiledContent content = ShippedContent.get();
        Set<String> retrieved = new TreeSet<>(content.retrievable()
                .codedMembers("Observation")
                .orElseThrow(() -> new AssertionError(
                        "an Observation retrieve names an ICD-10-CM family: the prefetch cannot be narrowed")));
        String template = content.services().prefetch().get("observations");
        String expected = "Observation?patient={{context.patientId}}&code=" + String.join(",", retrieved);
        assertThat(codes(template))
                .as("fhir-resources/cds-services.json prefetch.observations should be%n%s", expected)
                .isEqualTo(retrieved);
    }

    private static Set<String> codes(String template) {
        String query = template.substring(template.indexOf('?') + 1);
        return Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("code="))
                .flatMap(p -> Arrays.stream(p.substring(5).split(",")))
                .map(c -> URLDecoder.decode(c, StandardCharsets.UTF_8))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
