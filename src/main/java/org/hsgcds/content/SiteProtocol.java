package org.hsgcds.content;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The department's protocol parameters, part of one loaded content version: the rules get them as CQL
 * parameters and the cards quote them, so a site changes them without editing CQL. Out-of-range values
 * are refused here, naming the parameter and the allowed range, so a bad protocol stops start-up (or a
 * reload) instead of silently changing what "recent" or "negative" means.
 *
 * @param source where the values came from: {@link #BUNDLED}, or the override file's location
 */
public record SiteProtocol(
        int windowStartDay,
        int windowEndDay,
        int recentEventDays,
        int hcgRecencyDays,
        BigDecimal hcgPositiveThreshold,
        BigDecimal hcgNegativeThreshold,
        int dischargeCheckDays,
        int chlamydiaResultDays,
        int chlamydiaScreeningMonths,
        int resolvedInflammationDays,
        ZoneId timeZone,
        String prophylaxisRegimen,
        String preparationText,
        String aftercareText,
        String clinicContact,
        String source) {

    public static final String BUNDLED = "bundled";
    static final int MAX_TEXT = 2000;
    /** A name and a number or address, printed on the patient handout: one line, not a document. */
    static final int MAX_CONTACT = 300;

    private static final BigDecimal MAX_POSITIVE_THRESHOLD = BigDecimal.valueOf(1000);

    /** The CQL parameter each numeric key is passed as (the rule library declares them with the same defaults). */
    static final Map<String, String> CQL_PARAMETERS = orderedMap(
            "windowStartDay", "Window Start Day",
            "windowEndDay", "Window End Day",
            "recentEventDays", "Recent Event Days",
            "hcgRecencyDays", "hCG Recency Days",
            "hcgPositiveThreshold", "hCG Positive Threshold",
            "hcgNegativeThreshold", "hCG Negative Threshold",
            "dischargeCheckDays", "Discharge Check Days",
            "chlamydiaResultDays", "Chlamydia Result Days",
            "chlamydiaScreeningMonths", "Chlamydia Screening Months",
            "resolvedInflammationDays", "Resolved Inflammation Days");

    public SiteProtocol {
        List<String> problems = new ArrayList<>();
        range(problems, "windowStartDay", windowStartDay, 1, 20);
        range(problems, "windowEndDay", windowEndDay, windowStartDay, 30);
        range(problems, "recentEventDays", recentEventDays, 14, 365);
        range(problems, "hcgRecencyDays", hcgRecencyDays, 0, 14);
        if (hcgPositiveThreshold == null
                || hcgPositiveThreshold.signum() <= 0
                || hcgPositiveThreshold.compareTo(MAX_POSITIVE_THRESHOLD) > 0) {
            problems.add(
                    "hcgPositiveThreshold is " + plain(hcgPositiveThreshold) + "; allowed: above 0 and at most 1000");
        }
        if (hcgNegativeThreshold == null
                || hcgNegativeThreshold.signum() <= 0
                || (hcgPositiveThreshold != null && hcgNegativeThreshold.compareTo(hcgPositiveThreshold) >= 0)) {
            problems.add("hcgNegativeThreshold is " + plain(hcgNegativeThreshold)
                    + "; allowed: above 0 and below hcgPositiveThreshold (" + plain(hcgPositiveThreshold) + ")");
        }
        range(problems, "dischargeCheckDays", dischargeCheckDays, 1, 60);
        range(problems, "chlamydiaResultDays", chlamydiaResultDays, 7, 365);
        range(problems, "chlamydiaScreeningMonths", chlamydiaScreeningMonths, 1, 36);
        range(problems, "resolvedInflammationDays", resolvedInflammationDays, 7, 180);
        if (timeZone == null) {
            problems.add("timeZone is missing; allowed: an IANA time zone name such as Europe/Berlin");
        }
        text(problems, "prophylaxisRegimen", prophylaxisRegimen);
        text(problems, "preparationText", preparationText);
        text(problems, "aftercareText", aftercareText);
        text(problems, "clinicContact", clinicContact, MAX_CONTACT);
        if (!problems.isEmpty()) {
            throw new ContentException(
                    "Site protocol (" + source + ") is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    /** Today's date in the department's time zone. */
    public LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(timeZone));
    }

    /** Every key with its value, in file order: what {@code /actuator/info} shows. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("windowStartDay", windowStartDay);
        values.put("windowEndDay", windowEndDay);
        values.put("recentEventDays", recentEventDays);
        values.put("hcgRecencyDays", hcgRecencyDays);
        values.put("hcgPositiveThreshold", hcgPositiveThreshold);
        values.put("hcgNegativeThreshold", hcgNegativeThreshold);
        values.put("dischargeCheckDays", dischargeCheckDays);
        values.put("chlamydiaResultDays", chlamydiaResultDays);
        values.put("chlamydiaScreeningMonths", chlamydiaScreeningMonths);
        values.put("resolvedInflammationDays", resolvedInflammationDays);
        values.put("timeZone", timeZone == null ? null : timeZone.getId());
        values.put("prophylaxisRegimen", prophylaxisRegimen);
        values.put("preparationText", preparationText);
        values.put("aftercareText", aftercareText);
        values.put("clinicContact", clinicContact);
        return values;
    }

    /** The numeric keys under their CQL parameter names, as engine values: Integer, or BigDecimal for the thresholds. */
    public Map<String, Object> cqlParameters() {
        Map<String, Object> values = values();
        Map<String, Object> parameters = new LinkedHashMap<>();
        CQL_PARAMETERS.forEach((key, parameter) -> parameters.put(parameter, values.get(key)));
        return parameters;
    }

    /** {@code protocol.<key>} for every key (numbers as plain text) and {@code checkedAgainst}: for card templates. */
    public Map<String, String> cardValues() {
        Map<String, String> text = new LinkedHashMap<>();
        values().forEach((key, value) -> text.put(
                "protocol." + key, value instanceof BigDecimal number ? plain(number) : String.valueOf(value)));
        text.put("checkedAgainst", checkedAgainst());
        return text;
    }

    /** One line for the all-clear card: the protocol values the rules were checked against. */
    public String checkedAgainst() {
        String hcg = hcgRecencyDays == 0
                ? "negative hCG on the planned day"
                : "negative hCG within " + hcgRecencyDays + " days";
        return "Site protocol: window cycle days " + windowStartDay + "–" + windowEndDay
                + "; recent delivery/abortion/curettage " + recentEventDays + " days; " + hcg
                + " (positive ≥ " + plain(hcgPositiveThreshold) + ", negative < " + plain(hcgNegativeThreshold)
                + " IU/L)"
                + "; discharge check " + dischargeCheckDays + " days; chlamydia/gonorrhoea results "
                + chlamydiaResultDays
                + " days, screening " + chlamydiaScreeningMonths + " months; dates in " + timeZone.getId();
    }

    private static void range(List<String> problems, String key, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(key + " is " + value + "; allowed: " + min + ".." + max);
        }
    }

    private static void text(List<String> problems, String key, String value) {
        text(problems, key, value, MAX_TEXT);
    }

    private static void text(List<String> problems, String key, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(key + " is blank; allowed: text of 1.." + max + " characters");
        } else if (value.length() > max) {
            problems.add(key + " has " + value.length() + " characters; allowed: 1.." + max);
        }
    }

    private static String plain(BigDecimal number) {
        return number == null ? "missing" : number.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
