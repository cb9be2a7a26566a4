package org.hsgcds.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Synthea record must get, judged from the record alone: the oracle of {@link SyntheaSampleTest}. Its clinical
 * facts (event and pregnancy codes, which statuses count, how an event is dated) are data, {@value #FILE}, read here
 * and by {@code bench/synthea/hsg_synthea.py} for the population check, so the two oracles cannot drift apart; they are
 * written from RULES.md, not from the CQL, and {@link SyntheaOracleTest} checks them against the shipped value sets.
 *
 * <p>A date is the calendar date as written (its first ten characters); a partial date is no date.
 */
record SyntheaOracle(
        int recentDays,
        Set<String> eventSnomed,
        List<String> eventIcd10Prefixes,
        Set<String> eventCpt,
        Set<String> pregnancySnomed,
        List<String> pregnancyIcd10Prefixes,
        Set<String> conditionNotActive,
        Set<String> verificationNotCounted,
        Set<String> statusNotCounted,
        Set<String> procedureNotCounted,
        Set<String> procedureDateUncertain,
        List<String> eventStart,
        List<String> abatement,
        List<String> abatementWithoutDate,
        List<String> recordedOnly) {

    static final String FILE = "bench/synthea/oracle-rules.json";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String CPT = "http://www.ama-assn.org/go/cpt";

    /** The rules as shipped. */
    static SyntheaOracle load() {
        try {
            JsonNode rules = new ObjectMapper().readTree(Path.of(FILE).toFile());
            JsonNode events = rules.path("events");
            JsonNode pregnancy = rules.path("pregnancy");
            JsonNode statuses = rules.path("statuses");
            JsonNode dates = rules.path("dates");
            return new SyntheaOracle(
                    rules.path("recentEventDays").asInt(),
                    Set.copyOf(strings(events.path("snomed"))),
                    strings(events.path("icd10cmPrefixes")),
                    Set.copyOf(strings(events.path("cpt"))),
                    Set.copyOf(strings(pregnancy.path("snomed"))),
                    strings(pregnancy.path("icd10cmPrefixes")),
                    Set.copyOf(strings(statuses.path("conditionNotActive"))),
                    Set.copyOf(strings(statuses.path("verificationNotCounted"))),
                    Set.copyOf(strings(statuses.path("statusNotCounted"))),
                    Set.copyOf(strings(statuses.path("procedureNotCounted"))),
                    Set.copyOf(strings(statuses.path("procedureDateUncertain"))),
                    strings(dates.path("eventStart")),
                    strings(dates.path("abatement")),
                    strings(dates.path("abatementWithoutDate")),
                    strings(dates.path("recordedOnly")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event of a record, as "code Type/id N days". */
    record Event(String code, String reference, LocalDate date, long daysBefore) {
        @Override
        public String toString() {
            return code + " " + reference + " " + daysBefore + " days";
        }
    }

    /**
     * Counted events certainly dated 0 to recentDays − 1 days before the planned date: a {@code recent-uterine-event}
     * critical card and no {@code eligible}.
     */
    List<Event> recentEvents(List<JsonNode> resources, LocalDate planned) {
        return events(resources, planned, true);
    }

    /**
     * Counted events in that span whose date is uncertain (only when they were recorded; a procedure of unknown status):
     * no {@code eligible}, though a warning may stand for the critical card.
     */
    List<Event> uncertainEvents(List<JsonNode> resources, LocalDate planned) {
        return events(resources, planned, false);
    }

    private List<Event> events(List<JsonNode> resources, LocalDate planned, boolean certain) {
        List<Event> out = new ArrayList<>();
        for (JsonNode r : resources) {
            String type = r.path("resourceType").asText();
            if (!Set.of("Condition", "Procedure", "Observation").contains(type) || !counts(r)) {
                continue;
            }
            for (JsonNode c : r.path("code").path("coding")) {
                if (isEvent(c)) {
                    boolean sure = !"Procedure".equals(type)
                            || !procedureDateUncertain.contains(r.path("status").asText());
                    LocalDate start = firstDate(r, eventStart);
                    LocalDate date = start;
                    if (start == null) {
                        date = firstDate(r, recordedOnly);
                        sure = false;
                    } else if ("Condition".equals(type)) {
                        LocalDate end = firstDate(r, abatement);
                        if (end != null && end.isAfter(start) && !end.isAfter(planned)) {
                            date = end; // dated by its end as well (RULES.md v3)
                        }
                    }
                    if (date != null && sure == certain) {
                        long days = ChronoUnit.DAYS.between(date, planned);
                        if (days >= 0 && days < recentDays) {
                            out.add(new Event(
                                    c.path("code").asText(),
                                    type + "/" + r.path("id").asText(),
                                    date,
                                    days));
                        }
                    }
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Pregnancy Conditions active on the planned date: clinical status not one of conditionNotActive (absent or unreadable
     * counts), counted, onset (if any) on or before it, no abatement dated on or before it; an abatement that is not a
     * date leaves the oracle without a claim.
     */
    List<String> activePregnancies(List<JsonNode> resources, LocalDate planned) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : resources) {
            if (!"Condition".equals(r.path("resourceType").asText())
                    || !counts(r)
                    || conditionNotActive.contains(firstCode(r.path("clinicalStatus")))
                    || abatementWithoutDate.stream().anyMatch(r::has)) {
                continue;
            }
            boolean pregnancy = false;
            for (JsonNode c : r.path("code").path("coding")) {
                pregnancy |= isCode(c, SNOMED, pregnancySnomed) || isPrefix(c, ICD10, pregnancyIcd10Prefixes);
            }
            LocalDate onset = firstDate(r, eventStart);
            LocalDate end = firstDate(r, abatement);
            if (pregnancy && (onset == null || !onset.isAfter(planned)) && (end == null || end.isAfter(planned))) {
                out.add("Condition/" + r.path("id").asText());
            }
        }
        return out;
    }

    boolean isEvent(JsonNode coding) {
        return isCode(coding, SNOMED, eventSnomed)
                || isCode(coding, CPT, eventCpt)
                || isPrefix(coding, ICD10, eventIcd10Prefixes);
    }

    /** Not refuted or entered in error; a procedure not not-done, entered-in-error or in preparation. */
    boolean counts(JsonNode r) {
        if ("Procedure".equals(r.path("resourceType").asText())) {
            return !procedureNotCounted.contains(r.path("status").asText());
        }
        return !statusNotCounted.contains(r.path("status").asText())
                && !verificationNotCounted.contains(firstCode(r.path("verificationStatus")));
    }

    /** The date of the first of the dotted paths present; present but not a full date: null. */
    static LocalDate firstDate(JsonNode r, List<String> paths) {
        for (String path : paths) {
            JsonNode value = r;
            for (String part : path.split("\\.", -1)) {
                value = value.path(part);
            }
            if (!value.isMissingNode()) {
                String text = value.asText();
                try {
                    return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10)) : null;
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String firstCode(JsonNode concept) {
        return concept.path("coding").path(0).path("code").asText("");
    }

    private static boolean isCode(JsonNode coding, String system, Set<String> codes) {
        return system.equals(coding.path("system").asText())
                && codes.contains(coding.path("code").asText());
    }

    private static boolean isPrefix(JsonNode coding, String system, List<String> prefixes) {
        String code = coding.path("code").asText();
        return system.equals(coding.path("system").asText())
                && prefixes.stream().anyMatch(code::startsWith);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        if (out.isEmpty() || new TreeSet<>(out).size() != out.size()) {
            throw new IllegalStateException(FILE + ": a list is missing, empty or repeats a value: " + out);
        }
        return List.copyOf(out);
    }
}
