package org.hsgcds.content;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hsg.terminology.*}: an optional FHIR terminology server asked for {@code ValueSet/$expand} when content
 * loads; the shipped expansions are used where it does not answer.
 *
 * @param server the server's base URL, e.g. {@code https://tx.example.org/fhir}; unset (the default): not asked
 */
@ConfigurationProperties("hsg.terminology")
public record TerminologyProperties(String server) {}
