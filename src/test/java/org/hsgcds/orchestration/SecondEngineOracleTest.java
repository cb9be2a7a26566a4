package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.check.CheckMetrics;
import org.hsgcds.check.OrderCheck;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ContentLoader;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleEvaluationException;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.evaluation.RuleInterval;
import org.hsgcds.evaluation.RuleResults;
import org.hsgcds.prefetch.PrefetchMetrics;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.NodeTools;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Concept;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Quantity;
import org.opencds.cqf.cql.engine.runtime.Tuple;

/**
 * A second CQL engine as an oracle (issue 26): cql-execution with cql-exec-fhir (npm, pinned in
 * conformance-check/package-lock.json; the engine behind AHRQ CQL Services, sharing no code with cqframework's Java
 * engine) evaluates the build's JSON ELM ({@code target/classes/elm}: the rule library, HSGCommon and FHIRHelpers) on
 * every evaluation the scenario suites make, and every expression the card definitions read is compared.
 *
 * <p>Each scenario (src/test/resources/scenarios and scenarios-appointment under the bundled protocol,
 * scenarios-second-protocol under protocol/second-site.json, scenarios-time-zone/* under their zone's protocol) is
 * answered by the real hook path ({@link HookService}) with a rule evaluator that records what reached the engine: the
 * patient record, the planned date, today and the site protocol. That record is written as a FHIR Bundle with its
 * parameters under {@code target/cql-oracle/cases}, and {@code conformance-check/cql-oracle.js} evaluates them all in
 * one node process. Two things the service does outside CQL are mirrored in the input, so both engines see the same
 * data: dateTimes with a time and an offset are written in the site's zone (what the service's model resolver does,
 * RULES.md v3), and each value set is given as the codes the service's terminology says are in it (its enumerated codes
 * plus the codes of the cases that its ICD-10-CM prefixes cover: cql-execution's code service matches codes exactly).
 *
 * <p>Any disagreement fails the test unless {@code src/test/resources/conformance/engine-differences.json} explains it:
 * each entry names the expression, the scenarios, the kind of difference and the hazard-log entry (docs/clinical-
 * safety.md) that explains it; an entry that explains nothing fails too (it is stale). Skipped when node or the
 * installed modules are missing, unless HSG_TEST_NODE_REQUIRED is true (.ci/run sets it after {@code npm ci}).
 */
class SecondEngineOracleTest {

    static final Path CHECK = Path.of("conformance-check");
    static final Path WORK = Path.of("target/cql-oracle");
    static final Path ELM = Path.of("target/classes/elm");
    static final Path DIFFERENCES = Path.of("src/test/resources/conformance/engine-differences.json");
    static final Path HAZARD_LOG = Path.of("docs/clinical-safety.md");
    static final String LIBRARY = "HSGEligibility";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalDate TODAY = FixedClockConfiguration.TODAY;

    /** One scenario directory and the site protocol its suite runs under (null: the bundled one). */
    record Suite(String name, String protocol, List<Path> dirs) {}

    static final List<Suite> SUITES = List.of(
            new Suite(
                    "bundled",
                    null,
                    List.of(
                            Path.of("src/test/resources/scenarios"),
                            Path.of("src/test/resources/scenarios-appointment"))),
            new Suite(
                    "second-site",
                    "classpath:protocol/second-site.json",
                    List.of(Path.of("src/test/resources/scenarios-second-protocol"))),
            new Suite(
                    "los-angeles",
                    "classpath:protocol/los-angeles.json",
                    List.of(Path.of("src/test/resources/scenarios-time-zone/los-angeles"))),
            new Suite(
                    "shanghai",
                    "classpath:protocol/shanghai.json",
                    List.of(Path.of("src/test/resources/scenarios-time-zone/shanghai"))));

    /** What reached our engine in one evaluation, and what it answered (normalised), or its failure. */
    record Evaluation(
            String caseName,
            String scenario,
            ZoneId zone,
            Set<String> expressions,
            PatientRecord record,
            ObjectNode parameters,
            LocalDate planned,
            Map<String, JsonNode> ours,
            String ourError) {}

    /**
     * An explained difference: an expression, the scenarios (regular expression over case names), the two values it
     * explains (each, when given, must be the engine's value exactly; absent: any), its kind and the hazard.
     */
    record Explained(
            String expression,
            Pattern scenarios,
            JsonNode ours,
            JsonNode theirs,
            String kind,
            String hazard,
            String explanation) {

        boolean covers(String expression, String caseName, JsonNode ourValue, JsonNode theirValue) {
            return this.expression.equals(expression)
                    && scenarios.matcher(caseName).matches()
                    && (ours == null || canonical(ours).equals(ourValue))
                    && (theirs == null || canonical(theirs).equals(theirValue));
        }
    }

