package org.hsgcds.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.testsupport.FhirJson;
import org.hsgcds.testsupport.HookRequest;

/**
 * Malformed and adversarial hook calls, generated deterministically from a seed: truncated JSON,
 * wrong types, huge strings, deep nesting, unknown hooks and services, huge bundles, resources of
 * the wrong type, odd dates, duplicate keys, non-UTF-8 bytes, odd methods and content types.
 */
final class HostileInputs {

    record Case(String kind, String method, String path, String contentType, String accept, byte[] body) {
        @Override
        public String toString() {
            return kind + " " + method + " " + path + " (" + (body == null ? 0 : body.length) + " bytes)";
        }
    }

    static final String HOOK = "/cds-services/hsg-order-sign";
    private static final String CONDITIONS = HookRequest.prefetchKey("Condition");
    static final String SELECT = "/cds-services/hsg-order-select";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD_DATES = {
        "2024-13-45",
        "24/05/2024",
        "2024",
        "2024-05",
        "+999999-01-01",
        "-0001-01-01",
        "2024-05-01T25:00:00Z",
        "",
        " ",
        "2023-02-29",
        "0000-01-01",
        "9999-12-31T23:59:59.999999999+14:00",
        "1714521600",
        "2024-05-01T12:00:00",
        "2024-05-01T12:00:00+25:00",
        "2024-W18-3",
        "2024-122",
        "today",
        "2024-05-01\u0000",
        "２０２４-０５-０１",
        "2024-5-1",
        "1e10",
        "NaN",
        "2024-05-01T12:00:00.000Z",
        "2024-05-01Z"
    };
    private static final String[] ODD_STRINGS = {
        "",
        " ",
        "\u0000",
        "\r\n\r\nX-Injected: 1",
        "${jndi:ldap://127.0.0.1/a}",
        "<script>alert(1)</script>",
        "'; DROP TABLE patients;--",
        "{{context.patientId}}",
        "../../etc/passwd",
        "%00",
        "\ud800",
        "\uffff",
        "Patient/../../x",
        "ServiceRequest/",
        "null",
        "undefined",
        "-1",
        "🩺",
        "a".repeat(5000)
    };
    private static final String[] ODD_IDS = {
        "no-such-service",
        "..",
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "hsg-order-sign%20",
        "HSG-ORDER-SIGN",
        "hsg-order-sign;jsessionid=1",
        "hsg-order-sign.json",
        "%F0%9F%A9%BA",
        "a".repeat(2000),
        "hsg-order-sign/feedback",
        "hsg-order-sign/..%2Fhsg-order-select",
        "%25",
        "%C0%AF"
    };
    private static final String[] TYPES = {
        "Patient",
        "Condition",
        "Observation",
        "Procedure",
        "AllergyIntolerance",
        "OperationOutcome",
        "Bundle",
        "Foo",
        "ServiceRequest",
        "Binary",
        "Parameters",
        ""
    };

    private final Random random;
    private final ObjectNode valid;
    private final ObjectNode validSelect;

    HostileInputs(long seed, ObjectNode valid, ObjectNode validSelect) {
        this.random = new Random(seed);
        this.valid = valid;
        this.validSelect = validSelect;
    }

