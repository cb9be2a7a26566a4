package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped protocol gives the defaults; a site file overrides some or all of them; every kind of bad
 * value (out of range, thresholds the wrong way round, an unknown key, a blank text, a wrong type) is
 * refused with a message that names the parameter and what is allowed.
 */
class SiteProtocolTest {

    private static final String SHIPPED = "file:./";

    @TempDir
    Path dir;

    @Test
    void shippedProtocolHoldsTheDefaults() {
        SiteProtocol protocol = SiteProtocolFile.read(SHIPPED, null);

        assertThat(protocol.source()).isEqualTo("bundled");
        assertThat(protocol.values())
                .containsKeys(SiteProtocolFile.KEYS.toArray(String[]::new))
                .hasSize(SiteProtocolFile.KEYS.size());
        assertThat(protocol.windowStartDay()).isEqualTo(6);
        assertThat(protocol.windowEndDay()).isEqualTo(12);
        assertThat(protocol.recentEventDays()).isEqualTo(42);
        assertThat(protocol.hcgRecencyDays()).isEqualTo(7);
        assertThat(protocol.hcgPositiveThreshold()).isEqualByComparingTo("25");
        assertThat(protocol.hcgNegativeThreshold()).isEqualByComparingTo("5");
        assertThat(protocol.dischargeCheckDays()).isEqualTo(14);
        assertThat(protocol.chlamydiaResultDays()).isEqualTo(90);
        assertThat(protocol.chlamydiaScreeningMonths()).isEqualTo(12);
        assertThat(protocol.prophylaxisRegimen()).startsWith("Doxycycline 100 mg orally twice daily for 5 days");
        assertThat(protocol.preparationText())
                .contains("ibuprofen")
                .contains("atropine")
                .startsWith("- ");
        assertThat(protocol.aftercareText()).contains("no tub bath").contains("3 months");
        assertThat(protocol.clinicContact()).contains("appointment letter");
    }

