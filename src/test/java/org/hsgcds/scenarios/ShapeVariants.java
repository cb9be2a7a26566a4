package org.hsgcds.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.hsgcds.testsupport.HookRequest;

/**
 * Re-expresses the records of a hook request in the other shapes an EHR may send for the same fact (RULES.md v3):
 * a coded concept as text only or under a local code with the standard display; a coded result as words; a clinical
 * status as text, in another letter case or in a local code; a date as a time in UTC; a procedure's date as a period;
 * a searchset split into pages with a {@code next} link; a pregnancy Condition as a pregnancy-status Observation.
 * Each variant changes one record in one way and keeps its meaning, so a request that did not earn the all-clear must
 * not earn it in any variant.
 */
final class ShapeVariants {

    record Variant(String name, ObjectNode request) {}

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LOCAL = "http://ehr.example.org/local-codes";
    private static final List<String> KEYS = HookRequest.searchKeys();
    private static final String CONDITIONS = HookRequest.prefetchKey("Condition");
    private static final String OBSERVATIONS = HookRequest.prefetchKey("Observation");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Map<String, String> POSITIVE_ANSWERS = Map.of(
            "10828004",
            "Positive",
            "260373001",
            "Detected",
            "LA6576-8",
            "Positive",
            "77386006",
            "Pregnant",
            "LA15173-0",
            "Pregnant");

    private ShapeVariants() {}

    /** Every variant of the request: one per record and applicable shape. */
    static List<Variant> of(ObjectNode request) {
        List<Variant> variants = new ArrayList<>();
        for (String key : KEYS) {
            JsonNode bundle = request.path("prefetch").path(key);
            JsonNode entries = bundle.path("entry");
            for (int i = 0; i < entries.size(); i++) {
                JsonNode resource = entries.get(i).path("resource");
                if (!resource.isObject() || isLmp(resource)) {
                    continue;
                }
                String label = key + "[" + resource.path("id").asText(Integer.toString(i)) + "] ";
                for (Map.Entry<String, UnaryOperator<ObjectNode>> shape :
                        shapes(resource).entrySet()) {
                    ObjectNode copy = request.deepCopy();
                    ObjectNode target = (ObjectNode)
                            copy.path("prefetch").path(key).path("entry").get(i).get("resource");
                    ObjectNode changed = shape.getValue().apply(target.deepCopy());
                    if (changed != null && !changed.equals(target)) {
                        ((ObjectNode) copy.path("prefetch")
                                        .path(key)
                                        .path("entry")
                                        .get(i))
                                .set("resource", changed);
                        variants.add(new Variant(label + shape.getKey(), copy));
                    }
                }
                if (CONDITIONS.equals(key) && isCoded(resource, "77386006", "Z33.1", "72892002")) {
                    variants.add(new Variant(
                            label + "as a pregnancy-status Observation", pregnancyAsObservation(request, i)));
                }
            }
            if (entries.size() > 0) {
                variants.add(new Variant(key + " split into pages, no fhirServer", paged(request, key)));
                variants.add(new Variant(key + " total larger than the entries sent", withTotal(request, key)));
            }
        }
        return variants;
    }

    private static Map<String, UnaryOperator<ObjectNode>> shapes(JsonNode resource) {
        Map<String, UnaryOperator<ObjectNode>> shapes = new java.util.LinkedHashMap<>();
        String type = resource.path("resourceType").asText();
        String codeField = "code";
        if (resource.path(codeField).path("coding").size() > 0) {
            shapes.put("code as text only", r -> textOnly(r, codeField));
            shapes.put("code in a local system with the standard display", r -> localCode(r, codeField));
        }
        if (("Condition".equals(type) || "AllergyIntolerance".equals(type)) && statusCountsNow(resource)) {
            shapes.put("clinicalStatus as text only", r -> status(r, null, null, "Active"));
            shapes.put(
                    "clinicalStatus 'Active' with a capital A",
                    r -> status(r, standardStatusSystem(type), "Active", null));
            shapes.put("clinicalStatus in a local code", r -> status(r, LOCAL, "A", null));
            shapes.put("no clinicalStatus", r -> {
                r.remove("clinicalStatus");
                return r;
            });
        }
        if ("Observation".equals(type)) {
            JsonNode value = resource.path("valueCodeableConcept");
            String answer = firstAnswer(value);
            if (answer != null) {
                shapes.put("coded answer as valueString", r -> {
                    r.remove("valueCodeableConcept");
                    return r.put("valueString", answer);
                });
                shapes.put("coded answer as a local code with text", r -> {
                    ObjectNode concept = JSON.objectNode();
                    concept.putArray("coding").addObject().put("system", LOCAL).put("code", "R1");
                    concept.put("text", answer.toUpperCase(java.util.Locale.ROOT));
                    r.set("valueCodeableConcept", concept);
                    return r;
                });
            }
            if (resource.path("valueString").isTextual()) {
                String text = resource.path("valueString").asText();
                shapes.put("valueString as a CodeableConcept's text", r -> {
                    r.remove("valueString");
                    r.putObject("valueCodeableConcept").put("text", text);
                    return r;
                });
            }
        }
        for (String field : List.of(
                "onsetDateTime", "abatementDateTime", "effectiveDateTime", "performedDateTime", "recordedDate")) {
            if (DATE.matcher(resource.path(field).asText()).matches()) {
                shapes.put(
                        field + " as noon UTC", r -> r.put(field, r.path(field).asText() + "T12:00:00Z"));
            }
        }
        if (resource.has("performedDateTime")) {
            shapes.put("performedDateTime as a period", r -> {
                String when = r.remove("performedDateTime").asText();
                r.putObject("performedPeriod").put("start", when).put("end", when);
                return r;
            });
        }
        if ("Procedure".equals(type)
                && "completed".equals(resource.path("status").asText())) {
            shapes.put("status stopped", r -> r.put("status", "stopped"));
            shapes.put("status in-progress", r -> r.put("status", "in-progress"));
        }
        return shapes;
    }

