package org.hsgcds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.ParameterDefinition;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hsgcds.content.ContentException;
import org.hsgcds.content.PublishedKnowledge;
import org.hsgcds.content.PublishedKnowledge.PublishedLibrary;

/**
 * One content version's knowledge artifacts as FHIR R4 resources: a {@code Library} per CQL library (id = the
 * library's name, e.g. {@code HSGEligibility}, {@code HSGCommon}), the value sets by their {@code id}, and the
 * server's {@code CapabilityStatement}. Built once per content version; the resources are never changed after.
 */
final class FhirKnowledge {

    /** The canonical base of this project's artifacts (the value sets' URLs use it too). */
    static final String CANONICAL_BASE = "http://hsg-cds.org/fhir/";
    /** Where CQL's FHIRHelpers is published (the CQF common library). */
    static final String FHIR_HELPERS = "http://fhir.org/guides/cqf/common/Library/FHIRHelpers";

    static final String CQL = "text/cql";
    static final String ELM_JSON = "application/elm+json";
    private static final String LIBRARY_TYPE = "http://terminology.hl7.org/CodeSystem/library-type";

    private final Map<String, Library> libraries;
    private final Map<String, ValueSet> valueSets;
    private final CapabilityStatement capabilities;

    FhirKnowledge(PublishedKnowledge published, Instant loadedAt, FhirContext fhir) {
        Map<String, Library> byId = new LinkedHashMap<>();
        List<String> ours =
                published.libraries().stream().map(PublishedLibrary::name).toList();
        for (PublishedLibrary library : published.libraries()) {
            byId.put(library.name(), library(library, ours));
        }
        Map<String, ValueSet> sets = new LinkedHashMap<>();
        for (var entry : published.valueSetsById().entrySet()) {
            try {
                sets.put(entry.getKey(), fhir.newJsonParser().parseResource(ValueSet.class, entry.getValue()));
            } catch (DataFormatException e) {
                throw new ContentException(
                        "Value set " + entry.getKey() + " is not a FHIR R4 ValueSet: " + e.getMessage(), e);
            }
        }
        this.libraries = Collections.unmodifiableMap(byId);
        this.valueSets = Collections.unmodifiableMap(sets);
        this.capabilities = capabilityStatement(loadedAt);
    }

    Optional<Resource> read(String type, String id) {
        return switch (type) {
            case "Library" -> Optional.ofNullable(libraries.get(id));
            case "ValueSet" -> Optional.ofNullable(valueSets.get(id));
            default -> Optional.empty();
        };
    }

    CapabilityStatement capabilities() {
        return capabilities;
    }

    java.util.Set<String> libraryIds() {
        return libraries.keySet();
    }

    java.util.Set<String> valueSetIds() {
        return valueSets.keySet();
    }

    static boolean isServed(String type) {
        return "Library".equals(type) || "ValueSet".equals(type);
    }

    private static Library library(PublishedLibrary source, List<String> ours) {
        Library library = new Library();
        library.setId(source.name());
        library.setUrl(CANONICAL_BASE + "Library/" + source.name());
        library.setVersion(source.version());
        library.setName(source.name());
        library.setTitle(source.name());
        library.setStatus(Enumerations.PublicationStatus.ACTIVE);
        library.setExperimental(false);
        library.setType(new CodeableConcept(new Coding(LIBRARY_TYPE, "logic-library", "Logic Library")));
        library.setDescription(description(source));
        library.setText(narrative("CQL logic library " + source.name() + " version " + source.version() + ": "
                + source.valueSets().size() + " value sets, "
                + source.retrieves().size()
                + " data requirements; the CQL and its ELM are the content."));
        for (var included : source.includes()) {
            String canonical = ours.contains(included.name())
                    ? CANONICAL_BASE + "Library/" + included.name()
                    : "FHIRHelpers".equals(included.name())
                            ? FHIR_HELPERS
                            : CANONICAL_BASE + "Library/" + included.name();
            library.addRelatedArtifact()
                    .setType(RelatedArtifact.RelatedArtifactType.DEPENDSON)
                    .setDisplay("Library " + included.name())
                    .setResource(canonical + (included.version() == null ? "" : "|" + included.version()));
        }
        for (var codeSystem : source.codeSystems()) {
            library.addRelatedArtifact()
                    .setType(RelatedArtifact.RelatedArtifactType.DEPENDSON)
                    .setDisplay("Code system " + codeSystem.name())
                    .setResource(codeSystem.url());
        }
        for (var valueSet : source.valueSets()) {
            library.addRelatedArtifact()
                    .setType(RelatedArtifact.RelatedArtifactType.DEPENDSON)
                    .setDisplay("Value set " + valueSet.name())
                    .setResource(valueSet.url());
        }
        for (var parameter : source.parameters()) {
            String type = fhirType(parameter.type());
            if (type != null) {
                library.addParameter()
                        .setName(parameter.name())
                        .setUse(ParameterDefinition.ParameterUse.IN)
                        .setMin(0)
                        .setMax("1")
                        .setType(type);
            }
        }
        for (var retrieve : source.retrieves()) {
            DataRequirement requirement = library.addDataRequirement().setType(retrieve.type());
            if (retrieve.profile() != null) {
                requirement.addProfile(retrieve.profile());
            }
            if (retrieve.valueSet() != null) {
                requirement.addCodeFilter().setPath(retrieve.codePath()).setValueSet(retrieve.valueSet());
            } else if (!retrieve.codes().isEmpty()) {
                var filter = requirement.addCodeFilter().setPath(retrieve.codePath());
                retrieve.codes().forEach(c -> filter.addCode(new Coding(c.system(), c.code(), c.display())));
            }
        }
        library.addContent(attachment(CQL, source.name() + ".cql", source.cql()));
        library.addContent(attachment(ELM_JSON, source.name() + ".json", source.elmJson()));
        return library;
    }

