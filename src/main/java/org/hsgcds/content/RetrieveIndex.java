package org.hsgcds.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources the rules can ever retrieve, read off the compiled ELM: per resource type, either
 * every resource (a retrieve without a code filter) or those whose {@code code} has a coding in one of
 * the value sets or codes the retrieves name. Resources outside it cannot reach any expression, so they
 * need not be parsed or indexed. Built from the ELM, not written by hand, so a new rule that retrieves
 * more widens it automatically.
 */
public final class RetrieveIndex {

    private final Map<String, Filter> byType;

    RetrieveIndex(Map<String, Filter> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The filter per resource type (for tests that compare two ways of building the index). */
    Map<String, Filter> filters() {
        return byType;
    }

    /**
     * The {@code system|code} pairs a resource of this type must carry in {@code code} for any retrieve to
     * reach it; empty when every resource of the type can be reached (a retrieve without a code filter, or
     * an ICD-10-CM family, which a code list cannot spell out). A prefetch template narrowed by code must
     * list exactly these.
     */
    public java.util.Optional<Set<String>> codes(String type) {
        Filter filter = byType.get(type);
        if (filter == null) {
            return java.util.Optional.of(Set.of());
        }
        if (filter.everything()
                || filter.uncodedOnly()
                || !filter.members().icd10cmPrefixes().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(filter.members().systemAndCodes());
    }

    /**
     * The {@code system|code} pairs the coded retrieves of this type name, even when another retrieve of the type
     * reads every resource (records in text or local codes are read by their words, RULES.md v3): what a prefetch
     * template narrowed by code asks the EHR for. Empty when a coded retrieve names an ICD-10-CM family.
     */
    public java.util.Optional<Set<String>> codedMembers(String type) {
        Filter filter = byType.get(type);
        if (filter == null) {
            return java.util.Optional.of(Set.of());
        }
        if (!filter.members().icd10cmPrefixes().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(filter.members().systemAndCodes());
    }

    /** @param resource a FHIR resource as JSON */
    public boolean isRetrievable(JsonNode resource) {
        Filter filter = byType.get(resource.path("resourceType").asText());
        if (filter == null) {
            return false;
        }
        if (filter.everything()) {
            return true;
        }
        boolean standardCoding = false;
        for (JsonNode coding : resource.path("code").path("coding")) {
            String system = coding.path("system").asText(null);
            String code = coding.path("code").asText(null);
            if (system != null && code != null && filter.members().contains(system, code)) {
                return true;
            }
            standardCoding |= system != null && filter.standardSystems().contains(system);
        }
        return filter.uncodedOnly() && !standardCoding;
    }

    /**
     * Every resource of the type ({@code everything}), or those coded in one of the value sets or codes,
     * merged into one set of members so a coding is looked up once, not once per value set; with
     * {@code uncodedOnly}, also those with no coding in one of the {@code standardSystems} (the only retrieves
     * without a code filter read records in text or local codes only, see {@link UncodedGuard}).
     */
    record Filter(
            boolean everything,
            boolean uncodedOnly,
            Set<String> standardSystems,
            Set<String> valueSets,
            Set<String> codes,
            ValueSetIndex.Members members) {}

    /** Collects the retrieves of compiled libraries, given as ELM JSON trees. */
    static final class Builder {

        private static final String FHIR_NS = "{http://hl7.org/fhir}";
        private final Map<String, Boolean> everything = new HashMap<>();
        private final Map<String, Set<String>> valueSets = new HashMap<>();
        private final Map<String, Set<String>> codes = new HashMap<>();
        /** Per type, the libraries whose standard-coding function guards a retrieve without a code filter. */
        private final Map<String, Set<String>> guardedBy = new HashMap<>();

        private final Map<String, Set<String>> standardSystemsByLibrary = new HashMap<>();

        Builder add(JsonNode library) {
            UncodedGuard guard = new UncodedGuard(library);
            guard.standardSystems().ifPresent(systems -> standardSystemsByLibrary.put(guard.libraryName(), systems));
            for (JsonNode retrieve : library.findParents("type")) {
                if ("Retrieve".equals(retrieve.path("type").asText())) {
                    java.util.Optional<String> guardLibrary = guard.guardingLibrary(retrieve);
                    if (guardLibrary.isPresent()) {
                        String type = retrieve.path("dataType").asText().replace(FHIR_NS, "");
                        valueSets.computeIfAbsent(type, t -> new HashSet<>());
                        codes.computeIfAbsent(type, t -> new HashSet<>());
                        guardedBy.computeIfAbsent(type, t -> new HashSet<>()).add(guardLibrary.get());
                    } else {
                        addRetrieve(library, retrieve);
                    }
                }
            }
            return this;
        }

        private void addRetrieve(JsonNode library, JsonNode retrieve) {
            String type = retrieve.path("dataType").asText().replace(FHIR_NS, "");
            valueSets.computeIfAbsent(type, t -> new HashSet<>());
            codes.computeIfAbsent(type, t -> new HashSet<>());
            JsonNode filter = retrieve.path("codes");
            String codePath = retrieve.path("codeProperty").asText("code");
            boolean sameLibrary =
                    !filter.has("libraryName") && !filter.path("operand").has("libraryName");
            if (filter.isMissingNode() || !"code".equals(codePath) || !sameLibrary) {
                everything.put(type, true);
            } else if ("ValueSetRef".equals(filter.path("type").asText())) {
                valueSets
                        .get(type)
                        .add(def(library, "valueSets", filter.path("name").asText())
                                .path("id")
                                .asText());
            } else if ("ToList".equals(filter.path("type").asText())
                    && "CodeRef".equals(filter.path("operand").path("type").asText())) {
                JsonNode code = def(
                        library, "codes", filter.path("operand").path("name").asText());
                String system = def(
                                library,
                                "codeSystems",
                                code.path("codeSystem").path("name").asText())
                        .path("id")
                        .asText();
                codes.get(type).add(system + "|" + code.path("id").asText());
            } else {
                everything.put(type, true);
            }
        }

        private static JsonNode def(JsonNode library, String section, String name) {
            for (JsonNode def : library.path(section).path("def")) {
                if (name.equals(def.path("name").asText())) {
                    return def;
                }
            }
            throw new ContentException(
                    "Retrieve refers to " + section + " '" + name + "' that the library does not define");
        }

        RetrieveIndex build(ValueSetIndex index) {
            Map<String, Filter> byType = new HashMap<>();
            for (String type : valueSets.keySet()) {
                Set<String> members = new HashSet<>(codes.get(type));
                List<String> prefixes = new java.util.ArrayList<>();
                for (String url : valueSets.get(type)) {
                    members.addAll(index.members(url).systemAndCodes());
                    prefixes.addAll(index.members(url).icd10cmPrefixes());
                }
                Set<String> standardSystems = new HashSet<>();
                boolean uncodedOnly = guardedBy.containsKey(type);
                boolean all = everything.getOrDefault(type, false);
                for (String guardLibrary : guardedBy.getOrDefault(type, Set.of())) {
                    Set<String> systems = standardSystemsByLibrary.get(guardLibrary);
                    // A guard we cannot read, or two guards that call different systems standard: every resource
                    // of the type, never fewer.
                    if (systems == null || (!standardSystems.isEmpty() && !standardSystems.equals(systems))) {
                        all = true;
                    } else {
                        standardSystems.addAll(systems);
                    }
                }
                byType.put(
                        type,
                        new Filter(
                                all,
                                uncodedOnly && !all,
                                Set.copyOf(standardSystems),
                                Set.copyOf(valueSets.get(type)),
                                Set.copyOf(codes.get(type)),
                                new ValueSetIndex.Members(members, prefixes)));
            }
            return new RetrieveIndex(byType);
        }
    }
}