    private static boolean isLmp(JsonNode resource) {
        return isCoded(resource, "8665-2", "21840007");
    }

    private static boolean isCoded(JsonNode resource, String... codes) {
        for (JsonNode coding : resource.path("code").path("coding")) {
            for (String code : codes) {
                if (code.equals(coding.path("code").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean statusCountsNow(JsonNode resource) {
        JsonNode status = resource.path("clinicalStatus");
        if (status.isMissingNode()) {
            return true;
        }
        for (JsonNode coding : status.path("coding")) {
            if (Set.of("active", "recurrence", "relapse")
                    .contains(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String standardStatusSystem(String type) {
        return "Condition".equals(type)
                ? "http://terminology.hl7.org/CodeSystem/condition-clinical"
                : "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    }

    private static ObjectNode status(ObjectNode resource, String system, String code, String text) {
        ObjectNode status = JSON.objectNode();
        if (code != null) {
            status.putArray("coding")
                    .addObject()
                    .put("system", system)
                    .put("code", code)
                    .put("display", "Active");
        }
        if (text != null) {
            status.put("text", text);
        }
        resource.set("clinicalStatus", status);
        return resource;
    }

    private static ObjectNode textOnly(ObjectNode resource, String field) {
        String words = words(resource.path(field));
        if (words == null) {
            return null;
        }
        resource.putObject(field).put("text", words);
        return resource;
    }

    private static ObjectNode localCode(ObjectNode resource, String field) {
        String words = words(resource.path(field));
        if (words == null) {
            return null;
        }
        ObjectNode concept = resource.putObject(field);
        concept.putArray("coding")
                .addObject()
                .put("system", LOCAL)
                .put("code", "L-1")
                .put("display", words);
        return resource;
    }

    /** The concept's text, else its first display: what an EHR shows for it. */
    private static String words(JsonNode concept) {
        if (concept.path("text").isTextual()) {
            return concept.path("text").asText();
        }
        for (JsonNode coding : concept.path("coding")) {
            if (coding.path("display").isTextual()) {
                return coding.path("display").asText();
            }
        }
        return null;
    }

    private static String firstAnswer(JsonNode concept) {
        for (JsonNode coding : concept.path("coding")) {
            String words = POSITIVE_ANSWERS.get(coding.path("code").asText());
            if (words != null) {
                return words;
            }
        }
        return null;
    }

    private static ObjectNode pregnancyAsObservation(ObjectNode request, int index) {
        ObjectNode copy = request.deepCopy();
        ArrayNode conditions =
                (ArrayNode) copy.path("prefetch").path(CONDITIONS).path("entry");
        JsonNode condition = conditions.remove(index).path("resource");
        ObjectNode observation = JSON.objectNode();
        observation
                .put("resourceType", "Observation")
                .put("id", "status-" + condition.path("id").asText());
        observation.put("status", "final");
        observation
                .putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", "http://loinc.org")
                .put("code", "82810-3")
                .put("display", "Pregnancy status");
        observation.set("subject", condition.path("subject").deepCopy());
        String date = condition
                .path("onsetDateTime")
                .asText(condition.path("recordedDate").asText(""));
        if (!date.isEmpty()) {
            observation.put("effectiveDateTime", date);
        }
        observation
                .putObject("valueCodeableConcept")
                .putArray("coding")
                .addObject()
                .put("system", "http://loinc.org")
                .put("code", "LA15173-0")
                .put("display", "Pregnant");
        ObjectNode observations = (ObjectNode) copy.path("prefetch").path(OBSERVATIONS);
        ((ArrayNode) observations.withArray("entry")).addObject().set("resource", observation);
        return copy;
    }

    /** The first half of the entries, with a {@code next} link to the rest, which nobody can fetch (no fhirServer). */
    private static ObjectNode paged(ObjectNode request, String key) {
        ObjectNode copy = request.deepCopy();
        copy.remove("fhirServer");
        copy.remove("fhirAuthorization");
        ObjectNode bundle = (ObjectNode) copy.path("prefetch").path(key);
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        int keep = entries.size() / 2;
        for (Iterator<JsonNode> it = entries.iterator(); it.hasNext(); ) {
            it.next();
            if (keep-- <= 0) {
                it.remove();
            }
        }
        bundle.putArray("link")
                .addObject()
                .put("relation", "next")
                .put("url", "https://ehr.example.org/fhir/" + key + "?page=2");
        return copy;
    }

    private static ObjectNode withTotal(ObjectNode request, String key) {
        ObjectNode copy = request.deepCopy();
        ObjectNode bundle = (ObjectNode) copy.path("prefetch").path(key);
        bundle.put("total", bundle.path("entry").size() + 1);
        return copy;
    }
}
