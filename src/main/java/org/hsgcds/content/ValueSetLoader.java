package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;

/** Reads FHIR ValueSet resources (compose lists and expansions) into a {@link ValueSetIndex}. */
final class ValueSetLoader {

    private final FhirContext fhirContext;

    ValueSetLoader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    ValueSetIndex load(Map<String, String> jsonByFileName) {
        Map<String, ValueSetIndex.Members> byUrl = new HashMap<>();
        jsonByFileName.forEach((fileName, json) -> {
            ValueSet valueSet = parse(fileName, json);
            if (!valueSet.hasUrl()) {
                throw new ContentException("Value set " + fileName + " has no url");
            }
            ValueSetIndex.Members members = members(fileName, valueSet);
            if (members.systemAndCodes().isEmpty() && members.icd10cmPrefixes().isEmpty()) {
                throw new ContentException("Value set " + fileName + " contains no codes");
            }
            if (byUrl.put(valueSet.getUrl(), members) != null) {
                throw new ContentException("Value set url " + valueSet.getUrl() + " is defined twice");
            }
        });
        return new ValueSetIndex(byUrl);
    }

    private ValueSet parse(String fileName, String json) {
        try {
            return fhirContext.newJsonParser().parseResource(ValueSet.class, json);
        } catch (DataFormatException | ClassCastException e) {
            throw new ContentException("Value set " + fileName + " is not a valid FHIR R4 ValueSet: " + e.getMessage(), e);
        }
    }

    private static ValueSetIndex.Members members(String fileName, ValueSet valueSet) {
        Set<String> codes = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            String system = include.getSystem();
            if (system == null || system.isBlank()) {
                throw new ContentException("Value set " + fileName + " has an include without a system");
            }
            include.getConcept().forEach(concept -> codes.add(system + "|" + concept.getCode()));
            for (ValueSet.ConceptSetFilterComponent filter : include.getFilter()) {
                prefixes.add(icdPrefix(fileName, system, filter));
            }
        }
        for (ValueSet.ValueSetExpansionContainsComponent contains : valueSet.getExpansion().getContains()) {
            codes.add(contains.getSystem() + "|" + contains.getCode());
        }
        if (!valueSet.getCompose().getExclude().isEmpty()) {
            throw new ContentException("Value set " + fileName + ": compose.exclude is not supported");
        }
        return new ValueSetIndex.Members(codes, prefixes);
    }

    private static String icdPrefix(String fileName, String system, ValueSet.ConceptSetFilterComponent filter) {
        String op = filter.getOp() == null ? "" : filter.getOp().toCode();
        boolean hierarchical = "is-a".equals(op) || "descendent-of".equals(op);
        if (!ValueSetIndex.ICD10CM.equals(system) || !hierarchical || !"concept".equals(filter.getProperty())) {
            throw new ContentException("Value set " + fileName + ": only ICD-10-CM 'concept is-a' filters are supported, found "
                    + system + " " + filter.getProperty() + " " + op);
        }
        String value = filter.getValue();
        if (value == null || value.isBlank()) {
            throw new ContentException("Value set " + fileName + ": is-a filter without a value");
        }
        return ValueSetIndex.Members.normalizeIcd(value);
    }
}
