package org.hsgcds.security;

/**
 * A call whose bearer token does not prove a trusted CDS client. The message is the reason for the
 * log; the caller only ever learns "unauthorized". Never put the token itself in the message.
 */
public class ClientAuthenticationException extends RuntimeException {

    public ClientAuthenticationException(String reason) {
        super(reason, null, false, false);
    }
}
