package org.hsgcds.orchestration;

/**
 * A hook call that cannot be answered with cards: the request breaks the CDS Hooks contract, or names no
 * service. It says what is wrong, not how to answer: the web layer chooses the status code.
 */
public final class HookCallException extends RuntimeException {

    /** What is wrong with the call; the code is the {@code error} field of the answer. */
    public enum Problem {
        INVALID_REQUEST("invalid_request"),
        UNKNOWN_SERVICE("unknown_service");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Problem problem;

    private HookCallException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public static HookCallException invalid(String message) {
        return new HookCallException(Problem.INVALID_REQUEST, message);
    }

    public static HookCallException unknownService(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return new HookCallException(Problem.UNKNOWN_SERVICE, "No CDS service with id '" + shown + "'");
    }

    public Problem problem() {
        return problem;
    }
}