    @Test
    void bothEnginesAgreeOnEveryExpressionTheCardsReadOrTheDifferenceIsExplained() throws Exception {
        NodeTools.assumeInstalled("HSG_TEST_NODE_REQUIRED", "cql-execution", "cql-exec-fhir");
        assertThat(ELM.resolve(LIBRARY + ".json")).as("the build's JSON ELM").isRegularFile();
        assertThat(ELM.resolve("FHIRHelpers.json")).as("FHIRHelpers' JSON ELM").isRegularFile();
        NodeTools.deleteTree(WORK);
        Path cases = Files.createDirectories(WORK.resolve("cases"));

        List<Evaluation> evaluations = new ArrayList<>();
        int scenarios = 0;
        Map<String, CompiledContent> contents = new LinkedHashMap<>();
        for (Suite suite : SUITES) {
            CompiledContent content = new ContentLoader(FHIR, new ObjectMapper())
                    .withProtocolOverride(suite.protocol())
                    .load("file:./");
            contents.put(suite.name(), content);
            for (Path dir : suite.dirs()) {
                for (Path file : Scenario.files(dir)) {
                    scenarios++;
                    evaluations.addAll(evaluate(suite, content, Scenario.load(file, TODAY)));
                }
            }
        }
        assertThat(scenarios).as("scenarios").isGreaterThan(250);
        assertThat(evaluations).as("evaluations").hasSizeGreaterThan(200);

        Set<String> codes = new TreeSet<>();
        for (Evaluation e : evaluations) {
            ObjectNode input = JSON.createObjectNode();
            input.put("library", LIBRARY);
            ArrayNode names = input.putArray("expressions");
            e.expressions().forEach(names::add);
            input.put("executionDateTime", e.planned() + "T00:00:00.000Z");
            input.set("parameters", e.parameters());
            JsonNode bundle = bundle(e.record(), e.zone());
            collectCodings(bundle, codes);
            input.set("bundle", bundle);
            Files.writeString(cases.resolve(e.caseName() + ".json"), input.toString(), StandardCharsets.UTF_8);
        }
        Path valueSets = WORK.resolve("valuesets.json");
        Files.writeString(
                valueSets, valueSets(contents.values().iterator().next(), codes).toString(), StandardCharsets.UTF_8);

        Path output = WORK.resolve("results.json");
        run(valueSets, cases, output);
        JsonNode oracleOutput = JSON.readTree(Files.readString(output, StandardCharsets.UTF_8));
        JsonNode theirs = oracleOutput.path("cases");
        ObjectNode oursByCase = JSON.createObjectNode();
        for (Evaluation e : evaluations) {
            oursByCase.set(e.caseName(), e.ourError() != null ? errorNode(e.ourError()) : JSON.valueToTree(e.ours()));
        }
        Files.writeString(WORK.resolve("ours.json"), oursByCase.toString(), StandardCharsets.UTF_8);

        List<Explained> explained = explainedDifferences();
        Map<Explained, Integer> used = new LinkedHashMap<>();
        explained.forEach(x -> used.put(x, 0));
        Map<String, Integer> explainedByKind = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        int compared = 0;
        int agreements = 0;
        for (Evaluation e : evaluations) {
            JsonNode other = theirs.path(e.caseName());
            assertThat(other.isObject())
                    .as("the oracle answered " + e.caseName())
                    .isTrue();
            for (String expression : e.expressions()) {
                compared++;
                JsonNode ours = e.ourError() != null
                        ? errorNode(e.ourError())
                        : canonical(e.ours().get(expression));
                JsonNode oracle = other.path(expression).has("error")
                        ? errorNode(other.path(expression).path("error").asText())
                        : canonical(other.path(expression).path("value"));
                if (agree(ours, oracle)) {
                    agreements++;
                    continue;
                }
                Explained why = explained.stream()
                        .filter(x -> x.covers(expression, e.caseName(), ours, oracle))
                        .findFirst()
                        .orElse(null);
                if (why == null) {
                    unexplained.add(e.caseName() + " / " + expression + ": ours " + ours + ", cql-execution " + oracle);
                } else {
                    used.merge(why, 1, Integer::sum);
                    explainedByKind.merge(why.kind() + " (" + why.hazard() + ")", 1, Integer::sum);
                }
            }
        }

        ObjectNode summary = JSON.createObjectNode();
        summary.put("scenarios", scenarios);
        summary.put(
                "scenariosEvaluated",
                evaluations.stream()
                        .map(e -> e.caseName().substring(0, e.caseName().lastIndexOf("__")))
                        .distinct()
                        .count());
        summary.put("evaluations", evaluations.size());
        summary.put("expressionsPerEvaluation", evaluations.get(0).expressions().size());
        summary.put("compared", compared);
        summary.put("agreements", agreements);
        summary.set("explainedByKind", JSON.valueToTree(explainedByKind));
        summary.put("unexplained", unexplained.size());
        summary.set("oracleAdaptations", oracleOutput.path("adaptations"));
        Files.writeString(WORK.resolve("summary.json"), summary.toPrettyString(), StandardCharsets.UTF_8);
        System.out.println("Second-engine oracle: " + summary);

        assertThat(unexplained.size())
                .as("disagreements between the engines that engine-differences.json does not explain (first 40; all"
                        + " values in " + WORK + "/ours.json and results.json):\n"
                        + String.join("\n", unexplained.subList(0, Math.min(40, unexplained.size()))))
                .isZero();
        assertThat(used.entrySet().stream()
                        .filter(u -> u.getValue() == 0)
                        .map(u -> u.getKey().expression() + " / "
                                + u.getKey().scenarios().pattern())
                        .toList())
                .as("entries of " + DIFFERENCES + " that explain no disagreement (stale)")
                .isEmpty();
        assertThat(agreements).as("agreements").isGreaterThan(compared / 2);
    }

