package org.hsgcds.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The two FHIR formats this server writes, chosen as a FHIR server chooses: {@code _format} when given (overrides
 * {@code Accept}), else the first JSON or XML type the {@code Accept} header names ({@code *}{@code /*}, none or an
 * unreadable header: JSON). JSON is {@code application/fhir+json}, also for a client that asked for
 * {@code application/json}.
 */
enum FhirFormat {
    JSON(
            "application/fhir+json",
            List.of("json", "application/json", "application/fhir+json", "application/json+fhir")),
    XML(
            "application/fhir+xml",
            List.of("xml", "text/xml", "application/xml", "application/fhir+xml", "application/xml+fhir"));

    private final MediaType mediaType;
    private final List<String> names;

    FhirFormat(String mediaType, List<String> names) {
        this.mediaType = new MediaType(MediaType.parseMediaType(mediaType), StandardCharsets.UTF_8);
        this.names = names;
    }

    MediaType mediaType() {
        return mediaType;
    }

    static FhirFormat choose(String format, String accept) {
        if (format != null) {
            // A '+' in a query string reads as a space: "_format=application/fhir+json".
            String name = format.trim().replace(' ', '+').toLowerCase(Locale.ROOT);
            for (FhirFormat candidate : values()) {
                if (candidate.names.contains(name)) {
                    return candidate;
                }
            }
            throw notAcceptable("_format must be json or xml");
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return JSON;
        }
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType() || (type.isWildcardSubtype() && "application".equals(type.getType()))) {
                return JSON;
            }
            String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
            for (FhirFormat candidate : values()) {
                if (candidate.names.contains(name)) {
                    return candidate;
                }
            }
        }
        throw notAcceptable("This server answers in application/fhir+json or application/fhir+xml");
    }

    private static FhirProblem notAcceptable(String message) {
        return new FhirProblem(HttpStatus.NOT_ACCEPTABLE, OperationOutcome.IssueType.NOTSUPPORTED, message);
    }
}
