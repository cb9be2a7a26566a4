package org.hsgcds.prefetch;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns one prefetch value (or fetched body) into resources. An OperationOutcome, in place of the
 * value or as a Bundle entry, or a body HAPI cannot parse, makes the key fail: the caller then
 * knows that data is missing rather than absent. So does a malformed entry (a resource type HAPI does not know,
 * a value of the wrong JSON type, an {@code entry} that is not a list, see {@link FhirJsonShape}): HAPI's lenient
 * parser would drop it without a word, and the key would read as shorter than it is.
 */
public final class FhirJsonReader {

    /** Reads numbers as HAPI's own parser does (exact decimals), since HAPI reads these trees directly. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final FhirContext fhirContext;
    private final Predicate<JsonNode> retrievable;
    private final FhirJsonShape shape;
    private final BaseRuntimeElementCompositeDefinition<?> bundle;
    private final BaseRuntimeElementCompositeDefinition<?> bundleEntry;

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
        this.shape = new FhirJsonShape(fhirContext);
        this.bundle = fhirContext.getResourceDefinition("Bundle");
        this.bundleEntry = (BaseRuntimeElementCompositeDefinition<?>)
                bundle.getChildByName("entry").getChildByName("entry");
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
        return readPrefetch(key, value).outcome();
    }

    /**
     * One page of a value: its resources (or the failure), its {@code next} link, and the {@code fullUrl}s of the
     * Patients it holds.
     */
    public Page readPage(String key, JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return Page.failed(key, "not a FHIR resource");
        }
        boolean isBundle = "Bundle".equals(object.path("resourceType").asText());
        Optional<String> fault = isBundle ? bundleFault(object) : shape.fault(object);
        if (fault.isPresent()) {
            return Page.failed(key, fault.get());
        }
        Page page = page(key, () -> parser().parseResource(structure(retrievableOnly(object))));
        if (page.outcome().failed() && isBundle) {
            // Which entry HAPI could not read: each kept entry again, alone (only on this rare path).
            return Page.failed(
                    key, unreadableEntry(object).orElse(page.outcome().failure()));
        }
        if (!isBundle || page.outcome().failed()) {
            return page;
        }
        return new Page(page.outcome(), page.next(), patientUrls(object));
    }

    /**
     * A prefetch value as {@link #readPage(String, JsonNode)}, and a searchset with no {@code next} link whose
     * {@code total} is larger than the matches it holds is unavailable: the rest of the search is missing. (Only for
     * a value that is a whole search or its first page: the last of several fetched pages holds fewer than the total.)
     */
    public Page readPrefetch(String key, JsonNode value) {
        Page page = readPage(key, value);
        if (page.outcome().failed() || page.next() != null || !(value instanceof ObjectNode object)) {
            return page;
        }
        return incomplete(object).map(reason -> Page.failed(key, reason)).orElse(page);
    }

    /**
     * The shape fault of a Bundle: its own elements, its entry list, every entry's type, and the whole of each
     * entry HAPI will read; entries left out (not retrievable) are checked where the filter reads them
     * ({@code code}), so a malformed code cannot make an entry look like one the rules do not read.
     */
    private Optional<String> bundleFault(ObjectNode value) {
        JsonNode entries = value.get("entry");
        if (entries != null && !entries.isNull() && !entries.isArray()) {
            return Optional.of("its entry is " + FhirJsonShape.kind(entries) + " where a list is expected");
        }
        Optional<String> own = shape.composite(value, bundle, "Bundle", "entry");
        if (own.isPresent() || entries == null) {
            return own;
        }
        int n = 0;
        for (JsonNode entry : entries) {
            n++;
            Optional<String> fault = entryFault(entry);
            if (fault.isPresent()) {
                return Optional.of("entry " + n + ": " + fault.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> entryFault(JsonNode entry) {
        if (!entry.isObject()) {
            return Optional.of("the entry is " + FhirJsonShape.kind(entry) + ", not a JSON object");
        }
        Optional<String> own = shape.composite(entry, bundleEntry, "Bundle.entry", "resource");
        if (own.isPresent()) {
            return own;
        }
        JsonNode resource = entry.get("resource");
        if (resource == null || resource.isNull()) {
            return Optional.of("the entry has no resource");
        }
        Optional<String> type = shape.typeFault(resource);
        if (type.isPresent()) {
            return type;
        }
        return kept(resource) ? shape.fault(resource) : shape.elementFault(resource, "code");
    }

    private boolean kept(JsonNode resource) {
        return "OperationOutcome".equals(resource.path("resourceType").asText()) || retrievable.test(resource);
    }

    /** The first kept entry HAPI cannot read on its own, named by its number. */
    private Optional<String> unreadableEntry(ObjectNode value) {
        int n = 0;
        for (JsonNode entry : value.path("entry")) {
            n++;
            JsonNode resource = entry.path("resource");
            if (kept(resource)) {
                ObjectNode alone = withoutNarrative((ObjectNode) resource);
                Page page = page("", () -> parser().parseResource(structure(alone)));
                if (page.outcome().failed()) {
                    return Optional.of("entry " + n + ": " + page.outcome().failure());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A searchset with no {@code next} link whose {@code total} is larger than the matches it holds: the rest of the
     * search is missing, and the key is not whole.
     */
    private static Optional<String> incomplete(ObjectNode value) {
        JsonNode total = value.get("total");
        if (total == null || !total.canConvertToLong()) {
            return Optional.empty();
        }
        long matches = 0;
        for (JsonNode entry : value.path("entry")) {
            String mode = entry.path("search").path("mode").asText("match");
            if ("match".equals(mode)) {
                matches++;
            }
        }
        return total.asLong() > matches
                ? Optional.of("the search found " + total.asLong() + " entries but the Bundle holds " + matches
                        + ", with no link to the next page")
                : Optional.empty();
    }

    /** The Patient entries' {@code fullUrl}s, each with the Patient's id (the id may be null). */
    private static Map<String, String> patientUrls(ObjectNode value) {
        Map<String, String> urls = new HashMap<>();
        for (JsonNode entry : value.path("entry")) {
            JsonNode resource = entry.path("resource");
            String fullUrl = entry.path("fullUrl").asText(null);
            if (fullUrl != null
                    && "Patient".equals(resource.path("resourceType").asText())) {
                urls.put(fullUrl, resource.path("id").asText(""));
            }
        }
        return urls;
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
            if (kept(resource)) {
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
        JsonNode value;
        try {
            value = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Page.failed(key, "not readable as FHIR R4");
        }
        return readPage(key, value);
    }

    private Page page(String key, Supplier<IBaseResource> parse) {
        IBaseResource parsed;
        try {
            parsed = parse.get();
        } catch (UnreadableElement e) {
            return Page.failed(key, "not readable as FHIR R4 (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            // DataFormatException mostly, but HAPI fails on some malformed bundles with NullPointerException too.
            return Page.failed(key, "not readable as FHIR R4");
        }
        if (parsed instanceof OperationOutcome) {
            return Page.failed(key, "the EHR returned an OperationOutcome instead of data");
        }
        if (!(parsed instanceof Bundle bundle)) {
            return parsed instanceof Resource resource
                    ? Page.of(PrefetchOutcome.ok(key, List.of(resource)))
                    : Page.failed(key, "not readable as FHIR R4");
        }
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        return new Page(entries(key, bundle), next == null || !next.hasUrl() ? null : next.getUrl(), Map.of());
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

    /**
     * One page: the outcome, the {@code next} link (null when none), and the Patient entries' {@code fullUrl}s with
     * their ids, for references by {@code urn:uuid}.
     */
    public record Page(PrefetchOutcome outcome, String next, Map<String, String> patientUrls) {

        public Page {
            patientUrls = Map.copyOf(patientUrls);
        }

        static Page of(PrefetchOutcome outcome) {
            return new Page(outcome, null, Map.of());
        }

        static Page failed(String key, String reason) {
            return of(PrefetchOutcome.failed(key, reason));
        }
    }

    /** Search bundles may carry an outcome entry with warnings or information only; those are not failures. */
    private static boolean isOnlyInformational(OperationOutcome outcome, Bundle.BundleEntryComponent entry) {
        boolean searchOutcome = entry.hasSearch() && entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME;
        boolean onlyInformational = outcome.getIssue().stream()
                .allMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.INFORMATION
                        || issue.getSeverity() == OperationOutcome.IssueSeverity.WARNING);
        return searchOutcome && onlyInformational && !outcome.getIssue().isEmpty();
    }

    /**
     * The prefetch parser: as {@link #parser(FhirContext)}, and a value of the wrong JSON type, or several values
     * where one is allowed, is an error rather than dropped (the shape check finds these first; this is the
     * backstop for what it does not model).
     */
    private IJsonLikeParser parser() {
        IJsonLikeParser parser = (IJsonLikeParser) fhirContext.newJsonParser();
        parser.setParserErrorHandler(new StrictTypes());
        return parser;
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

    /** Lenient about unknown elements; an error (named by element, never by value) for what would be lost. */
    private static final class StrictTypes extends LenientErrorHandler {

        StrictTypes() {
            super(false);
            setErrorOnInvalidValue(true);
        }

        @Override
        public void incorrectJsonType(
                IParseLocation location,
                String elementName,
                BaseJsonLikeValue.ValueType expected,
                BaseJsonLikeValue.ScalarType expectedScalar,
                BaseJsonLikeValue.ValueType found,
                BaseJsonLikeValue.ScalarType foundScalar) {
            if (expected == BaseJsonLikeValue.ValueType.SCALAR && found == BaseJsonLikeValue.ValueType.SCALAR) {
                return; // a number written as text, or the reverse: HAPI reads the value either way
            }
            throw new UnreadableElement(elementName + " is of the wrong JSON type");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
            throw new UnreadableElement(elementName + " has more than one value where one is allowed");
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            String where = location == null ? null : location.getParentElementName();
            throw new UnreadableElement(where == null ? "an invalid value" : "an invalid value in " + where);
        }
    }

    /** A parse failure whose message names only elements, never values. */
    private static final class UnreadableElement extends DataFormatException {
        private static final long serialVersionUID = 1L;

        UnreadableElement(String message) {
            super(message);
        }
    }
}