    @Test
    void everyExplainedDifferenceNamesAHazardOfTheLog() throws IOException {
        String log = Files.readString(HAZARD_LOG, StandardCharsets.UTF_8);
        Set<String> hazards = new TreeSet<>();
        Matcher m = Pattern.compile("^## (H-\\d{2}) ", Pattern.MULTILINE).matcher(log);
        while (m.find()) {
            hazards.add(m.group(1));
        }
        assertThat(explainedDifferences()).allSatisfy(x -> {
            assertThat(hazards).as(x.expression() + ": hazard " + x.hazard()).contains(x.hazard());
            assertThat(x.kind()).as(x.expression() + ": kind").isNotBlank();
            assertThat(x.explanation()).as(x.expression() + ": explanation").hasSizeGreaterThan(40);
        });
    }

    /** Answers one scenario through the hook path, recording every rule evaluation it makes. */
    private static List<Evaluation> evaluate(Suite suite, CompiledContent content, Scenario scenario) {
        List<Evaluation> recorded = new ArrayList<>();
        Clock clock = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        String base = suite.name() + "__" + scenario.name();
        HookService hooks = new HookService(
                new ContentHolder(content, "file:./"),
                compiled -> {
                    ActiveContent real = ActiveContent.of(
                            compiled,
                            FHIR,
                            clock,
                            (server, authorization, queries) -> {
                                throw new IllegalStateException("the oracle runs on prefetched data only");
                            },
                            PrefetchMetrics.NONE,
                            HookMetrics.NONE);
                    RuleEvaluator recording = new RuleEvaluator(compiled) {
                        @Override
                        public RuleResults evaluate(PatientRecord record, PlannedDate planned, LocalDate today) {
                            String caseName = base + "__" + recorded.size();
                            ObjectNode parameters = parameters(compiled, planned, today);
                            Set<String> expressions = new TreeSet<>(compiled.ruleExpressions());
                            ZoneId zone = compiled.protocol().timeZone();
                            try {
                                RuleResults results = super.evaluate(record, planned, today);
                                Map<String, JsonNode> ours = new TreeMap<>();
                                expressions.forEach(x -> ours.put(x, normalise(results.value(x))));
                                recorded.add(new Evaluation(
                                        caseName,
                                        scenario.name(),
                                        zone,
                                        expressions,
                                        record,
                                        parameters,
                                        planned.date(),
                                        ours,
                                        null));
                                return results;
                            } catch (RuleEvaluationException e) {
                                recorded.add(new Evaluation(
                                        caseName,
                                        scenario.name(),
                                        zone,
                                        expressions,
                                        record,
                                        parameters,
                                        planned.date(),
                                        Map.of(),
                                        RuleEvaluator.class.getSimpleName() + ": " + e.rootCauseType()));
                                throw e;
                            }
                        }
                    };
                    return new ActiveContent(
                            real.content(),
                            real.discovery(),
                            real.orders(),
                            real.appointments(),
                            real.prefetch(),
                            new OrderCheck(
                                    recording,
                                    new CardAssembler(compiled.cards(), compiled.protocol(), CheckMetrics.NONE),
                                    CheckMetrics.NONE));
                },
                clock,
                HookMetrics.NONE,
                IssuedCardsListener.NONE,
                new CpuSlots(1));
        try {
            CdsServiceRequest request = JSON.treeToValue(scenario.request(), CdsServiceRequest.class);
            hooks.answer(scenario.serviceId(), request, "http://localhost:8080");
        } catch (IOException | RuntimeException e) {
            // A request the service refuses (a 4xx scenario) or data it must fetch: no evaluation, nothing to compare.
        }
        return recorded;
    }

