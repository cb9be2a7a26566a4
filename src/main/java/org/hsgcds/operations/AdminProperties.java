package org.hsgcds.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hsg.admin.*}: the administration endpoint.
 *
 * @param token the token {@code POST /admin/reload} requires in its header; unset or empty (the default): the
 *     endpoint answers 404
 */
@ConfigurationProperties("hsg.admin")
record AdminProperties(String token) {

    @Override
    public String toString() {
        return "AdminProperties[token=" + (token == null || token.isEmpty() ? "unset" : "<redacted>") + "]";
    }
}
