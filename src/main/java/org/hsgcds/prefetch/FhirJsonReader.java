package org.hsgcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns one prefetch value (or fetched body) into resources. An OperationOutcome, in place of the
 * value or as a Bundle entry, or a body HAPI cannot parse, makes the key fail: the caller then
 * knows that data is missing rather than absent.
 */
public final class FhirJsonReader {

    private final FhirContext fhirContext;
    private final Predicate<JsonNode> retrievable;

    public FhirJsonReader(FhirContext fhirContext) {
        this(fhirContext, resource -> true);
    }

    /**
     * @param retrievable which resources the rules can retrieve; Bundle entries outside it are dropped
     *     before HAPI parses the Bundle (OperationOutcome entries are always kept)
     */
    public FhirJsonReader(FhirContext fhirContext, Predicate<JsonNode> retrievable) {
        this.fhirContext = fhirContext;
        this.retrievable = retrievable;
    }

    /** A reader of the same FHIR context that keeps every Bundle entry (for keys the rules do not retrieve from). */
    public FhirJsonReader unnarrowed() {
        return new FhirJsonReader(fhirContext);
    }

    public PrefetchOutcome read(String key, String json) {
        return readPage(key, json).outcome();
    }

    /**
     * A prefetch value already parsed as JSON (with exact decimals, as HAPI reads them): HAPI reads the
     * tree as it is, with no second pass over the text, and only the Bundle entries the rules can
     * retrieve are parsed as FHIR.
     */
    public PrefetchOutcome read(String key, JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return PrefetchOutcome.failed(key, "not a FHIR resource");
        }
        return page(key, () -> parser().parseResource(structure(retrievableOnly(object))))
                .outcome();
    }

    /**
     * The value with only the Bundle entries the rules can retrieve, and without narratives: a resource's
     * {@code text} (its XHTML narrative) is left out of what HAPI parses, the resource itself, a Bundle's entries and
     * the Bundle's own. The rules read no narrative, and HAPI builds a table of every HTML entity for each narrative it
     * parses: for a Synthea record, whose Patient alone carries one, that was a third of the parsing (bench/README.md,
     * issue 19). A narrative that is not valid XHTML therefore no longer makes the key unreadable. The tree the value
     * came from is not changed.
     */
    private ObjectNode retrievableOnly(ObjectNode value) {
        if (!"Bundle".equals(value.path("resourceType").asText())
                || !value.path("entry").isArray()) {
            return withoutNarrative(value);
        }
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        value.fields().forEachRemaining(field -> {
            if (!"text".equals(field.getKey())) {
                bundle.set(field.getKey(), field.getValue());
            }
        });
        ArrayNode kept = bundle.putArray("entry");
        for (JsonNode entry : value.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (!resource.isObject()
                    || "OperationOutcome".equals(resource.path("resourceType").asText())
                    || retrievable.test(resource)) {
                kept.add(
                        resource.isObject() && resource.has("text")
                                ? withResource((ObjectNode) entry, withoutNarrative((ObjectNode) resource))
                                : entry);
            }
        }
        return bundle;
    }

    /** A shallow copy without {@code text}, or the node itself when it has none. */
    private static ObjectNode withoutNarrative(ObjectNode resource) {
        if (!resource.has("text")) {
            return resource;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        resource.fields().forEachRemaining(field -> {
            if (!"text".equals(field.getKey())) {
                copy.set(field.getKey(), field.getValue());
            }
        });
        return copy;
    }

    private static ObjectNode withResource(ObjectNode entry, ObjectNode resource) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        entry.fields().forEachRemaining(field -> copy.set(field.getKey(), field.getValue()));
        return copy.set("resource", resource);
    }

    private static JacksonStructure structure(ObjectNode root) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(root);
        return structure;
    }

    /** One page of a fetched search: its resources (or the failure) and the {@code next} link, if any. */
    Page readPage(String key, String json) {
        return page(key, () -> parser().parseResource(json));
    }

    private Page page(String key, Supplier<IBaseResource> parse) {
        IBaseResource parsed;
        try {
            parsed = parse.get();
        } catch (RuntimeException e) {
            // DataFormatException mostly, but HAPI fails on some malformed bundles with NullPointerException too.
            return new Page(PrefetchOutcome.failed(key, "not readable as FHIR R4"), null);
        }
        if (parsed instanceof OperationOutcome) {
            return new Page(PrefetchOutcome.failed(key, "the EHR returned an OperationOutcome instead of data"), null);
        }
        if (!(parsed instanceof Bundle bundle)) {
            return new Page(
                    parsed instanceof Resource resource
                            ? PrefetchOutcome.ok(key, List.of(resource))
                            : PrefetchOutcome.failed(key, "not readable as FHIR R4"),
                    null);
        }
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        return new Page(entries(key, bundle), next == null || !next.hasUrl() ? null : next.getUrl());
    }

    private static PrefetchOutcome entries(String key, Bundle bundle) {
        List<Resource> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof OperationOutcome outcome) {
                if (isOnlyInformational(outcome, entry)) {
                    continue;
                }
                return PrefetchOutcome.failed(key, "the Bundle holds an OperationOutcome reporting an error");
            }
            if (resource != null) {
                resources.add(resource);
            }
        }
        return PrefetchOutcome.ok(key, resources);
    }

    record Page(PrefetchOutcome outcome, String next) {}

    /** Search bundles may carry an outcome entry with warnings or information only; those are not failures. */
    private static boolean isOnlyInformational(OperationOutcome outcome, Bundle.BundleEntryComponent entry) {
        boolean searchOutcome = entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME;
        boolean onlyInformational = outcome.getIssue().stream()
                .allMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.INFORMATION
                        || issue.getSeverity() == OperationOutcome.IssueSeverity.WARNING);
        return searchOutcome && onlyInformational && !outcome.getIssue().isEmpty();
    }

    private IJsonLikeParser parser() {
        return parser(fhirContext);
    }

    /**
     * The JSON parser every reader of outside FHIR uses: unknown elements are tolerated (and not
     * logged, since they may carry patient data), invalid values are an error.
     */
    public static IJsonLikeParser parser(FhirContext fhirContext) {
        IJsonLikeParser parser = (IJsonLikeParser) fhirContext.newJsonParser();
        parser.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
        return parser;
    }
}
