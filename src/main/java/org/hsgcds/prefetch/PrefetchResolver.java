package org.hsgcds.prefetch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.ServiceCatalog;

/**
 * Gathers the data the rules need: per required key, the prefetch value when present ({@code null}
 * means no data), else a fetch from the EHR's FHIR server, else 412.
 */
public final class PrefetchResolver {

    /** Reads numbers as HAPI's own parser does (exact decimals), since HAPI reads these trees directly. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ServiceCatalog services;
    private final FhirJsonReader reader;
    private final FhirJsonReader unnarrowed;
    private final PrefetchFallback fallback;
    private final PrefetchMetrics metrics;

    public PrefetchResolver(ServiceCatalog services, FhirJsonReader reader, PrefetchFallback fallback) {
        this(services, reader, fallback, PrefetchMetrics.NONE);
    }

    public PrefetchResolver(
            ServiceCatalog services, FhirJsonReader reader, PrefetchFallback fallback, PrefetchMetrics metrics) {
        this.services = services;
        this.reader = reader;
        this.unnarrowed = reader.unnarrowed();
        this.fallback = fallback;
        this.metrics = metrics;
    }

    public PatientData resolve(CdsServiceRequest request, String patientId) {
        return resolve(request, patientId, Map.of()).data();
    }

    /**
     * The required keys (as {@link #resolve(CdsServiceRequest, String)}) and a service's {@code additional} keys
     * (key → template), which are read in full rather than narrowed to what the rules retrieve and are kept
     * out of the patient data. Keys missing from prefetch, of either kind, are fetched in one go (one
     * deadline); with no {@code fhirServer}, 412.
     */
    public Resolved resolve(CdsServiceRequest request, String patientId, Map<String, String> additional) {
        Map<String, TokenBuffer> prefetch = request.prefetch() == null ? Map.of() : request.prefetch();
        List<PrefetchOutcome> outcomes = new ArrayList<>();
        Map<String, PrefetchOutcome> extra = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Map<String, String> nextLinks = new LinkedHashMap<>();
        Map<String, String> patientUrls = new HashMap<>();
        List<PrefetchOutcome> unfillable = new ArrayList<>();
        List<String> readKeys = new ArrayList<>(services.requiredPrefetch());
        services.prefetch().keySet().stream()
                .filter(key -> !readKeys.contains(key))
                .sorted()
                .forEach(readKeys::add);
        for (String key : readKeys) {
            boolean required = services.requiredPrefetch().contains(key);
            if (!required && !prefetch.containsKey(key)) {
                // An optional key (e.g. devices) is read when the EHR sends it; its absence is not asked for.
                continue;
            }
            if (!prefetch.containsKey(key)) {
                query(key, services.prefetch().get(key), patientId, request, missing, unfillable);
            } else {
                FhirJsonReader.Page page = read(key, prefetch.get(key), reader);
                outcomes.add(page.outcome());
                patientUrls.putAll(page.patientUrls());
                if (page.next() != null) {
                    nextLinks.put(key, page.next());
                }
            }
        }
        additional.forEach((key, template) -> {
            if (!prefetch.containsKey(key)) {
                query(key, template, patientId, request, missing, unfillable);
            } else {
                extra.put(key, read(key, prefetch.get(key), unnarrowed).outcome());
            }
        });
        boolean noServer = request.fhirServer() == null || request.fhirServer().isBlank();
        if (!missing.isEmpty() || !unfillable.isEmpty()) {
            if (noServer) {
                List<String> keys = new ArrayList<>(missing.keySet());
                unfillable.forEach(outcome -> keys.add(outcome.key()));
                throw new PrefetchRequiredException(
                        "Prefetch keys " + keys + " are missing and no fhirServer was given to fetch them from");
            }
        }
        List<PrefetchOutcome> gathered = new ArrayList<>();
        if (!missing.isEmpty() || (!nextLinks.isEmpty() && !noServer)) {
            gathered.addAll(fetch(request, missing, nextLinks));
        } else {
            nextLinks
                    .keySet()
                    .forEach(key ->
                            gathered.add(PrefetchOutcome.failed(key, "no fhirServer was given to fetch it from")));
        }
        gathered.addAll(unfillable);
        for (PrefetchOutcome outcome : gathered) {
            if (nextLinks.containsKey(outcome.key())) {
                outcomes.replaceAll(first -> first.key().equals(outcome.key()) ? restOf(first, outcome) : first);
            } else if (additional.containsKey(outcome.key())) {
                extra.put(outcome.key(), outcome);
            } else {
                outcomes.add(outcome);
            }
        }
        PatientReferences patient = new PatientReferences(patientId, patientUrls);
        List<Resource> resources = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Set<String> patients = new HashSet<>();
        for (PrefetchOutcome outcome : outcomes) {
            if (outcome.failed()) {
                unavailable.add(outcome.key() + " (" + outcome.failure() + ")");
                continue;
            }
            int others = 0;
            for (Resource resource : outcome.resources()) {
                if (patient.namesAnotherPatient(resource)) {
                    others++;
                } else if (!(resource instanceof Patient one) || patients.add(patient.idOf(one))) {
                    // The Patient once: a search that _includes the subject sends it again in another key.
                    resources.add(resource);
                }
            }
            if (others > 0) {
                unavailable.add(outcome.key() + " ("
                        + (others == 1 ? "1 entry names" : others + " entries name")
                        + " another patient and " + (others == 1 ? "was" : "were") + " left out)");
            }
        }
        return new Resolved(new PatientData(resources, unavailable), extra);
    }