    List<Case> generate(int count) {
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = i % 17;
            // Big bundles are the slow kind: one in 32 keeps the run short and still sends over 150 of them.
            cases.add(next(kind == 6 && (i / 16) % 2 == 1 ? 15 : kind));
        }
        return cases;
    }

    private Case next(int kind) {
        return switch (kind) {
            case 0 -> truncated();
            case 1, 2 -> wrongType();
            case 3 -> hugeString();
            case 4 -> deepNesting();
            case 5 -> unknownHookOrService();
            case 6 -> bigBundle();
            case 7 -> wrongResourceType();
            case 8 -> oddDate();
            case 9 -> duplicateKeys();
            case 10 -> nonUtf8();
            case 11 -> oddHttp();
            case 12 -> oddJsonSyntax();
            case 13 -> oddStrings();
            case 14 -> structural();
            case 16 -> issue29();
            default -> mixed();
        };
    }

    private Case truncated() {
        byte[] body = bytes(base());
        int cut = random.nextInt(body.length);
        return post("truncated", java.util.Arrays.copyOf(body, cut));
    }

    private Case wrongType() {
        ObjectNode request = base();
        replaceRandom(request, randomValue());
        return post("wrong-type", bytes(request));
    }

    private Case hugeString() {
        ObjectNode request = base();
        int size = random.nextInt(20) == 0 ? 1_000_000 + random.nextInt(2_000_000) : 10_000 + random.nextInt(200_000);
        replaceRandom(request, NODES.textNode("A".repeat(size)));
        return post("huge-string", bytes(request));
    }

    private Case deepNesting() {
        int depth = new int[] {50, 200, 999, 1001, 3000, 20000, 200000}[random.nextInt(7)];
        if (random.nextBoolean()) {
            return post("deep-array", ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
        }
        // Nested objects inside a FHIR resource the service parses (extension within extension ...).
        String nested = "{\"url\":\"http://x\",\"extension\":[".repeat(Math.min(depth, 2000))
                + "{\"url\":\"http://x\",\"valueString\":\"x\"}" + "]}".repeat(Math.min(depth, 2000));
        String body = bytesAsString(base())
                .replaceFirst(
                        "\"status\":\"draft\"",
                        "\"status\":\"draft\",\"extension\":[" + nested.replace("$", "\\$") + "]");
        return post("deep-fhir", body.getBytes(StandardCharsets.UTF_8));
    }

    private Case unknownHookOrService() {
        if (random.nextBoolean()) {
            ObjectNode request = base();
            request.put("hook", pick(new String[] {
                "patient-view", "order-sign ", "ORDER-SIGN", "order-select", "x", "appointment-book"
            }));
            return post("unknown-hook", bytes(request));
        }
        return new Case(
                "unknown-service", "POST", "/cds-services/" + pick(ODD_IDS), "application/json", null, bytes(base()));
    }

    private Case bigBundle() {
        ObjectNode request = base();
        int n = 500 + random.nextInt(4500);
        if (random.nextBoolean()) {
            ArrayNode entries = ((ObjectNode) request.path("context").path("draftOrders")).putArray("entry");
            for (int i = 0; i < n; i++) {
                ObjectNode order = HsgOrders.draftOrder("o" + i, "p1");
                if (random.nextInt(10) != 0) {
                    ((ObjectNode) order.path("code").path("coding").path(0))
                            .put("code", "12345")
                            .remove("display");
                }
                entries.addObject().set("resource", order);
            }
        } else {
            ObjectNode conditions = ((ObjectNode) request.path("prefetch")).putObject(CONDITIONS);
            conditions.put("resourceType", "Bundle").put("type", "searchset");
            ArrayNode entries = conditions.putArray("entry");
            for (int i = 0; i < n; i++) {
                ObjectNode condition = entries.addObject().putObject("resource");
                condition.put("resourceType", "Condition").put("id", "c" + i);
                FhirJson.concept(condition, "code", "http://snomed.info/sct", "77386006", null);
                condition.putObject("subject").put("reference", "Patient/p1");
            }
        }
        return post("big-bundle", bytes(request));
    }

    private Case wrongResourceType() {
        ObjectNode request = base();
        ObjectNode prefetch = (ObjectNode) request.path("prefetch");
        String key = pick(HookRequest.requiredKeys().toArray(String[]::new));
        JsonNode value = switch (random.nextInt(5)) {
            case 0 -> NODES.objectNode().put("resourceType", pick(TYPES)).put("id", "x");
            case 1 -> NODES.arrayNode().add(NODES.objectNode().put("resourceType", "Condition"));
            case 2 -> NODES.textNode("Bundle");
            case 3 -> bundleOf(pick(TYPES));
            default -> NODES.objectNode().put("id", "no-type");
        };
        prefetch.set(key, value);
        if (random.nextInt(4) == 0) {
            ((ObjectNode) request.path("context")).set("draftOrders", bundleOf(pick(TYPES)));
        }
        return post("wrong-resource-type", bytes(request));
    }

    private Case oddDate() {
        ObjectNode request = base();
        String date = pick(ODD_DATES);
        String body = bytesAsString(request);
        body = switch (random.nextInt(4)) {
            case 0 -> body.replaceAll("\"occurrenceDateTime\":\"[^\"]*\"", "\"occurrenceDateTime\":" + quote(date));
            case 1 -> body.replaceAll("\"valueDateTime\":\"[^\"]*\"", "\"valueDateTime\":" + quote(date));
            case 2 -> body.replaceAll("\"birthDate\":\"[^\"]*\"", "\"birthDate\":" + quote(date));
            default -> body.replaceAll("\"effectiveDateTime\":\"[^\"]*\"", "\"effectiveDateTime\":" + quote(date));
        };
        return post("odd-date", body.getBytes(StandardCharsets.UTF_8));
    }

    private Case duplicateKeys() {
        String body = bytesAsString(base());
        body = switch (random.nextInt(3)) {
            case 0 -> "{\"hook\":\"patient-view\"," + body.substring(1);
            case 1 -> body.replaceFirst("\"patientId\":", "\"patientId\":\"other\",\"patientId\":");
            default ->
                body.replaceFirst(
                        "\"resourceType\":\"Bundle\"", "\"resourceType\":\"Bundle\",\"resourceType\":\"Patient\"");
        };
        return post("duplicate-keys", body.getBytes(StandardCharsets.UTF_8));
    }

    private Case nonUtf8() {
        byte[] body = bytes(base());
        switch (random.nextInt(5)) {
            case 0 -> body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(0x80));
            case 1 -> body = bytesAsString(base()).replace("Hanna", "Hänna").getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> body = bytesAsString(base()).getBytes(StandardCharsets.UTF_16);
            case 3 -> {
                body = new byte[random.nextInt(2000)];
                random.nextBytes(body);
            }
            default ->
                body = concat(new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, body);
        }
        return post("non-utf8", body);
    }

    private Case oddHttp() {
        String path = random.nextBoolean() ? HOOK : "/cds-services";
        String method = pick(new String[] {"PUT", "DELETE", "PATCH", "GET", "POST", "OPTIONS", "HEAD"});
        String type = pick(new String[] {
            "text/plain",
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1",
            "application/fhir+json",
            "application/json;;",
            "*/*",
            "",
            "application/json",
            "application/json; charset=UTF-16"
        });
        String accept =
                pick(new String[] {null, "text/html", "application/xml", "*/*", "application/json;q=0", "image/png"});
        return new Case("odd-http", method, path, type, accept, bytes(base()));
    }

    private Case oddJsonSyntax() {
        String body = pick(new String[] {
            "",
            "null",
            "[]",
            "\"order-sign\"",
            "0",
            "true",
            "{",
            "}",
            "{}",
            "{\"hook\":NaN}",
            "{\"hook\":Infinity}",
            "{/*c*/\"hook\":\"order-sign\"}",
            "{'hook':'order-sign'}",
            "{\"hook\":\"order-sign\",}",
            "\uFEFF{}",
            "{\"a\":1e999999}",
            "{\"context\":{\"patientId\":" + "9".repeat(5000) + "}}",
            "{\"hook\":\"\\uZZZZ\"}",
            "{\"hook\":\"order-sign\"}garbage",
            "{\"context\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}"
        });
        return post("odd-json", body.getBytes(StandardCharsets.UTF_8));
    }

    private Case oddStrings() {
        ObjectNode request = base();
        replaceRandom(request, NODES.textNode(pick(ODD_STRINGS)));
        return post("odd-string", bytes(request));
    }

    private Case structural() {
        ObjectNode request = random.nextBoolean() ? base() : validSelect.deepCopy();
        switch (random.nextInt(6)) {
            case 0 -> request.remove(pick(new String[] {"hook", "hookInstance", "context", "prefetch"}));
            case 1 ->
                ((ObjectNode) request.path("context"))
                        .remove(pick(new String[] {"patientId", "draftOrders", "selections", "userId"}));
            case 2 -> {
                ObjectNode prefetch = (ObjectNode) request.path("prefetch");
                for (int i = 0; i < 5000; i++) {
                    prefetch.put("k" + i, i);
                }
            }
            case 3 -> {
                ArrayNode selections = ((ObjectNode) request.path("context")).putArray("selections");
                for (int i = 0; i < 3000; i++) {
                    selections.add("ServiceRequest/x" + i);
                }
            }
            case 4 ->
                request.putObject("fhirAuthorization")
                        .put("access_token", "t")
                        .put("token_type", pick(new String[] {"MAC", "", "bearer"}))
                        .put("expires_in", "soon");
            default ->
                request.put("fhirServer", pick(new String[] {
                    "http://169.254.169.254/latest/meta-data",
                    "file:///etc/passwd",
                    "gopher://x",
                    "https://ehr.example.org/fhir"
                }));
        }
        return new Case(
                "structural",
                "POST",
                request == validSelect || request.path("hook").asText().equals("order-select") ? SELECT : HOOK,
                "application/json",
                null,
                bytes(request));
    }

    private Case mixed() {
        ObjectNode request = base();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            replaceRandom(request, random.nextBoolean() ? randomValue() : NODES.textNode(pick(ODD_STRINGS)));
        }
        return post("mixed", bytes(request));
    }

    // ---- helpers

    private ObjectNode base() {
        return valid.deepCopy();
    }

    private static final String[] REPORT_DATES = {
        "+999999999-12-31", "-999999999-01-01", "+10000-01-01", "0000-01-01", "9999-12-31", "2025-02-30", "x"
    };

    /**
     * Issue 29: record text carrying Markdown and HTML, report dates out of range, the workbench's
     * unauthenticated endpoints with hostile Markdown or too many cards, feedback that cannot be stored,
     * the error page asked for directly, Private Network Access preflights, a prefetch of empty entries.
     */
    private Case issue29() {
        switch (random.nextInt(9)) {
            case 0, 1 -> {
                ObjectNode request = base();
                ObjectNode conditions = ((ObjectNode) request.path("prefetch")).putObject(CONDITIONS);
                conditions.put("resourceType", "Bundle").put("type", "searchset");
                ObjectNode condition = conditions.putArray("entry").addObject().putObject("resource");
                condition.put("resourceType", "Condition").put("id", "c1");
                condition
                        .putObject("clinicalStatus")
                        .putArray("coding")
                        .addObject()
                        .put("code", "active");
                ObjectNode code = condition.putObject("code");
                code.put("text", pick(MarkupPayloads.PAYLOADS.toArray(String[]::new)));
                code.putArray("coding")
                        .addObject()
                        .put("system", random.nextBoolean() ? "http://snomed.info/sct" : "[x](javascript:1)")
                        .put("code", "77386006")
                        .put("display", pick(MarkupPayloads.PAYLOADS.toArray(String[]::new)));
                condition.putObject("subject").put("reference", "Patient/p1");
                return post("record-markup", bytes(request));
            }
            case 2 -> {
                String query = (random.nextBoolean() ? "to=" : "from=") + pick(REPORT_DATES);
                return new Case("report-dates", "GET", "/analytics/overrides?" + query, null, null, null);
            }
            case 3 -> {
                String detail = switch (random.nextInt(4)) {
                    case 0 -> ">".repeat(50_000);
                    case 1 -> "<".repeat(60_000);
                    case 2 -> "- ".repeat(30_000) + "x";
                    default -> pick(MarkupPayloads.PAYLOADS.toArray(String[]::new));
                };
                ObjectNode response = NODES.objectNode();
                ArrayNode cards = response.putArray("cards");
                // Many cards or one long detail, each within the API's 256 KB (a bigger body is answered 413
                // while the client still writes it, which the client sees as a reset, not as an answer).
                int count = random.nextInt(5) == 0 ? 201 + random.nextInt(1000) : 1;
                for (int i = 0; i < count; i++) {
                    cards.addObject().put("detail", count == 1 ? detail : "x");
                }
                String path = random.nextBoolean() ? "/workbench/api/render" : "/workbench/api/conformance";
                return new Case("workbench-api", "POST", path, "application/json", null, bytes(response));
            }
            case 4 -> {
                ObjectNode item = NODES.objectNode()
                        .put("card", java.util.UUID.randomUUID().toString())
                        .put("outcome", "overridden")
                        .put(
                                "outcomeTimestamp",
                                random.nextBoolean() ? "+999999999-12-31T00:00:00Z" : "2025-03-01T10:00:00Z");
                if (random.nextBoolean()) {
                    ArrayNode suggestions = item.putArray("acceptedSuggestions");
                    for (int i = 0; i < 41; i++) {
                        suggestions.addObject().put("id", "s".repeat(99));
                    }
                }
                ObjectNode body = NODES.objectNode();
                body.putArray("feedback").add(item);
                return new Case(
                        "feedback-unstorable", "POST", HOOK + "/feedback", "application/json", null, bytes(body));
            }
            case 5 -> {
                return new Case(
                        "error-page",
                        pick(new String[] {"GET", "POST", "PUT"}),
                        "/error",
                        "application/json",
                        null,
                        null);
            }
            case 6 -> {
                return new Case("private-network-preflight", "OPTIONS", HOOK, null, null, null);
            }
            case 7 -> {
                // One card given many outcomes in one post (accepted, then overridden for ever new reasons), to
                // poison the analytics: each is stored or rejected alone, and the card still counts once.
                String card = java.util.UUID.randomUUID().toString();
                ObjectNode body = NODES.objectNode();
                ArrayNode items = body.putArray("feedback");
                for (int i = 0, n = 2 + random.nextInt(19); i < n; i++) {
                    ObjectNode item = items.addObject()
                            .put("card", card)
                            .put("outcome", i % 3 == 0 ? "accepted" : "overridden")
                            .put("outcomeTimestamp", "2025-03-01T10:" + (10 + i) + ":00Z");
                    if (i % 3 == 0) {
                        item.putArray("acceptedSuggestions").addObject().put("id", "s" + i);
                    } else {
                        item.putObject("overrideReason")
                                .putObject("reason")
                                .put("system", "http://example.org/forged")
                                .put("code", "reason-" + random.nextInt(1000))
                                .put("display", pick(MarkupPayloads.PAYLOADS.toArray(String[]::new)));
                    }
                }
                return new Case(
                        "feedback-outcome-flip", "POST", HOOK + "/feedback", "application/json", null, bytes(body));
            }
            default -> {
                ObjectNode request = base();
                ObjectNode conditions = ((ObjectNode) request.path("prefetch")).putObject(CONDITIONS);
                conditions.put("resourceType", "Bundle").put("type", "searchset");
                ArrayNode entries = conditions.putArray("entry");
                int n = random.nextBoolean() ? 1_000 : 210_000;
                for (int i = 0; i < n; i++) {
                    entries.addObject();
                }
                return post("empty-entries", bytes(request));
            }
        }
    }

    private Case post(String kind, byte[] body) {
        return new Case(kind, "POST", HOOK, "application/json", null, body);
    }

    private JsonNode randomValue() {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(1e308);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode();
            case 5 -> NODES.objectNode();
            case 6 -> NODES.textNode(pick(ODD_STRINGS));
            case 7 -> NODES.arrayNode().add(1).add("two").add(NODES.objectNode());
            case 8 -> NODES.numberNode(new java.math.BigInteger("9".repeat(400)));
            default -> NODES.textNode(pick(ODD_DATES));
        };
    }

    /** Walks down a random path of the tree and replaces the node found there. */
    private void replaceRandom(JsonNode root, JsonNode replacement) {
        JsonNode node = root;
        while (true) {
            List<String> names = new ArrayList<>();
            if (node.isObject()) {
                Iterator<String> it = node.fieldNames();
                it.forEachRemaining(names::add);
            }
            int size = node.isArray() ? node.size() : names.size();
            if (size == 0) {
                return;
            }
            int index = random.nextInt(size);
            JsonNode child = node.isArray() ? node.get(index) : node.get(names.get(index));
            boolean stop = !child.isContainerNode() || child.isEmpty() || random.nextInt(4) == 0;
            if (stop) {
                if (node.isArray()) {
                    ((ArrayNode) node).set(index, replacement);
                } else {
                    ((ObjectNode) node).set(names.get(index), replacement);
                }
                return;
            }
            node = child;
        }
    }

    private ObjectNode bundleOf(String type) {
        ObjectNode bundle = NODES.objectNode().put("resourceType", "Bundle").put("type", "searchset");
        bundle.putArray("entry")
                .addObject()
                .putObject("resource")
                .put("resourceType", type)
                .put("id", "x")
                .put("status", "active");
        return bundle;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quote(String value) {
        return NODES.textNode(value).toString().replace("$", "\\$");
    }

    private static byte[] bytes(JsonNode node) {
        return bytesAsString(node).getBytes(StandardCharsets.UTF_8);
    }

    private static String bytesAsString(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
