package org.hsgcds.content;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hsg.protocol.*}: the site's protocol file, read over the content's
 * {@code fhir-resources/site-protocol.json} at start-up and on every reload.
 *
 * @param location e.g. {@code file:/etc/hsg-cds/protocol.json}; unset: the protocol shipped with the content
 */
@ConfigurationProperties("hsg.protocol")
record SiteProtocolProperties(String location) {}