    /** A paged key whole: its prefetched first page and the pages fetched after it, or why the rest is missing. */
    private static PrefetchOutcome restOf(PrefetchOutcome first, PrefetchOutcome rest) {
        if (rest.failed()) {
            return PrefetchOutcome.failed(
                    first.key(), "page 1 of a paged search; the next page could not be fetched: " + rest.failure());
        }
        List<Resource> all = new ArrayList<>(first.resources());
        all.addAll(rest.resources());
        return PrefetchOutcome.ok(first.key(), all);
    }

    /** A missing key's query with its tokens filled, or a failed outcome when the call lacks a token it needs. */
    private static void query(
            String key,
            String template,
            String patientId,
            CdsServiceRequest request,
            Map<String, String> missing,
            List<PrefetchOutcome> unfillable) {
        Optional<String> query = PrefetchTemplate.fill(template, patientId, request.context());
        if (query.isPresent()) {
            missing.put(key, query.get());
        } else {
            unfillable.add(PrefetchOutcome.failed(key, "its query needs a token this call does not give"));
        }
    }

    /** A key as the EHR sent it, read in full; empty when the prefetch does not hold it (nothing is fetched). */
    public Optional<PrefetchOutcome> sent(CdsServiceRequest request, String key) {
        Map<String, TokenBuffer> prefetch = request.prefetch() == null ? Map.of() : request.prefetch();
        return prefetch.containsKey(key)
                ? Optional.of(read(key, prefetch.get(key), unnarrowed).outcome())
                : Optional.empty();
    }

    /** The patient data of the required keys, and the outcome of each additional key asked for. */
    public record Resolved(PatientData data, Map<String, PrefetchOutcome> additional) {
        public Resolved {
            additional = Map.copyOf(additional);
        }
    }

    /**
     * The most JSON objects one prefetch value may hold. Counted on the buffered tokens before any tree is
     * built: 1.6 million empty entries fit in a 5 MB body and, as objects, exhausted a 512 MB heap. A real
     * key holds a few thousand resources of at most a few dozen objects each; more is read as unavailable
     * (fail-safe, as an unreadable key), never as "no data".
     */
    static final int MAX_OBJECTS = 200_000;

    private static FhirJsonReader.Page read(String key, TokenBuffer buffer, FhirJsonReader reader) {
        if (objects(buffer) > MAX_OBJECTS) {
            return new FhirJsonReader.Page(
                    PrefetchOutcome.failed(key, "more than " + MAX_OBJECTS + " JSON objects"), null, Map.of());
        }
        JsonNode value = tree(buffer);
        if (value == null || value.isNull()) {
            return new FhirJsonReader.Page(PrefetchOutcome.ok(key, List.of()), null, Map.of());
        }
        return reader.readPrefetch(key, value);
    }

    private List<PrefetchOutcome> fetch(
            CdsServiceRequest request, Map<String, String> missing, Map<String, String> nextLinks) {
        List<PrefetchOutcome> fetched;
        try {
            fetched = fallback.fetch(request.fhirServer(), request.fhirAuthorization(), missing, nextLinks);
        } catch (PrefetchRequiredException e) {
            missing.keySet().forEach(key -> metrics.fetch("refused"));
            throw e;
        }
        fetched.forEach(outcome -> metrics.fetch(outcome.failed() ? "failed" : "fetched"));
        return fetched;
    }

    /** How many objects the buffered value holds, stopping past the bound; nothing is built. */
    private static int objects(TokenBuffer buffer) {
        if (buffer == null) {
            return 0;
        }
        int objects = 0;
        try (JsonParser parser = buffer.asParser(JSON)) {
            for (JsonToken token = parser.nextToken();
                    token != null && objects <= MAX_OBJECTS;
                    token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    objects++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static JsonNode tree(TokenBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        try (JsonParser parser = buffer.asParser(JSON)) {
            return parser.readValueAsTree();
        } catch (IOException e) {
            // Buffered tokens came from a body Jackson already read; re-reading them cannot fail on input.
            throw new UncheckedIOException(e);
        }
    }
}
