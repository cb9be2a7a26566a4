package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads FHIR ValueSet resources into a {@link ValueSetIndex}. Members are the enumerated concepts,
 * the expansion's contents and the ICD-10-CM is-a families (matched by prefix). A SNOMED CT is-a
 * filter is accepted only with a shipped expansion that lists its root: there is no SNOMED hierarchy
 * here, so the expansion is what the filter means. With a terminology server, a value set the server
 * expands takes the server's expansion instead of the shipped one.
 */
final class ValueSetLoader {

    static final String SNOMED = "http://snomed.info/sct";
    private static final Logger log = LoggerFactory.getLogger(ValueSetLoader.class);

    private final FhirContext fhirContext;
    private final TerminologyServer terminologyServer;

    ValueSetLoader(FhirContext fhirContext) {
        this(fhirContext, null);
    }

    /** {@code terminologyServer} may be null: the shipped expansions are then used. */
    ValueSetLoader(FhirContext fhirContext, TerminologyServer terminologyServer) {
        this.fhirContext = fhirContext;
        this.terminologyServer = terminologyServer;
    }

    ValueSetIndex load(Map<String, String> jsonByFileName) {
        Map<String, ValueSetIndex.Members> byUrl = new HashMap<>();
        Set<String> notExpanded = new TreeSet<>();
        int expandedByServer = 0;
        boolean serverReachable = terminologyServer != null;
        for (Map.Entry<String, String> file : jsonByFileName.entrySet()) {
            String fileName = file.getKey();
            ValueSet valueSet = parse(fileName, file.getValue());
            if (!valueSet.hasUrl()) {
                throw new ContentException("Value set " + fileName + " has no url");
            }
            Definition definition = definition(fileName, valueSet);
            Set<String> expansion = definition.shippedExpansion();
            if (serverReachable) {
                TerminologyServer.Answer answer = terminologyServer.expand(valueSet.getUrl());
                if (answer.expansion().isPresent()) {
                    expansion = answer.expansion().get();
                    expandedByServer++;
                } else {
                    notExpanded.add(valueSet.getUrl());
                    serverReachable = !answer.unreachable();
                }
            }
            ValueSetIndex.Members members = definition.members(expansion);
            if (members.systemAndCodes().isEmpty() && members.icd10cmPrefixes().isEmpty()) {
                throw new ContentException("Value set " + fileName + " contains no codes");
            }
            if (byUrl.put(valueSet.getUrl(), members) != null) {
                throw new ContentException("Value set url " + valueSet.getUrl() + " is defined twice");
            }
        }
        if (terminologyServer != null && !serverReachable) {
            log.warn(
                    "Terminology server {} is unreachable; using the shipped expansions for {} of {} value sets",
                    terminologyServer.base(),
                    jsonByFileName.size() - expandedByServer,
                    jsonByFileName.size());
        } else if (terminologyServer != null && !notExpanded.isEmpty()) {
            log.warn(
                    "Terminology server {} did not expand {} of {} value sets {}; using the shipped expansions for them",
                    terminologyServer.base(),
                    notExpanded.size(),
                    jsonByFileName.size(),
                    notExpanded);
        }
        return new ValueSetIndex(byUrl);
    }

    private ValueSet parse(String fileName, String json) {
        try {
            return fhirContext.newJsonParser().parseResource(ValueSet.class, json);
        } catch (DataFormatException | ClassCastException e) {
            throw new ContentException(
                    "Value set " + fileName + " is not a valid FHIR R4 ValueSet: " + e.getMessage(), e);
        }
    }

    /** What a file defines: enumerated codes, ICD-10-CM prefixes, excluded codes and the shipped expansion. */
    private record Definition(
            Set<String> enumerated, List<String> icdPrefixes, Set<String> excluded, Set<String> shippedExpansion) {

        ValueSetIndex.Members members(Set<String> expansion) {
            Set<String> codes = new HashSet<>(enumerated);
            codes.addAll(expansion);
            codes.removeAll(excluded);
            return new ValueSetIndex.Members(codes, icdPrefixes);
        }
    }