    /**
     * The parameters our evaluator passes ({@link RuleEvaluator#parameters}), typed for the oracle: the planned date,
     * today, whether the order is dated, the planned period's end and the site protocol's values.
     */
    static ObjectNode parameters(CompiledContent content, PlannedDate planned, LocalDate today) {
        ObjectNode parameters = JSON.createObjectNode();
        content.protocol().cqlParameters().forEach((name, value) -> {
            ObjectNode typed = parameters.putObject(name);
            if (value instanceof BigDecimal decimal) {
                typed.put("type", "Decimal").put("value", decimal);
            } else {
                typed.put("type", "Integer").put("value", ((Number) value).intValue());
            }
        });
        parameters
                .putObject(RuleEvaluator.PLANNED_DATE_PARAMETER)
                .put("type", "Date")
                .put("value", planned.date().toString());
        parameters.putObject(RuleEvaluator.TODAY_PARAMETER).put("type", "Date").put("value", today.toString());
        parameters
                .putObject(RuleEvaluator.ORDER_DATED_PARAMETER)
                .put("type", "Boolean")
                .put("value", planned.dated());
        parameters
                .putObject(RuleEvaluator.PLANNED_PERIOD_END_PARAMETER)
                .put("type", "Date")
                .put(
                        "value",
                        planned.periodEnd() == null ? null : planned.periodEnd().toString());
        return parameters;
    }

