package org.hsgcds.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hsgcds.check.HookRequests;
import org.hsgcds.conformance.CdsHooksConformance;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.orchestration.CpuSlots;
import org.hsgcds.web.ApiRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the workbench page asks besides the CDS endpoints themselves: the examples, building a hook
 * request, the service's own CDS Hooks 2.0 checks on a response, card detail Markdown as safe HTML,
 * and the loaded rules. None of it evaluates rules or stores anything: "Try it" sends the request it
 * built to {@code /cds-services/{id}} and its feedback to {@code /cds-services/{id}/feedback}.
 */
@RestController
@RequestMapping(path = "/workbench/api", produces = MediaType.APPLICATION_JSON_VALUE)
class WorkbenchApiController {

    private final WorkbenchMode mode;
    private final ContentHolder content;
    private final ExampleLibrary examples;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    private final int maxCards;
    private final CpuSlots slots;
    private final Duration renderSlotWait;

    WorkbenchApiController(
            WorkbenchMode mode,
            ContentHolder content,
            ExampleLibrary examples,
            WorkbenchProperties properties,
            CpuSlots slots) {
        this.slots = slots;
        this.renderSlotWait = properties.renderSlotWait();
        this.mode = mode;
        this.content = content;
        this.examples = examples;
        this.maxCards = properties.maxCards();
    }

    /** How much of the page works: {@code full} or {@code read-only}, and whether client JWTs are required. */
    @GetMapping("/mode")
    Map<String, Object> mode() {
        requireOn();
        return Map.of("mode", mode.wireName(), "tryIt", mode == WorkbenchMode.FULL);
    }

    @GetMapping("/rules")
    RulesSummary rules() {
        requireOn();
        return RulesSummary.of(content.current());
    }

    @GetMapping("/examples")
    List<ExampleLibrary.Example> examples() {
        requireFull();
        return examples.list();
    }

    @GetMapping("/examples/{name:[a-z0-9-]+}")
    JsonNode example(@PathVariable("name") String name) {
        requireFull();
        return examples.get(name).orElseThrow(() -> notFound("No example named " + name));
    }

    /** {@code {"source": Bundle or hook request, "service": id, "plannedDate": "YYYY-MM-DD" or absent}} → the hook request. */
    @PostMapping(path = "/request", consumes = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode request(@RequestBody(required = false) ObjectNode body) {
        requireFull();
        if (body == null) {
            throw ApiRequestException.badRequest(
                    "The body must be {\"source\": ..., \"service\": ..., \"plannedDate\": ...}");
        }
        ServiceCatalog services = content.content().services();
        String serviceId = body.path("service").asText("");
        ServiceCatalog.ServiceDefinition service =
                services.find(serviceId).orElseThrow(() -> ApiRequestException.unknownService(serviceId));
        JsonNode date = body.get("plannedDate");
        try {
            return HookRequests.build(
                    body.get("source"), services, service, date == null || date.isNull() ? null : date.asText());
        } catch (HookRequests.UnusableSourceException e) {
            throw ApiRequestException.badRequest(e.getMessage());
        }
    }

    /**
     * The checks the test suite runs on every response, on any response JSON, in two parts: {@code conforms},
     * {@code problems} and {@code checks} for CDS Hooks 2.0 itself; {@code houseRules} the same for this
     * service's stricter rules, which another service's valid response need not keep.
     */
    @PostMapping(path = "/conformance", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> conformance(@RequestBody(required = false) JsonNode response) {
        requireOn();
        requireFewCards(response);
        List<String> problems = response == null
                ? List.of("the body is empty: send the hook response JSON")
                : CdsHooksConformance.specProblems(response);
        List<String> house = response == null ? List.of() : CdsHooksConformance.houseProblems(response);
        return Map.of(
                "conforms",
                problems.isEmpty(),
                "problems",
                problems,
                "checks",
                CdsHooksConformance.SPEC_CHECKS,
                "houseRules",
                Map.of("conforms", house.isEmpty(), "problems", house, "checks", CdsHooksConformance.HOUSE_CHECKS));
    }

    /**
     * Each card's {@code detail} Markdown as HTML that runs nothing, in card order ("" for a card without detail).
     * Rendered in one of the CPU slots hook calls are evaluated in (#29: a caller without a token cannot make
     * renders crowd out hook calls); a render that waits longer than {@code hsg.workbench.render-slot-wait}
     * for one is answered 503.
     */
    @PostMapping(path = "/render", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> render(@RequestBody(required = false) JsonNode response) {
        requireOn();
        requireFewCards(response);
        List<String> details = new ArrayList<>();
        if (response == null) {
            return Map.of("details", details);
        }
        try (CpuSlots.Held ignored = slots.hold(renderSlotWait)) {
            for (JsonNode card : response.path("cards")) {
                details.add(markdown.render(
                        card.path("detail").isTextual() ? card.get("detail").asText() : null));
            }
        }
        return Map.of("details", details);
    }

    /**
     * A response to check or render holds a handful of cards; the body limit keeps the bytes small, this
     * keeps the work small (each card is checked or rendered on its own).
     */
    private void requireFewCards(JsonNode response) {
        if (response != null && response.path("cards").size() > maxCards) {
            throw new ApiRequestException(
                    HttpStatus.BAD_REQUEST,
                    "too_many_cards",
                    "At most " + maxCards + " cards are checked or rendered at once (hsg.workbench.max-cards)");
        }
    }

    private void requireOn() {
        if (mode == WorkbenchMode.OFF) {
            throw notFound("No such endpoint");
        }
    }

    private void requireFull() {
        if (mode != WorkbenchMode.FULL) {
            throw notFound("No such endpoint");
        }
    }

    private static ApiRequestException notFound(String message) {
        return new ApiRequestException(HttpStatus.NOT_FOUND, "not_found", message);
    }
}
