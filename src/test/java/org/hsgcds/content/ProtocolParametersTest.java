package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.CqlTranslator;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.hl7.elm.r1.Library;
import org.junit.jupiter.api.Test;

/** A protocol parameter the rule library declares with another type stops loading; an undeclared one does not. */
class ProtocolParametersTest {

    private static final SiteProtocol DEFAULTS = SiteProtocolFile.read("file:./", null);

    @Test
    void parameterDeclaredWithTheWrongTypeStopsLoading() {
        Library rules = translate("parameter \"hCG Positive Threshold\" Integer default 25");

        assertThatThrownBy(() -> ProtocolParameters.check(rules, DEFAULTS)).isInstanceOf(ContentException.class)
                .hasMessageContaining("\"hCG Positive Threshold\" as Integer, but the site protocol passes it as Decimal");
    }

    @Test
    void typeIsTakenFromTheDefaultWhenNotDeclared() {
        Library rules = translate("parameter \"Window Start Day\" default 6.0");

        assertThatThrownBy(() -> ProtocolParameters.check(rules, DEFAULTS)).hasMessageContaining("\"Window Start Day\" as Decimal");
    }

    @Test
    void matchingOrUndeclaredParametersAreAccepted() {
        Library rules = translate("parameter \"Window Start Day\" Integer default 6\nparameter \"hCG Negative Threshold\" Decimal default 5.0");

        assertThatCode(() -> ProtocolParameters.check(rules, DEFAULTS)).doesNotThrowAnyException();
    }

    private static Library translate(String declarations) {
        LibraryManager libraryManager = new LibraryManager(new ModelManager(), CqlCompilerOptions.defaultOptions());
        return CqlTranslator.fromText("library P version '1.0.0'\n" + declarations + "\ndefine X: 1\n", libraryManager).toELM();
    }
}