    /**
     * The record as one FHIR Bundle, every dateTime with a time and an offset written in the site's zone (as the
     * service's model resolver reads it) and the resources of each type in the record's order.
     */
    static JsonNode bundle(PatientRecord record, ZoneId zone) throws IOException {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<String> ids = new ArrayList<>();
        for (String type : new TreeSet<>(FHIR.getResourceTypes())) {
            for (Resource resource : record.ofType(type)) {
                ids.add(resource.getIdElement().getIdPart());
                Resource copy = resource.copy();
                for (BaseDateTimeType value :
                        FHIR.newTerser().getAllPopulatedChildElementsOfType(copy, BaseDateTimeType.class)) {
                    if (value.getTimeZone() != null
                            && value.getPrecision().compareTo(ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) > 0
                            && value.getValue() != null) {
                        value.setTimeZone(TimeZone.getTimeZone(
                                zone.getRules().getOffset(value.getValue().toInstant())));
                    }
                }
                bundle.addEntry().setResource(copy);
            }
        }
        JsonNode json = JSON.readTree(FHIR.newJsonParser().encodeResourceToString(bundle));
        // The id the service's engine sees, also where HAPI would not write it (an entry's urn:uuid fullUrl).
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null) {
                ((ObjectNode) json.path("entry").path(i).path("resource")).put("id", ids.get(i));
            }
        }
        return json;
    }

    private static void collectCodings(JsonNode node, Set<String> codes) {
        if (node.isObject()
                && node.path("system").isTextual()
                && node.path("code").isTextual()) {
            codes.add(node.path("system").asText() + "|" + node.path("code").asText());
        }
        node.forEach(child -> collectCodings(child, codes));
    }

    /**
     * cql-execution's code service input: each value set's enumerated codes, and the codes met in the cases that the
     * service's terminology puts in it (its ICD-10-CM prefixes). Value sets are content, not protocol: one for all.
     */
    static ObjectNode valueSets(CompiledContent content, Set<String> codesInCases) {
        ObjectNode all = JSON.createObjectNode();
        for (String url : new TreeSet<>(content.valueSets().urls())) {
            Set<String> members = new TreeSet<>(content.valueSets().members(url).systemAndCodes());
            for (String code : codesInCases) {
                int bar = code.indexOf('|');
                if (content.valueSets().contains(url, code.substring(0, bar), code.substring(bar + 1))) {
                    members.add(code);
                }
            }
            ArrayNode codes = all.putObject(url).putArray("");
            for (String member : members) {
                int bar = member.indexOf('|');
                codes.addObject().put("system", member.substring(0, bar)).put("code", member.substring(bar + 1));
            }
        }
        return all;
    }

    /** A value as the cards read it ({@link RuleResults#value}) in the shape cql-oracle.js writes. */
    static JsonNode normalise(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigDecimal) {
            return f.objectNode().put("number", value.toString());
        }
        if (value instanceof LocalDate date) {
            return f.objectNode().put("date", date.toString());
        }
        if (value instanceof org.opencds.cqf.cql.engine.runtime.Date date) {
            return f.objectNode().put("date", date.toString());
        }
        if (value instanceof DateTime dateTime) {
            return f.objectNode().put("dateTime", dateTime.getDateTime().toString());
        }
        if (value instanceof RuleInterval interval) {
            ObjectNode node = f.objectNode();
            node.putArray("interval").add(normalise(interval.start())).add(normalise(interval.end()));
            return node;
        }
        if (value instanceof IBaseResource resource) {
            return f.objectNode()
                    .put(
                            "resource",
                            resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        }
        if (value instanceof Quantity quantity) {
            return f.objectNode()
                    .put("quantity", quantity.getValue().toString())
                    .put("unit", quantity.getUnit());
        }
        if (value instanceof Code code) {
            return f.objectNode().put("code", code.getSystem() + "|" + code.getCode());
        }
        if (value instanceof Concept concept) {
            ObjectNode node = f.objectNode();
            ArrayNode codes = node.putArray("concept");
            concept.getCodes().forEach(c -> codes.add(c.getSystem() + "|" + c.getCode()));
            return node;
        }
        if (value instanceof Tuple tuple) {
            ObjectNode elements = f.objectNode();
            new TreeMap<>(tuple.getElements()).forEach((k, v) -> elements.set(k, normalise(v)));
            return f.objectNode().set("tuple", elements);
        }
        if (value instanceof Iterable<?> items) {
            ArrayNode list = f.arrayNode();
            items.forEach(item -> list.add(normalise(item)));
            return list;
        }
        return f.objectNode().put("unknown", value.getClass().getSimpleName() + ":" + value);
    }

    /** Numbers compared by value (7 and 7.0, 1E-7 and 0.0000001 are one number); intervals by their bounds. */
    static JsonNode canonical(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject() && node.has("number") && node.size() == 1) {
            return JsonNodeFactory.instance
                    .objectNode()
                    .put(
                            "number",
                            new BigDecimal(node.get("number").asText())
                                    .stripTrailingZeros()
                                    .toPlainString());
        }
        if (node.isObject() && node.has("interval")) {
            ObjectNode interval = JsonNodeFactory.instance.objectNode();
            ArrayNode bounds = interval.putArray("interval");
            node.get("interval").forEach(b -> bounds.add(canonical(b)));
            return interval;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fieldNames().forEachRemaining(k -> copy.set(k, canonical(node.get(k))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(canonical(item)));
            return copy;
        }
        return node;
    }

    private static JsonNode errorNode(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message);
    }

    /** Equal values; two failures agree too (each engine refusing the record), whatever their messages. */
    private static boolean agree(JsonNode ours, JsonNode theirs) {
        if (ours.has("error") && theirs.has("error")) {
            return true;
        }
        return ours.equals(theirs);
    }

    static List<Explained> explainedDifferences() throws IOException {
        List<Explained> list = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(Files.readString(DIFFERENCES, StandardCharsets.UTF_8))
                .path("differences")) {
            list.add(new Explained(
                    entry.path("expression").asText(),
                    Pattern.compile(entry.path("scenarios").asText(".*")),
                    entry.get("ours"),
                    entry.get("theirs"),
                    entry.path("kind").asText(),
                    entry.path("hazard").asText(),
                    entry.path("explanation").asText()));
        }
        return list;
    }

    private static void run(Path valueSets, Path cases, Path output) throws Exception {
        Process process = new ProcessBuilder(
                        "node",
                        CHECK.resolve("cql-oracle.js").toString(),
                        ELM.toString(),
                        valueSets.toString(),
                        cases.toString(),
                        output.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(process.exitValue())
                .as(new String(out, StandardCharsets.UTF_8))
                .isZero();
    }
}
