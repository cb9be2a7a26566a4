package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * {@code GET {base}/ValueSet/$expand?url=<canonical>} on a FHIR terminology server, used at content load
 * when {@code hsg.terminology.server} is set. Only canonical URLs of our own value sets are sent, never
 * patient data. Any failure (unreachable, HTTP error, no or a partial expansion, unreadable body) is an empty answer,
 * so the shipped expansion is used; the server is optional and never required.
 */
final class HttpTerminologyServer implements ValueSetLoader.TerminologyServer {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final FhirContext fhirContext;
    private final HttpClient client;

    HttpTerminologyServer(String base, FhirContext fhirContext) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.fhirContext = fhirContext;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String base() {
        return base;
    }

    @Override
    public Answer expand(String canonicalUrl) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(
                            base + "/ValueSet/$expand?url=" + URLEncoder.encode(canonicalUrl, StandardCharsets.UTF_8)))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/fhir+json")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            return new Answer(Optional.empty(), true);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(Optional.empty(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Optional.empty(), true);
        }
        if (response.statusCode() != 200) {
            return new Answer(Optional.empty(), false);
        }
        try {
            ValueSet expanded = fhirContext.newJsonParser().parseResource(ValueSet.class, response.body());
            Set<String> codes = new HashSet<>();
            collect(expanded.getExpansion().getContains(), codes);
            boolean truncated = expanded.getExpansion().hasTotal()
                    && expanded.getExpansion().getTotal() > codes.size();
            // A paged or truncated expansion would silently drop members: the shipped one is used instead.
            return new Answer(codes.isEmpty() || truncated ? Optional.empty() : Optional.of(codes), false);
        } catch (DataFormatException | ClassCastException e) {
            return new Answer(Optional.empty(), false);
        }
    }

    /** Expansions may nest their contains; every entry with a system and code is a member. */
    private static void collect(List<ValueSet.ValueSetExpansionContainsComponent> contains, Set<String> codes) {
        for (ValueSet.ValueSetExpansionContainsComponent entry : contains) {
            if (entry.hasSystem() && entry.hasCode()) {
                codes.add(entry.getSystem() + "|" + entry.getCode());
            }
            collect(entry.getContains(), codes);
        }
    }
}
