package org.hsgcds.content;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hsg.content.*}: where the rule content (CQL, value sets, card definitions, services) is read from.
 *
 * @param location {@code classpath:} for the content in the jar, or a directory such as {@code file:/opt/hsg-cds/}
 *     to run edited content; {@code POST /admin/reload} re-reads it
 */
@ConfigurationProperties("hsg.content")
public record ContentProperties(@DefaultValue("classpath:") String location) {}
