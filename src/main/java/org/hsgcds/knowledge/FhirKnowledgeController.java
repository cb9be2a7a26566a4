package org.hsgcds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules as FHIR knowledge artifacts, read-only: {@code GET /fhir/metadata}, {@code GET /fhir/Library/{id}},
 * {@code GET /fhir/ValueSet/{id}}. The protocol only; the resources come from {@link KnowledgeCatalog}. Anything
 * else under {@code /fhir/} is answered with an {@code OperationOutcome}: 404 for another read, 405 for a write.
 */
@RestController
class FhirKnowledgeController {

    private final KnowledgeCatalog catalog;
    private final FhirContext fhir;

    FhirKnowledgeController(KnowledgeCatalog catalog, FhirContext fhir) {
        this.catalog = catalog;
        this.fhir = fhir;
    }

    @GetMapping("/fhir/metadata")
    ResponseEntity<String> metadata(
            @RequestParam(name = "_format", required = false) String format,
            @RequestParam(name = "_pretty", required = false) String pretty,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(catalog.current().capabilities(), FhirFormat.choose(format, accept), pretty);
    }

    @GetMapping("/fhir/{type}/{id}")
    ResponseEntity<String> read(
            @PathVariable("type") String type,
            @PathVariable("id") String id,
            @RequestParam(name = "_format", required = false) String format,
            @RequestParam(name = "_pretty", required = false) String pretty,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        FhirFormat chosen = FhirFormat.choose(format, accept);
        if (!FhirKnowledge.isServed(type)) {
            throw new FhirProblem(
                    HttpStatus.NOT_FOUND,
                    OperationOutcome.IssueType.NOTSUPPORTED,
                    "This server serves only Library and ValueSet resources");
        }
        Resource resource = catalog.current()
                .read(type, id)
                .orElseThrow(() -> new FhirProblem(
                        HttpStatus.NOT_FOUND,
                        OperationOutcome.IssueType.NOTFOUND,
                        // The id is not echoed: error bodies carry no request data.
                        "No " + type + " with this id; see GET /fhir/metadata and the README for the ids"));
        return answer(resource, chosen, pretty);
    }

    /** Every other request under /fhir: searches, other interactions, writes. */
    @RequestMapping("/fhir/**")
    ResponseEntity<String> other(HttpServletRequest request) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            throw new FhirProblem(
                    HttpStatus.NOT_FOUND,
                    OperationOutcome.IssueType.NOTSUPPORTED,
                    "This server supports only read (GET /fhir/Library/{id}, GET /fhir/ValueSet/{id}) and GET /fhir/metadata");
        }
        throw new FhirProblem(
                HttpStatus.METHOD_NOT_ALLOWED,
                OperationOutcome.IssueType.NOTSUPPORTED,
                "The FHIR endpoints are read-only");
    }

    private ResponseEntity<String> answer(Resource resource, FhirFormat format, String pretty) {
        IParser parser = format == FhirFormat.XML ? fhir.newXmlParser() : fhir.newJsonParser();
        parser.setPrettyPrint("true".equals(pretty));
        return ResponseEntity.ok().contentType(format.mediaType()).body(parser.encodeResourceToString(resource));
    }
}
