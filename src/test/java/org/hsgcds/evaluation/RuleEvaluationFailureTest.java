package org.hsgcds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.exception.CqlException;
import org.opencds.cqf.cql.engine.exception.InvalidCast;

/** Evaluation failures keep the fail-safe answer, but a programming error is told apart from data the rules cannot read. */
class RuleEvaluationFailureTest {

    @Test
    void theEnginesAndParsersReportsAboutDataAreDataProblems() {
        assertThat(RuleEvaluator.failure(new CqlException("bad date")).programmingError())
                .isFalse();
        assertThat(RuleEvaluator.failure(new InvalidCast("cannot cast")).programmingError())
                .isFalse();
        assertThat(RuleEvaluator.failure(new CqlException("wrapped", new DataFormatException("x")))
                        .programmingError())
                .isFalse();
        assertThat(RuleEvaluator.failure(new DateTimeException("x")).programmingError())
                .isFalse();
    }

    @Test
    void anyOtherRootCauseIsAProgrammingErrorEvenWhenTheEngineWrapsIt() {
        RuleEvaluationException npe = RuleEvaluator.failure(new CqlException("wrapped", new NullPointerException()));
        assertThat(npe.programmingError()).isTrue();
        assertThat(npe.rootCauseType()).isEqualTo("NullPointerException");
        assertThat(RuleEvaluator.failure(new ClassCastException()).programmingError())
                .isTrue();
        assertThat(RuleEvaluator.failure(new IllegalStateException()).programmingError())
                .isTrue();
    }
}
