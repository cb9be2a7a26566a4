package org.hsgcds.content;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the site protocol: {@code fhir-resources/site-protocol.json} from the content (every key, the
 * defaults), then the site's override file over it, which may give only some keys. Unknown keys and
 * values of the wrong JSON type are refused, like out-of-range values: a misspelt key would otherwise
 * leave a default in force without anyone noticing.
 */
final class SiteProtocolFile {

    static final String BUNDLED_FILE = "fhir-resources/site-protocol.json";
    private static final Set<String> INTEGERS = Set.of(
            "windowStartDay",
            "windowEndDay",
            "recentEventDays",
            "hcgRecencyDays",
            "dischargeCheckDays",
            "chlamydiaResultDays",
            "chlamydiaScreeningMonths",
            "resolvedInflammationDays");
    private static final Set<String> DECIMALS = Set.of("hcgPositiveThreshold", "hcgNegativeThreshold");
    private static final Set<String> TEXTS =
            Set.of("prophylaxisRegimen", "preparationText", "aftercareText", "clinicContact", "timeZone");
    /** Keys the bundled file may leave out: the time zone defaults to the JVM's. */
    private static final Set<String> OPTIONAL = Set.of("timeZone");
    /** Every key, in the bundled file's order. */
    static final List<String> KEYS = List.of(
            "windowStartDay",
            "windowEndDay",
            "recentEventDays",
            "hcgRecencyDays",
            "hcgPositiveThreshold",
            "hcgNegativeThreshold",
            "dischargeCheckDays",
            "chlamydiaResultDays",
            "chlamydiaScreeningMonths",
            "resolvedInflammationDays",
            "timeZone",
            "prophylaxisRegimen",
            "preparationText",
            "aftercareText",
            "clinicContact");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SiteProtocolFile() {}

    /**
     * @param base the content location ("classpath:", "file:/dir/")
     * @param overrideLocation the site's file ("file:/path/protocol.json"; a bare path is taken as a file), or null
     */
    static SiteProtocol read(String base, String overrideLocation) {
        String bundledLocation = base + BUNDLED_FILE;
        ObjectNode values = object(bundledLocation, ContentLoader.read(bundledLocation));
        List<String> missing = KEYS.stream()
                .filter(k -> !values.has(k) && !OPTIONAL.contains(k))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new ContentException(bundledLocation + " must give every key; missing " + missing);
        }
        String source = SiteProtocol.BUNDLED;
        if (overrideLocation != null && !overrideLocation.isBlank()) {
            source = overrideLocation.contains(":") ? overrideLocation : "file:" + overrideLocation;
            values.setAll(object(source, ContentLoader.read(source)));
        }
        return protocol(values, source);
    }

    private static ObjectNode object(String location, Map<String, String> files) {
        if (files.size() != 1) {
            throw new ContentException("Site protocol " + location + " is missing or cannot be read");
        }
        JsonNode node;
        try {
            node = JSON.readTree(files.values().iterator().next());
        } catch (JsonProcessingException e) {
            throw new ContentException(
                    "Site protocol " + location + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ContentException("Site protocol " + location + " must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ContentException("Site protocol " + location + " has unknown key(s) " + unknown + "; known keys: "
                    + String.join(", ", KEYS));
        }
        return object;
    }

    private static SiteProtocol protocol(ObjectNode values, String source) {
        List<String> problems = new ArrayList<>();
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) values::fields) {
            JsonNode value = field.getValue();
            String key = field.getKey();
            if (INTEGERS.contains(key) && !(value.isIntegralNumber() && value.canConvertToInt())) {
                problems.add(key + " must be a whole number, got " + value);
            } else if (DECIMALS.contains(key) && !value.isNumber()) {
                problems.add(key + " must be a number, got " + value);
            } else if (TEXTS.contains(key) && !value.isTextual()) {
                problems.add(key + " must be text, got " + value);
            }
        }
        if (!problems.isEmpty()) {
            throw new ContentException(
                    "Site protocol (" + source + ") is invalid:\n  " + String.join("\n  ", problems));
        }
        return new SiteProtocol(
                values.get("windowStartDay").intValue(),
                values.get("windowEndDay").intValue(),
                values.get("recentEventDays").intValue(),
                values.get("hcgRecencyDays").intValue(),
                decimal(values.get("hcgPositiveThreshold")),
                decimal(values.get("hcgNegativeThreshold")),
                values.get("dischargeCheckDays").intValue(),
                values.get("chlamydiaResultDays").intValue(),
                values.get("chlamydiaScreeningMonths").intValue(),
                values.get("resolvedInflammationDays").intValue(),
                zone(values.get("timeZone"), source),
                values.get("prophylaxisRegimen").textValue(),
                values.get("preparationText").textValue(),
                values.get("aftercareText").textValue(),
                values.get("clinicContact").textValue(),
                source);
    }

    /** An IANA zone name; none given is the JVM's zone. An unknown name stops start-up (or the reload). */
    private static ZoneId zone(JsonNode value, String source) {
        if (value == null || value.isNull() || value.textValue().isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value.textValue().strip());
        } catch (DateTimeException e) {
            throw new ContentException("Site protocol (" + source + ") is invalid:\n  timeZone is '" + value.textValue()
                    + "'; allowed: an IANA time zone name such as Asia/Shanghai or America/Los_Angeles");
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
    }
}
