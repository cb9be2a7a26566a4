package org.hsgcds.evaluation;

/**
 * The rules could not be evaluated: on this data (a value the CQL cannot interpret), or because of a
 * programming error in the service or the engine ({@link #programmingError()}).
 */
public class RuleEvaluationException extends RuntimeException {

    private final boolean programmingError;

    public RuleEvaluationException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public RuleEvaluationException(String message, Throwable cause, boolean programmingError) {
        super(message, cause);
        this.programmingError = programmingError;
    }

    /** True when the root cause is not the engine's or the parser's report about data (e.g. a NullPointerException). */
    public boolean programmingError() {
        return programmingError;
    }

    /** The root cause's class name: safe to log, unlike messages, which can quote record values. */
    public String rootCauseType() {
        return RuleEvaluator.rootCause(this).getClass().getSimpleName();
    }
}