    /** The comment lines right under the CQL's {@code library} declaration, or a plain sentence. */
    private static String description(PublishedLibrary source) {
        List<String> lines = new ArrayList<>();
        boolean afterHeader = false;
        for (String line : source.cql().lines().toList()) {
            String trimmed = line.trim();
            if (!afterHeader) {
                afterHeader = trimmed.startsWith("library ");
                continue;
            }
            if (trimmed.startsWith("//")) {
                lines.add(trimmed.substring(2).trim());
            } else if (!trimmed.isEmpty() || !lines.isEmpty()) {
                break;
            }
        }
        String plain = "CQL library " + source.name() + " version " + source.version() + " of hsg-cds.";
        return lines.isEmpty() ? plain : plain + " " + String.join(" ", lines);
    }

    private static String fhirType(String cqlSystemType) {
        if (cqlSystemType == null) {
            return null;
        }
        return switch (cqlSystemType) {
            case "Boolean" -> "boolean";
            case "Integer" -> "integer";
            case "Decimal" -> "decimal";
            case "String" -> "string";
            case "Date" -> "date";
            case "DateTime" -> "dateTime";
            case "Time" -> "time";
            case "Quantity" -> "Quantity";
            default -> null;
        };
    }

    /** A generated narrative of one sentence, escaped as text (dom-6: a resource should have one). */
    static Narrative narrative(String sentence) {
        String text = sentence.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + text + "</p></div>");
        return narrative;
    }

    private static Attachment attachment(String contentType, String title, String text) {
        return new Attachment()
                .setContentType(contentType)
                .setTitle(title)
                .setData(text.getBytes(StandardCharsets.UTF_8));
    }

    private static CapabilityStatement capabilityStatement(Instant loadedAt) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setId("hsg-cds-knowledge");
        statement.setUrl(CANONICAL_BASE + "CapabilityStatement/hsg-cds-knowledge");
        statement.setName("HsgCdsKnowledge");
        statement.setTitle("hsg-cds knowledge artifacts (read-only)");
        statement.setStatus(Enumerations.PublicationStatus.ACTIVE);
        statement.setExperimental(false);
        statement.setDateElement(
                new DateTimeType(Date.from(loadedAt), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone("UTC")));
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.setText(narrative("Read-only FHIR R4 server: read of Library and ValueSet, in JSON or XML."));
        statement.setDescription("The CQL libraries of the HSG eligibility rules as FHIR Library resources"
                + " and the value sets they use, read-only.");
        statement.getImplementation().setDescription("hsg-cds: HSG eligibility rules as FHIR knowledge artifacts");
        statement.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        statement.addFormat("json");
        statement.addFormat("xml");
        var rest = statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        for (String type : List.of("Library", "ValueSet")) {
            rest.addResource()
                    .setType(type)
                    .setProfile("http://hl7.org/fhir/StructureDefinition/" + type)
                    .addInteraction()
                    .setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        }
        return statement;
    }
}
