package org.hsgcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import org.hsgcds.content.ServiceCatalog;

/**
 * Fills a prefetch template's tokens (CDS Hooks 2.0 "Prefetch tokens") from one call: every context
 * field both order hooks mark as a prefetch token ({@code context.patientId}, {@code context.userId},
 * {@code context.encounterId}) and the user identity tokens ({@code userPractitionerId},
 * {@code userPractitionerRoleId}, {@code userPatientId}, {@code userRelatedPersonId}), which are only
 * defined when {@code userId} is of that type. Values are URL-encoded: a value is never able to add a
 * query parameter or a path. A template whose token has no value in this call cannot be filled.
 */
final class PrefetchTemplate {

    private PrefetchTemplate() {}

    /** The query, or empty when a token has no value in this call (the key is then unavailable, never fetched half-filled). */
    static Optional<String> fill(String template, String patientId, JsonNode context) {
        Map<String, String> values = values(patientId, context);
        Matcher m = ServiceCatalog.PREFETCH_TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1).trim());
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            boolean inQuery = template.lastIndexOf('?', m.start()) >= 0;
            m.appendReplacement(out, Matcher.quoteReplacement(inQuery ? encode(value) : encodePath(value)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private static Map<String, String> values(String patientId, JsonNode context) {
        Map<String, String> values = new HashMap<>();
        values.put("context.patientId", patientId);
        for (String field : new String[] {"userId", "encounterId"}) {
            JsonNode value = context == null ? null : context.get(field);
            if (value != null && value.isTextual()) {
                values.put("context." + field, value.asText());
            }
        }
        String userId = values.get("context.userId");
        if (userId != null) {
            int slash = userId.indexOf('/');
            String type = slash < 0 ? "" : userId.substring(0, slash);
            String id = slash < 0 ? userId : userId.substring(slash + 1);
            if (!type.isEmpty() && !id.isEmpty() && id.indexOf('/') < 0) {
                values.put("user" + type + "Id", id);
            }
        }
        values.keySet().retainAll(ServiceCatalog.PREFETCH_TOKENS);
        return values;
    }

    /** A value in the query: every reserved character encoded (a space as %20, not +). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value in the path (a read such as {@code {{context.userId}}} = Practitioner/123): each segment encoded. */
    private static String encodePath(String value) {
        String[] segments = value.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].equals(".") || segments[i].equals("..")
                    ? segments[i].replace(".", "%2E")
                    : encode(segments[i]);
            out.append(i == 0 ? "" : "/").append(segment);
        }
        return out.toString();
    }
}
