package org.hsgcds.orchestration;

/**
 * The caller of a hook call (or render) went away before its work started (#29): the work is skipped and
 * nothing is recorded as issued. There is no one to answer; the web layer writes a 503 in case anyone reads it.
 */
public final class CallAbandonedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CallAbandonedException() {
        super("The client went away before its call was evaluated");
    }
}
