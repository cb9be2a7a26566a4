package org.hsgcds.workbench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Whether the workbench page is served, and how much of it. It never changes how the CDS endpoints
 * authenticate: in {@link #FULL} mode the page calls them as any other client does, which is only
 * possible when they are open; in {@link #READ_ONLY} mode (trusted issuers configured) the page can
 * show the rules and check pasted responses, but it cannot call hooks, send feedback or read the
 * analytics, because those still need a client JWT that a browser does not have.
 */
public enum WorkbenchMode {

    /** Not served: every workbench path answers 404 (or 401 first, when client JWTs are required). */
    OFF,
    /** Try it, overrides, conformance and rules: the default in the open, loopback-only mode. */
    FULL,
    /** Rules and the conformance check of pasted responses only, without a client JWT. */
    READ_ONLY;

    /**
     * @param enabled {@code hsg.workbench.enabled}, or null when not set
     * @param authenticationRequired whether trusted issuers are configured (client JWTs required)
     * @param serverAddress {@code server.address} as bound (the loopback default has been applied)
     */
    static WorkbenchMode decide(Boolean enabled, boolean authenticationRequired, String serverAddress) {
        if (Boolean.FALSE.equals(enabled)) {
            return OFF;
        }
        if (authenticationRequired) {
            return Boolean.TRUE.equals(enabled) ? READ_ONLY : OFF;
        }
        if (Boolean.TRUE.equals(enabled) || isLoopback(serverAddress)) {
            return FULL;
        }
        return OFF;
    }

    /** How the page names the mode: {@code full}, {@code read-only} or {@code off}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String bare =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
