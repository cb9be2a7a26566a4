package org.hsgcds.content;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Value set membership by hash lookup on "system|code". ICD-10-CM families may be given as
 * is-a prefixes (the ICD-10-CM hierarchy is lexical, so "O09" covers "O09.511").
 */
public final class ValueSetIndex {

    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

    private final Map<String, Members> byUrl;

    ValueSetIndex(Map<String, Members> byUrl) {
        this.byUrl = Map.copyOf(byUrl);
    }

    public boolean contains(String valueSetUrl, String system, String code) {
        Members members = byUrl.get(stripVersion(valueSetUrl));
        return members != null && system != null && code != null && members.contains(system, code);
    }

    public boolean isKnown(String valueSetUrl) {
        return byUrl.containsKey(stripVersion(valueSetUrl));
    }

    public Collection<String> urls() {
        return byUrl.keySet();
    }

    public Members members(String valueSetUrl) {
        Members members = byUrl.get(stripVersion(valueSetUrl));
        if (members == null) {
            throw new IllegalArgumentException("Unknown value set " + valueSetUrl);
        }
        return members;
    }

    private static String stripVersion(String url) {
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }

    /** The codes of one value set: enumerated concepts plus ICD-10-CM prefixes. */
    public record Members(Set<String> systemAndCodes, List<String> icd10cmPrefixes) {

        public Members {
            systemAndCodes = Set.copyOf(systemAndCodes);
            icd10cmPrefixes = List.copyOf(icd10cmPrefixes);
        }

        public boolean contains(String system, String code) {
            if (systemAndCodes.contains(system + "|" + code)) {
                return true;
            }
            if (!ICD10CM.equals(system)) {
                return false;
            }
            String normalized = normalizeIcd(code);
            return icd10cmPrefixes.stream().anyMatch(normalized::startsWith);
        }

        static String normalizeIcd(String code) {
            return code.replace(".", "").trim().toUpperCase(Locale.ROOT);
        }
    }
}
