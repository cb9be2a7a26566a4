package org.hsgcds.workbench;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hsg.workbench.*}.
 *
 * @param enabled unset: on in the open loopback mode, off otherwise; {@code false}: off; {@code true}: on (read-only
 *     when client JWTs are required)
 * @param maxBodySize the body limit of the workbench API (a response to check, cards to render: kilobytes),
 *     which a browser reaches without a client JWT
 * @param maxCards the most cards one conformance check or render takes (400 beyond)
 * @param renderSlotWait how long a Markdown render waits for one of the evaluation CPU slots it shares with hook
 *     calls (503 beyond), so renders cannot starve hook calls
 */
@ConfigurationProperties("hsg.workbench")
record WorkbenchProperties(
        Boolean enabled,
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue("200") int maxCards,
        @DefaultValue("2s") Duration renderSlotWait) {}
