package org.hsgcds.evaluation;

/** The rules could not be evaluated on this data (for example a value the CQL cannot interpret). */
public class RuleEvaluationException extends RuntimeException {
    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