    private static Definition definition(String fileName, ValueSet valueSet) {
        Set<String> expansion = new HashSet<>();
        for (ValueSet.ValueSetExpansionContainsComponent contains :
                valueSet.getExpansion().getContains()) {
            if (!contains.hasSystem() || !contains.hasCode()) {
                throw new ContentException(
                        "Value set " + fileName + " has an expansion entry without a system or code");
            }
            expansion.add(contains.getSystem() + "|" + contains.getCode());
        }
        Set<String> codes = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            String system = system(fileName, include);
            include.getConcept().forEach(concept -> codes.add(system + "|" + concept.getCode()));
            for (ValueSet.ConceptSetFilterComponent filter : include.getFilter()) {
                String root = isaValue(fileName, system, filter);
                if (SNOMED.equals(system)) {
                    requireInExpansion(fileName, valueSet, expansion, system, root);
                } else {
                    prefixes.add(ValueSetIndex.Members.normalizeIcd(root));
                }
            }
        }
        Set<String> excluded = new HashSet<>();
        for (ValueSet.ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            String system = system(fileName, exclude);
            if (!SNOMED.equals(system)) {
                throw new ContentException(
                        "Value set " + fileName + ": compose.exclude is supported for SNOMED CT only, found " + system);
            }
            exclude.getConcept().forEach(concept -> excluded.add(system + "|" + concept.getCode()));
            for (ValueSet.ConceptSetFilterComponent filter : exclude.getFilter()) {
                excluded.add(system + "|" + isaValue(fileName, system, filter));
            }
        }
        for (String code : excluded) {
            if (expansion.contains(code) || codes.contains(code)) {
                throw new ContentException("Value set " + fileName + " both includes and excludes " + code);
            }
        }
        return new Definition(codes, prefixes, excluded, expansion);
    }

    private static String system(String fileName, ValueSet.ConceptSetComponent component) {
        String system = component.getSystem();
        if (system == null || system.isBlank()) {
            throw new ContentException("Value set " + fileName + " has an include or exclude without a system");
        }
        return system;
    }

    private static void requireInExpansion(
            String fileName, ValueSet valueSet, Set<String> expansion, String system, String root) {
        if (!valueSet.hasExpansion()) {
            throw new ContentException("Value set " + fileName + ": SNOMED CT is-a filter on " + root
                    + " needs a shipped expansion (there is no SNOMED CT hierarchy offline)");
        }
        if (!expansion.contains(system + "|" + root)) {
            throw new ContentException(
                    "Value set " + fileName + ": SNOMED CT is-a root " + root + " is missing from its expansion");
        }
    }

    /** The value of a "concept is-a" filter on ICD-10-CM or SNOMED CT; anything else is refused. */
    private static String isaValue(String fileName, String system, ValueSet.ConceptSetFilterComponent filter) {
        String op = filter.getOp() == null ? "" : filter.getOp().toCode();
        boolean hierarchical =
                "is-a".equals(op) || ("descendent-of".equals(op) && ValueSetIndex.ICD10CM.equals(system));
        boolean supportedSystem = ValueSetIndex.ICD10CM.equals(system) || SNOMED.equals(system);
        if (!supportedSystem || !hierarchical || !"concept".equals(filter.getProperty())) {
            throw new ContentException("Value set " + fileName
                    + ": only ICD-10-CM and SNOMED CT 'concept is-a' filters are supported, found " + system + " "
                    + filter.getProperty() + " " + op);
        }
        String value = filter.getValue();
        if (value == null || value.isBlank()) {
            throw new ContentException("Value set " + fileName + ": is-a filter without a value");
        }
        return value.trim();
    }

    /** Expands value sets by canonical url; an empty answer means "use the shipped expansion". */
    interface TerminologyServer {

        /** The server's base URL, for the log line. */
        String base();

        Answer expand(String canonicalUrl);

        /** The expansion ("system|code") when the server gave one; unreachable stops further calls. */
        record Answer(Optional<Set<String>> expansion, boolean unreachable) {}
    }
}