    @Test
    void clinicContactIsOneLineOfAtMost300CharactersAndNeverBlank() throws IOException {
        assertThat(SiteProtocolFile.read(SHIPPED, location("{\"clinicContact\": \"HSG clinic, 020 7946 0000\"}"))
                        .clinicContact())
                .isEqualTo("HSG clinic, 020 7946 0000");
        String tooLong = location("{\"clinicContact\": \"" + "x".repeat(301) + "\"}");
        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, tooLong))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("clinicContact has 301 characters; allowed: 1..300");
        String blank = location("{\"clinicContact\": \" \"}");
        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, blank))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("clinicContact is blank");
    }

    @Test
    void partialFileOverridesOnlyItsKeys() {
        SiteProtocol protocol = SiteProtocolFile.read(SHIPPED, "classpath:protocol/second-site.json");

        assertThat(protocol.source()).isEqualTo("classpath:protocol/second-site.json");
        assertThat(protocol.windowStartDay()).isEqualTo(5);
        assertThat(protocol.windowEndDay()).isEqualTo(10);
        assertThat(protocol.recentEventDays()).isEqualTo(56);
        assertThat(protocol.hcgRecencyDays()).isZero();
        assertThat(protocol.hcgPositiveThreshold())
                .as("not in the file: the default")
                .isEqualByComparingTo("25");
        assertThat(protocol.chlamydiaScreeningMonths()).isEqualTo(12);
        assertThat(protocol.aftercareText())
                .isEqualTo(SiteProtocolFile.read(SHIPPED, null).aftercareText());
    }

    @Test
    void bareFilePathIsReadAsAFile() throws IOException {
        Path file = write("{\"dischargeCheckDays\": 21}");

        assertThat(SiteProtocolFile.read(SHIPPED, file.toString()).dischargeCheckDays())
                .isEqualTo(21);
    }

    @Test
    void valueOutOfRangeNamesTheParameterAndTheRange() throws IOException {
        String file = location("{\"recentEventDays\": 7, \"windowEndDay\": 31}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining(file)
                .hasMessageContaining("recentEventDays is 7; allowed: 14..365")
                .hasMessageContaining("windowEndDay is 31; allowed: 6..30");
    }

    @Test
    void windowEndBeforeWindowStartIsRefused() throws IOException {
        String file = location("{\"windowStartDay\": 10, \"windowEndDay\": 8}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .hasMessageContaining("windowEndDay is 8; allowed: 10..30");
    }

    @Test
    void negativeThresholdNotBelowPositiveIsRefused() throws IOException {
        String file = location("{\"hcgPositiveThreshold\": 10, \"hcgNegativeThreshold\": 10.0}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining(
                        "hcgNegativeThreshold is 10; allowed: above 0 and below hcgPositiveThreshold (10)");
    }

    @Test
    void positiveThresholdOver1000IsRefused() throws IOException {
        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, location("{\"hcgPositiveThreshold\": 1500}")))
                .hasMessageContaining("hcgPositiveThreshold is 1500; allowed: above 0 and at most 1000");
    }

    @Test
    void timeZoneDefaultsToTheJvmsAndTakesAnIanaName() throws IOException {
        assertThat(SiteProtocolFile.read(SHIPPED, null).timeZone()).isEqualTo(java.time.ZoneId.systemDefault());
        assertThat(SiteProtocolFile.read(SHIPPED, location("{\"timeZone\": \"America/Los_Angeles\"}"))
                        .timeZone())
                .isEqualTo(java.time.ZoneId.of("America/Los_Angeles"));
        assertThat(SiteProtocolFile.read(SHIPPED, null).resolvedInflammationDays())
                .isEqualTo(42);
    }

    @Test
    void unknownTimeZoneStopsStartUp() throws IOException {
        String file = location("{\"timeZone\": \"Mars/Olympus_Mons\"}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("timeZone is 'Mars/Olympus_Mons'")
                .hasMessageContaining("IANA");
    }

    @Test
    void todayIsTheDateInTheSitesZone() {
        java.time.Clock clock =
                java.time.Clock.fixed(java.time.Instant.parse("2026-12-07T02:00:00Z"), java.time.ZoneOffset.UTC);
        SiteProtocol losAngeles = SiteProtocolFile.read(SHIPPED, null);
        assertThat(new SiteProtocolFileProbe(losAngeles)
                        .withZone("America/Los_Angeles")
                        .today(clock))
                .isEqualTo(java.time.LocalDate.parse("2026-12-06"));
        assertThat(new SiteProtocolFileProbe(losAngeles)
                        .withZone("Asia/Shanghai")
                        .today(clock))
                .isEqualTo(java.time.LocalDate.parse("2026-12-07"));
    }

    /** The shipped protocol with another zone. */
    private record SiteProtocolFileProbe(SiteProtocol p) {
        SiteProtocol withZone(String zone) {
            return new SiteProtocol(
                    p.windowStartDay(),
                    p.windowEndDay(),
                    p.recentEventDays(),
                    p.hcgRecencyDays(),
                    p.hcgPositiveThreshold(),
                    p.hcgNegativeThreshold(),
                    p.dischargeCheckDays(),
                    p.chlamydiaResultDays(),
                    p.chlamydiaScreeningMonths(),
                    p.resolvedInflammationDays(),
                    java.time.ZoneId.of(zone),
                    p.prophylaxisRegimen(),
                    p.preparationText(),
                    p.aftercareText(),
                    p.clinicContact(),
                    p.source());
        }
    }

    @Test
    void unknownKeyIsRefused() throws IOException {
        String file = location("{\"hcgRecencyDay\": 3}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("unknown key(s) [hcgRecencyDay]")
                .hasMessageContaining("hcgRecencyDays");
    }

    @Test
    void blankOrOverlongTextIsRefused() throws IOException {
        String file = location("{\"prophylaxisRegimen\": \"  \", \"aftercareText\": \"" + "x".repeat(2001) + "\"}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .hasMessageContaining("prophylaxisRegimen is blank")
                .hasMessageContaining("aftercareText has 2001 characters; allowed: 1..2000");
    }

    @Test
    void wrongJsonTypeIsRefused() throws IOException {
        String file = location("{\"windowStartDay\": \"6\", \"recentEventDays\": 42.5, \"preparationText\": 3}");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file))
                .hasMessageContaining("windowStartDay must be a whole number, got \"6\"")
                .hasMessageContaining("recentEventDays must be a whole number, got 42.5")
                .hasMessageContaining("preparationText must be text");
    }

    @Test
    void missingOverrideFileIsRefusedNotIgnored() {
        String file = "file:" + dir.resolve("absent.json");

        assertThatThrownBy(() -> SiteProtocolFile.read(SHIPPED, file)).hasMessageContaining(file + " is missing");
    }

    @Test
    void numericKeysBecomeCqlParametersOfTheEngineTypes() {
        var parameters = SiteProtocolFile.read(SHIPPED, "classpath:protocol/second-site.json")
                .cqlParameters();

        assertThat(parameters)
                .containsOnlyKeys(
                        "Window Start Day",
                        "Window End Day",
                        "Recent Event Days",
                        "hCG Recency Days",
                        "hCG Positive Threshold",
                        "hCG Negative Threshold",
                        "Discharge Check Days",
                        "Chlamydia Result Days",
                        "Chlamydia Screening Months",
                        "Resolved Inflammation Days");
        assertThat(parameters.get("Window Start Day")).isEqualTo(Integer.valueOf(5));
        assertThat(parameters.get("hCG Recency Days")).isEqualTo(Integer.valueOf(0));
        assertThat(parameters.get("hCG Positive Threshold")).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) parameters.get("hCG Negative Threshold")).isEqualByComparingTo("5");
    }

    @Test
    void cardValuesQuoteEveryKeyAndTheCheckedAgainstLine() {
        var values = SiteProtocolFile.read(SHIPPED, null).cardValues();

        SiteProtocolFile.KEYS.forEach(key -> assertThat(values).containsKey("protocol." + key));
        assertThat(values.get("protocol.hcgPositiveThreshold")).isEqualTo("25");
        assertThat(values.get("protocol.windowStartDay")).isEqualTo("6");
        assertThat(values.get("checkedAgainst"))
                .isEqualTo("Site protocol: window cycle days 6–12; recent delivery/abortion/curettage"
                        + " 42 days; negative hCG within 7 days (positive ≥ 25, negative < 5 IU/L); discharge check 14 days;"
                        + " chlamydia/gonorrhoea results 90 days, screening 12 months; dates in "
                        + java.time.ZoneId.systemDefault().getId());
        assertThat(SiteProtocolFile.read(SHIPPED, "classpath:protocol/second-site.json")
                        .checkedAgainst())
                .contains("window cycle days 5–10")
                .contains("56 days")
                .contains("negative hCG on the planned day");
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("protocol.json");
        Files.writeString(file, json);
        return file;
    }

    private String location(String json) throws IOException {
        return "file:" + write(json);
    }
}
