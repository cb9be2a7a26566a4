package org.hsgcds.workbench;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hsg.workbench.*}.
 *
 * @param enabled unset: on in the open loopback mode, off otherwise; {@code false}: off; {@code true}: on (read-only
 *     when client JWTs are required)
 */
@ConfigurationProperties("hsg.workbench")
record WorkbenchProperties(Boolean enabled) {}
