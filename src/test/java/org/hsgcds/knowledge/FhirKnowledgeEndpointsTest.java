package org.hsgcds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code GET /fhir/metadata}, {@code /fhir/Library/{id}} and {@code /fhir/ValueSet/{id}} over HTTP: every Library
 * (one per {@code cql/*.cql}), every ValueSet (one per {@code fhir-resources/valuesets/*.json}) and the
 * CapabilityStatement validate against the R4 core profiles with HAPI's instance validator (errors and fatal issues
 * fail, listed); the Libraries carry the CQL file, the build's ELM and the value sets and retrieves the CQL
 * declares, found here from the CQL text, not from the code under test.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FhirKnowledgeEndpointsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Pattern VALUESET = Pattern.compile("(?m)^valueset \"([^\"]+)\":\\s*'([^']+)'");
    private static final Pattern CODE = Pattern.compile("(?m)^code \"([^\"]+)\":\\s*'([^']+)'\\s+from\\s+\"([^\"]+)\"");
    private static final Pattern CODESYSTEM = Pattern.compile("(?m)^codesystem \"([^\"]+)\":\\s*'([^']+)'");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^include (\\w+) version '([^']+)'");
    private static final Pattern RETRIEVE = Pattern.compile("\\[(\\w+)\\s*:\\s*(?:\\w+\\.)?\"([^\"]+)\"\\s*]");
    private static final Map<ResultSeverityEnum, Integer> MESSAGES = new EnumMap<>(ResultSeverityEnum.class);
    private static final Map<String, Integer> WARNINGS = new java.util.TreeMap<>();
    private static FhirValidator validator;
    private static int validated;

    @Autowired
    TestRestTemplate http;

    @BeforeAll
    static void validator() {
        var support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR));
        validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
    }

    @AfterAll
    static void counts() {
        System.out.println("FhirKnowledgeEndpointsTest: resources validated: " + validated + "; messages by severity: "
                + MESSAGES);
        WARNINGS.forEach((message, count) -> System.out.println("  " + count + " x " + message));
    }

    @Test
    void everyLibraryValueSetAndTheCapabilityStatementValidate() throws IOException {
        List<String> errors = new ArrayList<>();
        validate("/fhir/metadata", errors);
        for (String library : cqlFiles().keySet()) {
            validate("/fhir/Library/" + library, errors);
        }
        List<String> valueSets = valueSetIds();
        for (String id : valueSets) {
            validate("/fhir/ValueSet/" + id, errors);
        }
        validate("/fhir/Library/NoSuchLibrary", errors); // the OperationOutcome
        assertThat(errors).as(String.join("\n", errors)).isEmpty();
        assertThat(valueSets).hasSizeGreaterThan(20);
    }

    @Test
    void theCapabilityStatementDeclaresReadOfLibraryAndValueSet() {
        ResponseEntity<String> answer = http.getForEntity("/fhir/metadata", String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/fhir+json");
        CapabilityStatement statement = FHIR.newJsonParser().parseResource(CapabilityStatement.class, answer.getBody());
        assertThat(statement.getStatus().toCode()).isEqualTo("active");
        assertThat(statement.getKind().toCode()).isEqualTo("instance");
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(statement.getFormat()).extracting(f -> f.getValue()).contains("json");
        assertThat(statement.getRest()).hasSize(1);
        var rest = statement.getRestFirstRep();
        assertThat(rest.getMode().toCode()).isEqualTo("server");
        assertThat(rest.getResource()).extracting(r -> r.getType()).containsExactlyInAnyOrder("Library", "ValueSet");
        for (var resource : rest.getResource()) {
            assertThat(resource.getInteraction())
                    .extracting(i -> i.getCode().toCode())
                    .containsExactly("read");
        }
    }

    @Test
    void eachLibraryCarriesItsCqlTheBuildsElmAndWhatTheCqlDeclares() throws IOException {
        Map<String, String> cql = cqlFiles();
        assertThat(cql).containsKeys("HSGEligibility", "HSGCommon");
        Map<String, String> valueSetUrlsByName = new HashMap<>();
        Map<String, String> codesByName = new HashMap<>();
        for (String text : cql.values()) {
            find(VALUESET, text).forEach(m -> valueSetUrlsByName.put(m.get(0), m.get(1)));
            find(CODE, text).forEach(m -> codesByName.put(m.get(0), m.get(1)));
        }
        for (var file : cql.entrySet()) {
            String name = file.getKey();
            String text = file.getValue();
            Library library = read("Library", name, Library.class);
            assertThat(library.getIdPart()).isEqualTo(name);
            assertThat(library.getName()).isEqualTo(name);
            assertThat(library.getUrl()).isEqualTo("http://hsg-cds.org/fhir/Library/" + name);
            assertThat(text).contains("library " + name + " version '" + library.getVersion() + "'");
            assertThat(library.getType().getCodingFirstRep().getCode()).isEqualTo("logic-library");

            assertThat(content(library, "text/cql")).as(name + " CQL").isEqualTo(text);
            String buildElm = Files.readString(Path.of("target/classes/elm/" + name + ".json"), StandardCharsets.UTF_8);
            assertThat(content(library, "application/elm+json"))
                    .as(name + " ELM equals target/classes/elm")
                    .isEqualTo(buildElm);

            Set<String> declaredValueSets =
                    find(VALUESET, text).stream().map(m -> m.get(1)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> declaredCodeSystems =
                    find(CODESYSTEM, text).stream().map(m -> m.get(1)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> includes = find(INCLUDE, text).stream()
                    .map(m -> m.get(0) + "|" + m.get(1))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> dependsOn = library.getRelatedArtifact().stream()
                    .filter(a -> a.getType() == RelatedArtifact.RelatedArtifactType.DEPENDSON)
                    .map(RelatedArtifact::getResource)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(dependsOn.stream().filter(r -> r.contains("/ValueSet/")).collect(Collectors.toSet()))
                    .as(name + " value sets")
                    .isEqualTo(declaredValueSets);
            assertThat(dependsOn).containsAll(declaredCodeSystems);
            assertThat(dependsOn.stream()
                            .filter(r -> r.contains("/Library/"))
                            .map(r -> r.substring(r.lastIndexOf('/') + 1))
                            .collect(Collectors.toSet()))
                    .as(name + " included libraries")
                    .isEqualTo(includes);
            assertThat(dependsOn).contains("http://fhir.org/guides/cqf/common/Library/FHIRHelpers|4.0.1");

            // Every [Type: "value set or code"] retrieve of the CQL is a data requirement, and nothing else.
            Set<String> retrieves = new TreeSet<>();
            for (List<String> m : find(RETRIEVE, text)) {
                String target = valueSetUrlsByName.containsKey(m.get(1))
                        ? valueSetUrlsByName.get(m.get(1))
                        : "code " + codesByName.get(m.get(1));
                retrieves.add(m.get(0) + " " + target);
            }
            Set<String> requirements = new TreeSet<>();
            for (DataRequirement requirement : library.getDataRequirement()) {
                for (var filter : requirement.getCodeFilter()) {
                    assertThat(filter.getPath()).isEqualTo("code");
                    if (filter.hasValueSet()) {
                        requirements.add(requirement.getType() + " " + filter.getValueSet());
                    }
                    filter.getCode().forEach(c -> requirements.add(requirement.getType() + " code " + c.getCode()));
                }
            }
            assertThat(requirements).as(name + " data requirements").isEqualTo(retrieves);
            for (String url : requirements) {
                String valueSet = url.substring(url.indexOf(' ') + 1);
                if (!valueSet.startsWith("code ")) {
                    assertThat(valueSetUrlsByName).containsValue(valueSet);
                }
            }
        }
        assertThat(read("Library", "HSGEligibility", Library.class).getDataRequirement())
                .hasSizeGreaterThan(20);
    }

    @Test
    void eachValueSetIsServedAsShipped() throws IOException {
        for (String id : valueSetIds()) {
            ValueSet served = read("ValueSet", id, ValueSet.class);
            ValueSet shipped = FHIR.newJsonParser()
                    .parseResource(
                            ValueSet.class,
                            Files.readString(
                                    Path.of("fhir-resources/valuesets/" + id + ".json"), StandardCharsets.UTF_8));
            assertThat(served.getIdPart()).isEqualTo(id);
            assertThat(served.equalsDeep(shipped)).as(id).isTrue();
        }
    }

    @Test
    void anUnknownIdOrTypeIsA404OperationOutcome() {
        for (String path : List.of("/fhir/Library/NoSuchLibrary", "/fhir/ValueSet/no-such-set", "/fhir/Patient/1")) {
            ResponseEntity<String> answer = http.getForEntity(path, String.class);
            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/fhir+json");
            OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.getBody());
            assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(outcome.getIssueFirstRep().getCode())
                    .isIn(OperationOutcome.IssueType.NOTFOUND, OperationOutcome.IssueType.NOTSUPPORTED);
            assertThat(answer.getBody()).doesNotContain("NoSuchLibrary", "no-such-set");
        }
        ResponseEntity<String> search = http.getForEntity("/fhir/Library?name=HSGEligibility", String.class);
        assertThat(search.getStatusCode().value()).isEqualTo(404);
        assertThat(search.getBody()).contains("\"OperationOutcome\"");
    }

    @Test
    void writesAreA405OperationOutcome() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/fhir+json"));
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
            ResponseEntity<String> answer = http.exchange(
                    "/fhir/Library/HSGEligibility",
                    method,
                    new HttpEntity<>("{\"resourceType\":\"Library\"}", headers),
                    String.class);
            assertThat(answer.getStatusCode().value()).as(method.name()).isEqualTo(405);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.ALLOW)).contains("GET");
            assertThat(FHIR.newJsonParser()
                            .parseResource(OperationOutcome.class, answer.getBody())
                            .getIssueFirstRep()
                            .getCode())
                    .isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        }
        ResponseEntity<String> post =
                http.exchange("/fhir/metadata", HttpMethod.POST, new HttpEntity<>("{}", headers), String.class);
        assertThat(post.getStatusCode().value()).isEqualTo(405);
    }

    @Test
    void formatsAsAFhirServerChoosesThem() {
        assertThat(withAccept("/fhir/ValueSet/hcg-test", "application/json")
                        .getHeaders()
                        .getContentType()
                        .toString())
                .startsWith("application/fhir+json");
        assertThat(withAccept("/fhir/ValueSet/hcg-test", "application/fhir+json")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        ResponseEntity<String> xml = withAccept("/fhir/Library/HSGCommon", "application/fhir+xml");
        assertThat(xml.getHeaders().getContentType().toString()).startsWith("application/fhir+xml");
        assertThat(FHIR.newXmlParser()
                        .parseResource(Library.class, xml.getBody())
                        .getName())
                .isEqualTo("HSGCommon");
        ResponseEntity<String> formatXml = withAccept("/fhir/metadata?_format=xml", "application/json");
        assertThat(formatXml.getHeaders().getContentType().toString()).startsWith("application/fhir+xml");
        assertThat(withAccept("/fhir/metadata?_format=application/fhir%2Bjson", "application/xml")
                        .getHeaders()
                        .getContentType()
                        .toString())
                .startsWith("application/fhir+json");
        assertThat(withAccept("/fhir/metadata?_pretty=true", "*/*").getBody()).contains("\n");
        ResponseEntity<String> html = withAccept("/fhir/metadata", "text/html");
        assertThat(html.getStatusCode().value()).isEqualTo(406);
        assertThat(html.getBody()).contains("\"OperationOutcome\"");
        assertThat(withAccept("/fhir/metadata?_format=turtle", "*/*")
                        .getStatusCode()
                        .value())
                .isEqualTo(406);
    }

    private ResponseEntity<String> withAccept(String path, String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T read(String type, String id, Class<T> as) {
        ResponseEntity<String> answer = http.getForEntity("/fhir/" + type + "/" + id, String.class);
        assertThat(answer.getStatusCode().value()).as(type + "/" + id).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/fhir+json");
        return FHIR.newJsonParser().parseResource(as, answer.getBody());
    }

    private void validate(String path, List<String> errors) {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        validated++;
        for (SingleValidationMessage m :
                validator.validateWithResult(answer.getBody()).getMessages()) {
            MESSAGES.merge(m.getSeverity(), 1, Integer::sum);
            WARNINGS.merge(
                    path.replaceFirst("/[^/]+$", "/*") + ": "
                            + m.getMessage().replaceAll("'[^']*'", "'...'").replaceAll("\\d+", "N"),
                    1,
                    Integer::sum);
            if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
                errors.add(path + ": " + m.getLocationString() + " " + m.getMessage());
            }
        }
    }

    private static String content(Library library, String contentType) {
        List<Attachment> matching = library.getContent().stream()
                .filter(a -> contentType.equals(a.getContentType()))
                .toList();
        assertThat(matching).as(library.getName() + " " + contentType).hasSize(1);
        return new String(matching.get(0).getData(), StandardCharsets.UTF_8);
    }

    private static List<List<String>> find(Pattern pattern, String text) {
        List<List<String>> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            List<String> groups = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                groups.add(m.group(i));
            }
            found.add(groups);
        }
        return found;
    }

    private static Map<String, String> cqlFiles() throws IOException {
        Map<String, String> byName = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("cql"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cql")).toList()) {
                byName.put(
                        file.getFileName().toString().replaceFirst("\\.cql$", ""),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return byName;
    }

    private static List<String> valueSetIds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("fhir-resources/valuesets"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .map(f -> f.replaceFirst("\\.json$", ""))
                    .sorted()
                    .toList();
        }
    }
}
