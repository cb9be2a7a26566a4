package org.hsgcds.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in one library's ELM, the retrieves without a code filter that can reach only records coded in text or
 * local codes: the single source of a query whose {@code where} is {@code not "Has Standard Coding"(alias.code)}, alone
 * or as an operand of an {@code and}. It also reads the standard systems from that function's own definition, so the
 * filter that drops resources before parsing ({@link RetrieveIndex}) and the CQL cannot disagree. Anything it does
 * not recognise exactly counts as unguarded: every resource of the type is then kept.
 */
final class UncodedGuard {

    static final String FUNCTION = "Has Standard Coding";

    private final JsonNode library;
    private final String libraryName;
    private final Map<String, String> includes = new HashMap<>();
    private final Map<JsonNode, String> guarded = new IdentityHashMap<>();

    UncodedGuard(JsonNode library) {
        this.library = library;
        this.libraryName = library.path("identifier").path("id").asText();
        for (JsonNode include : library.path("includes").path("def")) {
            includes.put(
                    include.path("localIdentifier").asText(),
                    include.path("path").asText());
        }
        for (JsonNode node : library.findParents("type")) {
            if ("Query".equals(node.path("type").asText())) {
                scan(node);
            }
        }
    }

    String libraryName() {
        return libraryName;
    }

    /** The library defining the function that guards this retrieve, when the retrieve is guarded. */
    Optional<String> guardingLibrary(JsonNode retrieve) {
        return Optional.ofNullable(guarded.get(retrieve));
    }

    /**
     * The systems this library's {@code "Has Standard Coding"} calls standard, when it has exactly one such function
     * of the expected shape: {@code Coalesce(exists (concept.coding C where C.system.value in { ... }), false)}.
     */
    Optional<Set<String>> standardSystems() {
        List<JsonNode> functions = new java.util.ArrayList<>();
        for (JsonNode def : library.path("statements").path("def")) {
            if ("FunctionDef".equals(def.path("type").asText())
                    && FUNCTION.equals(def.path("name").asText())) {
                functions.add(def);
            }
        }
        return functions.size() == 1 ? systemsOf(functions.get(0).path("expression")) : Optional.empty();
    }

    private static Optional<Set<String>> systemsOf(JsonNode expression) {
        JsonNode operands = expression.path("operand");
        if (!"Coalesce".equals(expression.path("type").asText())
                || operands.size() != 2
                || !"Literal".equals(operands.get(1).path("type").asText())
                || !"false".equals(operands.get(1).path("value").asText())) {
            return Optional.empty();
        }
        List<JsonNode> lists = ofType(expression, "List");
        if (lists.size() != 1
                || ofType(expression, "In").size() != 1
                || ofType(expression, "Exists").size() != 1) {
            return Optional.empty();
        }
        Set<String> systems = new HashSet<>();
        for (JsonNode element : lists.get(0).path("element")) {
            if (!"Literal".equals(element.path("type").asText())
                    || !element.path("valueType").asText().endsWith("}String")) {
                return Optional.empty();
            }
            systems.add(element.path("value").asText());
        }
        return systems.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(systems));
    }

    private static List<JsonNode> ofType(JsonNode tree, String type) {
        return tree.findParents("type").stream()
                .filter(node -> type.equals(node.path("type").asText()))
                .toList();
    }

    private void scan(JsonNode query) {
        JsonNode sources = query.path("source");
        if (sources.size() != 1) {
            return;
        }
        JsonNode retrieve = sources.get(0).path("expression");
        if (!"Retrieve".equals(retrieve.path("type").asText()) || retrieve.has("codes")) {
            return;
        }
        String alias = sources.get(0).path("alias").asText();
        guardLibrary(query.path("where"), alias).ifPresent(guard -> guarded.put(retrieve, guard));
    }

    private Optional<String> guardLibrary(JsonNode where, String alias) {
        String type = where.path("type").asText();
        if ("And".equals(type)) {
            for (JsonNode operand : where.path("operand")) {
                Optional<String> found = guardLibrary(operand, alias);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        JsonNode call = where.path("operand");
        if (!"Not".equals(type)
                || !"FunctionRef".equals(call.path("type").asText())
                || !FUNCTION.equals(call.path("name").asText())
                || call.path("operand").size() != 1) {
            return Optional.empty();
        }
        JsonNode argument = call.path("operand").get(0);
        if (!"Property".equals(argument.path("type").asText())
                || !"code".equals(argument.path("path").asText())
                || !alias.equals(argument.path("scope").asText())
                || argument.has("source")) {
            return Optional.empty();
        }
        if (call.has("libraryName")) {
            return Optional.ofNullable(includes.get(call.path("libraryName").asText()));
        }
        return Optional.of(libraryName);
    }
}
