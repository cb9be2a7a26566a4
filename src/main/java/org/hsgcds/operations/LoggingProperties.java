package org.hsgcds.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hsg.logging.*}. Read before the application context exists, by {@link JsonLogging}; declared here too so
 * that it is documented and completed like every other setting.
 *
 * @param json {@code true}: the console logs structured JSON (Elastic Common Schema) with each call's hookInstance
 */
@ConfigurationProperties("hsg.logging")
record LoggingProperties(boolean json) {}
