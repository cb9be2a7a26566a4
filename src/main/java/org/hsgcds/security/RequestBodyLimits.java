package org.hsgcds.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A smaller body limit another feature sets for its own requests (today: the workbench API, which a
 * browser reaches without a client JWT and which needs kilobytes, not the megabytes of a hook call). The
 * body limit filter applies the smaller of this and {@code hsg.security.max-body-size}, before
 * authentication.
 */
@FunctionalInterface
public interface RequestBodyLimits {

    /** The limit for this request in bytes, or a negative number for none of its own. */
    long limitFor(HttpServletRequest request);

    /** The setting that names the limit, for the 413 message. */
    default String setting() {
        return "hsg.security.max-body-size";
    }
}
