package org.hsgcds.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the workbench is served, and how much of it, for each security mode and setting. */
class WorkbenchModeTest {

    @ParameterizedTest(name = "enabled={0}, issuers={1}, address={2} → {3}")
    @CsvSource(
            nullValues = "unset",
            value = {
                // open mode on loopback (the default): on unless switched off
                "unset, false, 127.0.0.1, FULL",
                "true,  false, 127.0.0.1, FULL",
                "false, false, 127.0.0.1, OFF",
                "unset, false, ::1,       FULL",
                // open on another address (hsg.security.allow-unauthenticated=true): only when asked for
                "unset, false, 0.0.0.0,   OFF",
                "unset, false, 10.1.2.3,  OFF",
                "true,  false, 0.0.0.0,   FULL",
                // client JWTs required: off unless asked for, and then read-only
                "unset, true,  127.0.0.1, OFF",
                "unset, true,  0.0.0.0,   OFF",
                "false, true,  0.0.0.0,   OFF",
                "true,  true,  0.0.0.0,   READ_ONLY",
                "true,  true,  127.0.0.1, READ_ONLY",
            })
    void decidesFromTheSecurityModeAndTheSetting(
            Boolean enabled, boolean issuers, String address, WorkbenchMode expected) {
        assertThat(WorkbenchMode.decide(enabled, issuers, address)).isEqualTo(expected);
    }
}
