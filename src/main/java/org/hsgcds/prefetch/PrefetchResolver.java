package org.hsgcds.prefetch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.hooks.CdsServiceRequest;
import org.hsgcds.hooks.HookRequestException;

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
    private final PrefetchFallback fallback;
    private final PrefetchMetrics metrics;

    public PrefetchResolver(ServiceCatalog services, FhirJsonReader reader, PrefetchFallback fallback) {
        this(services, reader, fallback, PrefetchMetrics.NONE);
    }

    public PrefetchResolver(ServiceCatalog services, FhirJsonReader reader, PrefetchFallback fallback, PrefetchMetrics metrics) {
        this.services = services;
        this.reader = reader;
        this.fallback = fallback;
        this.metrics = metrics;
    }

    public PatientData resolve(CdsServiceRequest request, String patientId) {
        Map<String, TokenBuffer> prefetch = request.prefetch() == null ? Map.of() : request.prefetch();
        List<PrefetchOutcome> outcomes = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        List<PrefetchOutcome> unfillable = new ArrayList<>();
        for (String key : services.requiredPrefetch()) {
            if (!prefetch.containsKey(key)) {
                Optional<String> query = PrefetchTemplate.fill(services.prefetch().get(key), patientId, request.context());
                if (query.isPresent()) {
                    missing.put(key, query.get());
                } else {
                    unfillable.add(PrefetchOutcome.failed(key, "its query needs a token this call does not give"));
                }
                continue;
            }
            JsonNode value = tree(prefetch.get(key));
            if (value == null || value.isNull()) {
                outcomes.add(PrefetchOutcome.ok(key, List.of()));
            } else if (!value.isObject()) {
                outcomes.add(PrefetchOutcome.failed(key, "not a FHIR resource"));
            } else {
                outcomes.add(reader.read(key, value));
            }
        }
        if (!missing.isEmpty() || !unfillable.isEmpty()) {
            if (request.fhirServer() == null || request.fhirServer().isBlank()) {
                List<String> keys = new ArrayList<>(missing.keySet());
                unfillable.forEach(outcome -> keys.add(outcome.key()));
                throw HookRequestException.prefetchRequired("Prefetch keys " + keys
                        + " are missing and no fhirServer was given to fetch them from");
            }
        }
        if (!missing.isEmpty()) {
            outcomes.addAll(fetch(request, missing));
        }
        outcomes.addAll(unfillable);
        List<Resource> resources = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (PrefetchOutcome outcome : outcomes) {
            resources.addAll(outcome.resources());
            if (outcome.failed()) {
                unavailable.add(outcome.key() + " (" + outcome.failure() + ")");
            }
        }
        return new PatientData(resources, unavailable);
    }

    private List<PrefetchOutcome> fetch(CdsServiceRequest request, Map<String, String> missing) {
        List<PrefetchOutcome> fetched;
        try {
            fetched = fallback.fetch(request.fhirServer(), request.fhirAuthorization(), missing);
        } catch (HookRequestException e) {
            missing.keySet().forEach(key -> metrics.fetch("refused"));
            throw e;
        }
        fetched.forEach(outcome -> metrics.fetch(outcome.failed() ? "failed" : "fetched"));
        return fetched;
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
