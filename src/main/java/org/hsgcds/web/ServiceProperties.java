package org.hsgcds.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The top-level {@code hsg.*} settings of the service itself.
 *
 * @param publicBaseUrl the URL clients reach the service at, for absolute links in cards (behind a proxy); unset:
 *     the scheme, host and port of the current request
 * @param dataDir the directory of the H2 feedback database (used by {@code spring.datasource.url}); default
 *     {@code ./data}
 */
@ConfigurationProperties("hsg")
public record ServiceProperties(String publicBaseUrl, String dataDir) {}
