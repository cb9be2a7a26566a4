package org.hsgcds.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the loaded content publishes as FHIR knowledge artifacts ({@code GET /fhir/Library/{id}},
 * {@code GET /fhir/ValueSet/{id}}), in project types: each library of {@code cql/} with its CQL, its ELM (the ELM
 * bundled at build time when that is what was loaded, else the translation written the same way), what it includes,
 * the value sets, code systems and parameters it declares and what its retrieves read; and the value set files as
 * shipped, by their {@code id}. Read off the ELM, not written by hand, so a new value set or retrieve in the CQL
 * appears here by itself.
 */
public record PublishedKnowledge(List<PublishedLibrary> libraries, Map<String, String> valueSetsById) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR_NS = "{http://hl7.org/fhir}";
    private static final String ELM_TYPES = "{urn:hl7-org:elm-types:r1}";

    public PublishedKnowledge {
        libraries = List.copyOf(libraries);
        valueSetsById = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valueSetsById));
    }

    /** One CQL library: its source and ELM as text, and what it declares and reads. */
    public record PublishedLibrary(
            String name,
            String version,
            String cql,
            String elmJson,
            List<Included> includes,
            List<Declared> valueSets,
            List<Declared> codeSystems,
            List<Parameter> parameters,
            List<Retrieve> retrieves) {
        public PublishedLibrary {
            includes = List.copyOf(includes);
            valueSets = List.copyOf(valueSets);
            codeSystems = List.copyOf(codeSystems);
            parameters = List.copyOf(parameters);
            retrieves = List.copyOf(retrieves);
        }
    }

    /** {@code include <name> version '<version>'}. */
    public record Included(String name, String version) {}

    /** A value set or code system the library declares: its CQL name and canonical URL. */
    public record Declared(String name, String url) {}

    /** A CQL parameter; {@code type} is the CQL system type's name ({@code Date}, {@code Integer}, ...), or null for another type. */
    public record Parameter(String name, String type, boolean hasDefault) {}

    /**
     * One kind of retrieve: a FHIR resource type and its profile, and the code filter if there is one: the
     * property, and the value set or the codes it must match. Neither: every resource of the type.
     */
    public record Retrieve(String type, String profile, String codePath, String valueSet, List<Code> codes) {
        public Retrieve {
            codes = List.copyOf(codes);
        }
    }

    /** A direct-reference code. */
    public record Code(String system, String code, String display) {}

    /**
     * @param cqlByName the CQL sources by library name
     * @param elmByName the ELM JSON of (at least) those libraries by name
     * @param valueSetFiles the value set files by file name, as read
     */
    static PublishedKnowledge of(
            Map<String, String> cqlByName, Map<String, String> elmByName, Map<String, String> valueSetFiles) {
        Map<String, JsonNode> elm = new TreeMap<>();
        for (String name : new TreeMap<>(cqlByName).keySet()) {
            String text = elmByName.get(name);
            if (text == null) {
                throw new ContentException("No ELM for CQL library " + name);
            }
            elm.put(name, tree("the ELM of " + name, text).path("library"));
        }
        List<PublishedLibrary> libraries = new ArrayList<>();
        for (var entry : elm.entrySet()) {
            libraries.add(library(entry.getKey(), cqlByName.get(entry.getKey()), elmByName.get(entry.getKey()), elm));
        }
        Map<String, String> valueSets = new TreeMap<>();
        for (var file : valueSetFiles.entrySet()) {
            String id = tree(file.getKey(), file.getValue()).path("id").asText("");
            if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
                throw new ContentException("Value set " + file.getKey() + " has no valid id");
            }
            if (valueSets.put(id, file.getValue()) != null) {
                throw new ContentException("Value set id " + id + " is used by two files");
            }
        }
        return new PublishedKnowledge(libraries, valueSets);
    }

    private static PublishedLibrary library(String name, String cql, String elmText, Map<String, JsonNode> all) {
        JsonNode library = all.get(name);
        List<Included> includes = new ArrayList<>();
        for (JsonNode def : library.path("includes").path("def")) {
            includes.add(new Included(def.path("path").asText(), text(def, "version")));
        }
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode def : library.path("parameters").path("def")) {
            String type = def.path("parameterTypeSpecifier").path("name").asText("");
            parameters.add(new Parameter(
                    def.path("name").asText(),
                    type.startsWith(ELM_TYPES) ? type.substring(ELM_TYPES.length()) : null,
                    def.has("default")));
        }
        Set<Retrieve> retrieves = new LinkedHashSet<>();
        for (JsonNode node : library.findParents("type")) {
            if ("Retrieve".equals(node.path("type").asText())) {
                retrieves.add(retrieve(library, node, all));
            }
        }
        List<Retrieve> sorted = new ArrayList<>(retrieves);
        sorted.sort(java.util.Comparator.comparing(Retrieve::type)
                .thenComparing(r -> Objects.toString(r.valueSet(), ""))
                .thenComparing(r -> r.codes().toString()));
        return new PublishedLibrary(
                library.path("identifier").path("id").asText(name),
                text(library.path("identifier"), "version"),
                cql,
                elmText,
                includes,
                declared(library, "valueSets"),
                declared(library, "codeSystems"),
                parameters,
                sorted);
    }

    private static Retrieve retrieve(JsonNode library, JsonNode retrieve, Map<String, JsonNode> all) {
        String type = retrieve.path("dataType").asText().replace(FHIR_NS, "");
        String profile = text(retrieve, "templateId");
        JsonNode filter = retrieve.path("codes");
        if (filter.isMissingNode()) {
            return new Retrieve(type, profile, null, null, List.of());
        }
        String path = retrieve.path("codeProperty").asText("code");
        if ("ValueSetRef".equals(filter.path("type").asText())) {
            JsonNode def = definition(library, filter, "valueSets", all);
            if (def != null) {
                return new Retrieve(type, profile, path, def.path("id").asText(), List.of());
            }
        }
        List<JsonNode> codeRefs = new ArrayList<>();
        if ("ToList".equals(filter.path("type").asText())) {
            codeRefs.add(filter.path("operand"));
        } else if ("List".equals(filter.path("type").asText())) {
            filter.path("element").forEach(codeRefs::add);
        } else if ("CodeRef".equals(filter.path("type").asText())) {
            codeRefs.add(filter);
        }
        List<Code> codes = new ArrayList<>();
        for (JsonNode ref : codeRefs) {
            JsonNode code = "CodeRef".equals(ref.path("type").asText()) ? definition(library, ref, "codes", all) : null;
            if (code == null) {
                // A filter computed some other way: published as "every resource of the type", never narrower.
                return new Retrieve(type, profile, null, null, List.of());
            }
            JsonNode owner = owner(library, ref, all);
            JsonNode system = named(
                    owner, "codeSystems", code.path("codeSystem").path("name").asText());
            codes.add(new Code(
                    system == null ? null : system.path("id").asText(),
                    code.path("id").asText(),
                    text(code, "display")));
        }
        return codes.isEmpty()
                ? new Retrieve(type, profile, null, null, List.of())
                : new Retrieve(type, profile, path, null, codes);
    }

    /** The definition a reference names, in this library or the included one its {@code libraryName} names. */
    private static JsonNode definition(JsonNode library, JsonNode ref, String section, Map<String, JsonNode> all) {
        JsonNode owner = owner(library, ref, all);
        return owner == null ? null : named(owner, section, ref.path("name").asText());
    }

    private static JsonNode owner(JsonNode library, JsonNode ref, Map<String, JsonNode> all) {
        if (!ref.has("libraryName")) {
            return library;
        }
        for (JsonNode include : library.path("includes").path("def")) {
            if (ref.path("libraryName")
                    .asText()
                    .equals(include.path("localIdentifier").asText())) {
                return all.get(include.path("path").asText());
            }
        }
        return null;
    }

    private static JsonNode named(JsonNode library, String section, String name) {
        for (JsonNode def : library.path(section).path("def")) {
            if (name.equals(def.path("name").asText())) {
                return def;
            }
        }
        return null;
    }

    private static List<Declared> declared(JsonNode library, String section) {
        List<Declared> declared = new ArrayList<>();
        for (JsonNode def : library.path(section).path("def")) {
            declared.add(new Declared(def.path("name").asText(), def.path("id").asText()));
        }
        return declared;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static JsonNode tree(String what, String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new ContentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
