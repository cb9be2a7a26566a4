package org.hsgcds.cards;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * One markdown line per piece of evidence: what it is, its code, date, status and reference. Every string
 * taken from the record passes through {@link RecordText#markdown}, each line is capped at
 * {@link RecordText#MAX_LINE} characters and a card's list at {@link RecordText#MAX_LINES} lines.
 */
class EvidenceFormatter {

    private static final Map<String, String> SYSTEM_NAMES = Map.of(
            "http://snomed.info/sct", "SNOMED CT",
            "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM",
            "http://loinc.org", "LOINC",
            "http://www.ama-assn.org/go/cpt", "CPT",
            "http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm");

    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private static final java.util.Set<String> STANDARD_STATUSES =
            java.util.Set.of("active", "recurrence", "relapse", "inactive", "remission", "resolved");

    /** One line; "how long ago" counts back from {@code today}. */
    String line(Resource resource, LocalDate today) {
        String reference = RecordText.reference(
                resource.fhirType(), resource.getIdElement().getIdPart());
        String facts;
        if (resource instanceof Condition c) {
            facts = join(
                    concept(c.getCode()),
                    status(c.getClinicalStatus(), CONDITION_CLINICAL),
                    onset(c, today),
                    when("recorded", c.getRecordedDateElement()));
        } else if (resource instanceof AllergyIntolerance a) {
            facts = join(
                    concept(a.getCode()),
                    status(a.getClinicalStatus(), ALLERGY_CLINICAL),
                    when("recorded", a.getRecordedDateElement()));
        } else if (resource instanceof Procedure p) {
            facts = join(
                    concept(p.getCode()),
                    p.hasStatus()
                            ? "status " + RecordText.markdown(p.getStatus().toCode())
                            : null,
                    when("performed", p.hasPerformed() ? p.getPerformed() : null));
        } else if (resource instanceof Observation o) {
            facts = join(
                    concept(o.getCode()),
                    o.hasValue() ? "value " + value(o.getValue()) : null,
                    when("on", o.hasEffective() ? o.getEffective() : null),
                    o.hasStatus()
                            ? "status " + RecordText.markdown(o.getStatus().toCode())
                            : null);
        } else {
            facts = resource.fhirType();
        }
        return "- " + RecordText.cut(facts, RecordText.MAX_LINE) + " (" + reference + ")";
    }

    /** The evidence list: one line per distinct piece, at most {@link RecordText#MAX_LINES}, then "… and N more". */
    String lines(List<Resource> resources, LocalDate today) {
        return String.join(
                "\n",
                RecordText.capped(
                        resources.stream().map(r -> line(r, today)).distinct().toList()));
    }

    static String concept(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return "uncoded";
        }
        String text = concept.hasText() ? RecordText.markdown(concept.getText()) : null;
        String codes =
                concept.getCoding().stream().map(EvidenceFormatter::coding).collect(Collectors.joining(", "));
        if (text == null) {
            text = concept.getCoding().stream()
                    .filter(Coding::hasDisplay)
                    .map(Coding::getDisplay)
                    .map(RecordText::markdown)
                    .findFirst()
                    .orElse(null);
        }
        return text == null ? codes : text + (codes.isEmpty() ? "" : " [" + codes + "]");
    }

    private static String coding(Coding coding) {
        String system = SYSTEM_NAMES.getOrDefault(coding.getSystem(), RecordText.markdown(coding.getSystem()));
        return (system == null ? "" : system + " ") + RecordText.markdown(coding.getCode());
    }

    /**
     * The clinical status as the rules read it. A status they cannot read (text only, another letter case, a local
     * code system) counts as active, and the line says so (RULES.md v3). Record text is escaped ({@link RecordText}).
     */
    private static String status(CodeableConcept status, String standardSystem) {
        if (status == null || status.isEmpty()) {
            return "status not recorded";
        }
        boolean standard = status.getCoding().stream()
                .anyMatch(c -> standardSystem.equals(c.getSystem()) && STANDARD_STATUSES.contains(c.getCode()));
        if (standard) {
            return "status "
                    + status.getCoding().stream()
                            .map(Coding::getCode)
                            .map(RecordText::markdown)
                            .collect(Collectors.joining("/"));
        }
        String written = status.hasText()
                ? status.getText()
                : status.getCoding().stream()
                        .map(c -> c.hasCode() ? c.getCode() : c.getDisplay())
                        .filter(java.util.Objects::nonNull)
                        .collect(Collectors.joining("/"));
        String where = status.getCoding().isEmpty() ? "as text only" : "not in the standard code system";
        return "status written as '" + RecordText.markdown(written) + "' (" + where + "): treated as active";
    }

    /** The onset and how long ago it was, so a stale entry ("sepsis, onset 2011") shows as such. */
    private static String onset(Condition c, LocalDate today) {
        String onset = when("onset", c.hasOnset() ? c.getOnset() : null);
        Type value = c.hasOnset() ? c.getOnset() : null;
        String text = value instanceof BaseDateTimeType date
                ? date.getValueAsString()
                : value instanceof Period period && period.hasStart()
                        ? period.getStartElement().getValueAsString()
                        : null;
        LocalDate first = HumanDates.firstDay(text);
        return first == null ? onset : onset + " (" + HumanDates.ago(first, today) + ")";
    }

    private static String when(String label, Type value) {
        if (value instanceof BaseDateTimeType date && date.hasValue()) {
            return label + " " + RecordText.markdown(HumanDates.fhir(date.getValueAsString()));
        }
        if (value instanceof Period period) {
            return label + " "
                    + (period.hasStart()
                            ? RecordText.markdown(
                                    HumanDates.fhir(period.getStartElement().getValueAsString()))
                            : "?")
                    + " to "
                    + (period.hasEnd()
                            ? RecordText.markdown(
                                    HumanDates.fhir(period.getEndElement().getValueAsString()))
                            : "?");
        }
        return value == null || value.isEmpty() ? null : label + " " + RecordText.markdown(value.primitiveValue());
    }

    private static String value(Type value) {
        if (value instanceof CodeableConcept cc) {
            return concept(cc);
        }
        if (value instanceof Quantity q) {
            return q.getValue() == null
                    ? "?"
                    : q.getValue().toPlainString() + (q.hasUnit() ? " " + RecordText.markdown(q.getUnit()) : "");
        }
        if (value instanceof BaseDateTimeType date) {
            return RecordText.markdown(HumanDates.fhir(date.getValueAsString()));
        }
        if (value instanceof Period period) {
            return when("", period).trim();
        }
        return RecordText.markdown(value.primitiveValue());
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts)
                .filter(p -> p != null && !p.isBlank())
                .collect(Collectors.joining(", "));
    }
}
