package org.hsgcds.prefetch;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the JSON shape of FHIR resources against the R4 model before HAPI reads them: a known resource type in the
 * right case, an object where an element is a complex type, a list where it repeats, a single value where it does
 * not, and a JSON value (not an object or list) where it is a primitive. HAPI's lenient parser drops such elements
 * (or whole entries) without a word; a record that lost them would read as a record without the finding. Unknown
 * elements stay tolerated, and a primitive's JSON scalar type (a number written as a string) is left to HAPI,
 * which reads the value either way. Faults are described by element paths of the model and JSON types only,
 * never by values, which may be patient data.
 */
final class FhirJsonShape {

    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z]{1,64}");

    private final FhirContext fhirContext;
    private final Set<String> resourceTypes;

    FhirJsonShape(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
    }

    /** What is wrong with a resource's type, if anything: missing, not text, or not an R4 resource type. */
    Optional<String> typeFault(JsonNode resource) {
        if (!resource.isObject()) {
            return Optional.of("the resource is " + kind(resource) + ", not a JSON object");
        }
        JsonNode type = resource.get("resourceType");
        if (type == null || type.isNull()) {
            return Optional.of("the resource has no resourceType");
        }
        if (!type.isTextual()) {
            return Optional.of("its resourceType is " + kind(type) + ", not text");
        }
        if (!resourceTypes.contains(type.asText())) {
            return Optional.of(
                    RESOURCE_NAME.matcher(type.asText()).matches()
                            ? "resourceType '" + type.asText() + "' is not a FHIR R4 resource type"
                            : "its resourceType is not a FHIR R4 resource type");
        }
        return Optional.empty();
    }

    /** The first shape fault of a whole resource (its type included), or empty. */
    Optional<String> fault(JsonNode resource) {
        Optional<String> type = typeFault(resource);
        if (type.isPresent()) {
            return type;
        }
        RuntimeResourceDefinition definition =
                fhirContext.getResourceDefinition(resource.get("resourceType").asText());
        return composite(resource, definition, definition.getName(), null);
    }

    /**
     * The shape fault of one element of a resource whose type is known to be valid, or empty; for the elements a
     * filter reads before the full check (a resource's {@code code}).
     */
    Optional<String> elementFault(JsonNode resource, String element) {
        JsonNode value = resource.get(element);
        if (value == null) {
            return Optional.empty();
        }
        RuntimeResourceDefinition definition =
                fhirContext.getResourceDefinition(resource.get("resourceType").asText());
        BaseRuntimeChildDefinition child = definition.getChildByName(element);
        return child == null ? Optional.empty() : child(element, value, child, definition.getName() + "." + element);
    }

    /** The fault of an object's fields; {@code skip} is a field left to the caller (a Bundle's entries). */
    Optional<String> composite(
            JsonNode object, BaseRuntimeElementCompositeDefinition<?> definition, String path, String skip) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals(skip)
                    || name.startsWith("_")
                    || name.equals("resourceType")
                    || name.equals("fhir_comments")) {
                continue;
            }
            BaseRuntimeChildDefinition child = definition.getChildByName(name);
            if (child == null) {
                continue; // unknown elements are tolerated
            }
            Optional<String> fault = child(name, field.getValue(), child, path + "." + name);
            if (fault.isPresent()) {
                return fault;
            }
        }
        return Optional.empty();
    }

    private Optional<String> child(String name, JsonNode value, BaseRuntimeChildDefinition child, String path) {
        if (value.isNull()) {
            return Optional.empty();
        }
        boolean repeats = child.getMax() != 1;
        if (repeats && !value.isArray()) {
            return Optional.of(path + " is " + kind(value) + " where a list is expected");
        }
        if (!repeats && value.isArray()) {
            return Optional.of(path + " is a list where a single value is expected");
        }
        BaseRuntimeElementDefinition<?> type = child.getChildByName(name);
        if (!repeats) {
            return element(value, type, path);
        }
        for (JsonNode item : value) {
            // null items are allowed in lists of primitives, to align them with their "_" extensions
            Optional<String> fault = item.isNull() ? Optional.empty() : element(item, type, path);
            if (fault.isPresent()) {
                return fault;
            }
        }
        return Optional.empty();
    }

    private Optional<String> element(JsonNode value, BaseRuntimeElementDefinition<?> type, String path) {
        if (type == null) {
            // a resource slot (Bundle.entry.resource, contained, Parameters.parameter.resource)
            return value.has("resourceType") || value.isObject() ? nested(value, path) : Optional.empty();
        }
        return switch (type.getChildType()) {
            case PRIMITIVE_DATATYPE, ID_DATATYPE, PRIMITIVE_XHTML, PRIMITIVE_XHTML_HL7ORG ->
                value.isValueNode()
                        ? Optional.empty()
                        : Optional.of(
                                path + " is " + kind(value) + " where a " + type.getName() + " value is expected");
            case COMPOSITE_DATATYPE, RESOURCE_BLOCK ->
                value.isObject()
                        ? composite(value, (BaseRuntimeElementCompositeDefinition<?>) type, path, null)
                        : Optional.of(path + " is " + kind(value) + " where a " + typeName(type) + " is expected");
            case RESOURCE, CONTAINED_RESOURCES, CONTAINED_RESOURCE_LIST -> nested(value, path);
            default -> Optional.empty();
        };
    }

    private Optional<String> nested(JsonNode value, String path) {
        return fault(value).map(fault -> path + ": " + fault);
    }

    private static String typeName(BaseRuntimeElementDefinition<?> type) {
        return type.getChildType() == BaseRuntimeElementDefinition.ChildTypeEnum.RESOURCE_BLOCK
                ? "JSON object"
                : type.getName();
    }

    /** The JSON kind of a value, as a reason names it. */
    static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "text";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "true/false";
        }
        return "null";
    }
}
