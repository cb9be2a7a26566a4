package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.CqlTranslator;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.hl7.elm.r1.Library;
import org.junit.jupiter.api.Test;

/** A protocol parameter the rule library does not declare, or declares with another type, stops loading. */
class ProtocolParametersTest {

    private static final SiteProtocol DEFAULTS = SiteProtocolFile.read("file:./", null);
    private static final String ALL = """
            parameter "Window Start Day" Integer default 6
            parameter "Window End Day" Integer default 12
            parameter "Recent Event Days" Integer default 42
            parameter "hCG Recency Days" Integer default 7
            parameter "hCG Positive Threshold" Decimal default 25.0
            parameter "hCG Negative Threshold" Decimal default 5.0
            parameter "Discharge Check Days" Integer default 14
            parameter "Chlamydia Result Days" Integer default 90
            parameter "Chlamydia Screening Months" Integer default 12
            parameter "Resolved Inflammation Days" Integer default 42
            """;

    @Test
    void parameterDeclaredWithTheWrongTypeStopsLoading() {
        Library rules = translate(ALL.replace(
                "\"hCG Positive Threshold\" Decimal default 25.0", "\"hCG Positive Threshold\" Integer default 25"));

        assertThatThrownBy(() -> ProtocolParameters.check(rules, DEFAULTS))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining(
                        "\"hCG Positive Threshold\" as Integer, but the site protocol passes it as Decimal");
    }

    @Test
    void typeIsTakenFromTheDefaultWhenNotDeclared() {
        Library rules =
                translate(ALL.replace("\"Window Start Day\" Integer default 6", "\"Window Start Day\" default 6.0"));

        assertThatThrownBy(() -> ProtocolParameters.check(rules, DEFAULTS))
                .hasMessageContaining("\"Window Start Day\" as Decimal");
    }

    @Test
    void undeclaredParameterStopsLoading() {
        Library rules = translate(ALL.replace("parameter \"Discharge Check Days\" Integer default 14\n", ""));

        assertThatThrownBy(() -> ProtocolParameters.check(rules, DEFAULTS))
                .hasMessageContaining("declares no parameter [Discharge Check Days]");
    }

    @Test
    void everyParameterDeclaredWithItsTypeIsAccepted() {
        assertThatCode(() -> ProtocolParameters.check(translate(ALL), DEFAULTS)).doesNotThrowAnyException();
    }

    private static Library translate(String declarations) {
        LibraryManager libraryManager = new LibraryManager(new ModelManager(), CqlCompilerOptions.defaultOptions());
        return CqlTranslator.fromText("library P version '1.0.0'\n" + declarations + "\ndefine X: 1\n", libraryManager)
                .toELM();
    }
}
