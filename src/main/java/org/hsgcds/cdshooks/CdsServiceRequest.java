package org.hsgcds.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.util.Map;

/**
 * The body of a hook call as the spec names its fields; checked by {@link org.hsgcds.orchestration.HookRequestValidator}.
 * Prefetch values are kept as buffered tokens: a JSON tree is only built for them when an HSG order
 * needs them, and when the context (sent first, as usual) holds no HSG order they are not kept at all.
 * {@code extension} is kept only to be checked (CDS Hooks: an extension is a JSON object); its content
 * is never read, and other unknown elements are ignored.
 */
public record CdsServiceRequest(
        String hook,
        String hookInstance,
        String fhirServer,
        FhirAuthorization fhirAuthorization,

        @JsonDeserialize(using = HookContextDeserializer.class)
        JsonNode context,

        @JsonDeserialize(using = PrefetchDeserializer.class) Map<String, TokenBuffer> prefetch,
        JsonNode extension) {

    public record FhirAuthorization(
            String access_token, String token_type, Integer expires_in, String scope, String subject) {

        @Override
        public String toString() {
            return "FhirAuthorization[access_token=<redacted>, token_type=" + token_type + ", scope=" + scope + "]";
        }
    }
}
