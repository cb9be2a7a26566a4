package org.hsgcds.evaluation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.lang3.tuple.Pair;
import org.hl7.elm.r1.Library;
import org.hsgcds.content.CompiledContent;
import org.opencds.cqf.cql.engine.data.CompositeDataProvider;
import org.opencds.cqf.cql.engine.exception.CqlException;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.EvaluationResult;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.cql.engine.runtime.Date;

/**
 * Evaluates the rule library for one patient. The compiled libraries and value sets are shared;
 * the engine holds per-evaluation state, so a new one is made for each call (cheap next to the
 * compiled content, which is never re-translated).
 */
public class RuleEvaluator {

    static final String FHIR_MODEL_URI = "http://hl7.org/fhir";
    public static final String PLANNED_DATE_PARAMETER = "Planned Date";
    public static final String TODAY_PARAMETER = "Today";
    public static final String ORDER_DATED_PARAMETER = "Order Dated";
    public static final String PLANNED_PERIOD_END_PARAMETER = "Planned Period End";

    private static final ModelResolver MODEL_RESOLVER = new SharedModelResolver(FhirContext.forR4Cached());

    private final CompiledContent content;
    private final ValueSetTerminology terminology;
    private final Set<String> expressions;
    private final Map<String, Library> librariesByName;
    private final Map<String, Object> protocolParameters;

    /**
     * Makes the model resolver shared by every evaluation, if not yet made, off the first hook call's path (it
     * registers the engine's custom type and has HAPI scan the Patient type, and with it every data type).
     */
    public static void prepare() {
        MODEL_RESOLVER.getPackageName();
    }

    public RuleEvaluator(CompiledContent content) {
        this.content = content;
        this.librariesByName = CompiledLibraryEnvironment.librariesByName(content.libraryManager());
        this.terminology = new ValueSetTerminology(content.valueSets());
        this.expressions = content.ruleExpressions();
        this.protocolParameters = Map.copyOf(content.protocol().cqlParameters());
    }

    public RuleResults evaluate(PatientRecord record, LocalDate plannedDate, LocalDate today) {
        return evaluate(record, PlannedDate.on(plannedDate), today);
    }

    public RuleResults evaluate(PatientRecord record, PlannedDate planned, LocalDate today) {
        LocalDate plannedDate = planned.date();
        var retrieve = new InMemoryRetrieve(record, content.valueSets(), MODEL_RESOLVER);
        var environment = new CompiledLibraryEnvironment(
                content.libraryManager(),
                librariesByName,
                Map.of(FHIR_MODEL_URI, new CompositeDataProvider(MODEL_RESOLVER, retrieve)),
                terminology);
        // Expression caching: each define is evaluated once per call, however often other defines use it.
        var engine = new CqlEngine(environment, EnumSet.of(CqlEngine.Options.EnableExpressionCaching));
        Map<String, Object> parameters = parameters(planned, today);
        try {
            EvaluationResult result = SharedModelResolver.inSiteZone(
                    content.protocol().timeZone(),
                    () -> engine.evaluate(
                            content.ruleLibrary(),
                            expressions,
                            Pair.of("Patient", record.patientId()),
                            parameters,
                            null,
                            ZonedDateTime.of(plannedDate.atStartOfDay(), ZoneOffset.UTC)));
            Map<String, Object> values = new HashMap<>();
            result.expressionResults.forEach((name, value) -> values.put(name, value.value()));
            return new RuleResults(values);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** The CQL parameters of one evaluation: the planned date and how the order gave it, today, and the site protocol of this evaluator's content version. */
    Map<String, Object> parameters(PlannedDate planned, LocalDate today) {
        Map<String, Object> parameters = new HashMap<>(protocolParameters);
        parameters.put(PLANNED_DATE_PARAMETER, new Date(planned.date()));
        parameters.put(TODAY_PARAMETER, new Date(today));
        parameters.put(ORDER_DATED_PARAMETER, planned.dated());
        parameters.put(
                PLANNED_PERIOD_END_PARAMETER, planned.periodEnd() == null ? null : new Date(planned.periodEnd()));
        return parameters;
    }

    /**
     * What an evaluation failure was. The engine reports data it cannot interpret as a
     * {@link CqlException} (an invalid date, a failed cast); HAPI and java.time report unparseable
     * values as theirs. Any other root cause (NullPointerException, ClassCastException, ...) is a
     * programming error, which still gives the fail-safe answer but must not pass as a data problem.
     */
    static RuleEvaluationException failure(RuntimeException e) {
        Throwable root = rootCause(e);
        boolean dataProblem = root instanceof CqlException
                || root instanceof DataFormatException
                || root instanceof DateTimeException
                || root instanceof NumberFormatException;
        return new RuleEvaluationException("The rules could not be evaluated on this record", e, !dataProblem);
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
