package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** One setting names the URL clients reach the service at; with issuers it is required, never taken from Host. */
class PublicBaseUrlSettingTest {

    private static final SecurityProperties.Issuer ISSUER =
            new SecurityProperties.Issuer("https://ehr.example.org", URI.create("https://ehr.example.org/jwks"), null);

    @Test
    void withIssuersTheServiceRefusesToStartWithoutThePublicBaseUrl() {
        assertThatThrownBy(() -> SecurityConfiguration.baseUrl(properties(List.of(ISSUER), null), ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hsg.public-base-url is required");
    }

    @Test
    void thePublicBaseUrlIsTheAudienceBaseAndTheOldNameStillWorks() {
        assertThat(SecurityConfiguration.baseUrl(properties(List.of(ISSUER), null), "https://cds.example.org"))
                .isEqualTo(URI.create("https://cds.example.org"));
        assertThat(SecurityConfiguration.baseUrl(
                        properties(List.of(ISSUER), URI.create("https://cds.example.org")), null))
                .isEqualTo(URI.create("https://cds.example.org"));
    }

    @Test
    void twoDifferentUrlsOrARelativeOneAreRefused() {
        assertThatThrownBy(() -> SecurityConfiguration.baseUrl(
                        properties(List.of(ISSUER), URI.create("https://a.example.org")), "https://b.example.org"))
                .hasMessageContaining("different URLs");
        assertThatThrownBy(() -> SecurityConfiguration.baseUrl(properties(List.of(ISSUER), null), "/cds"))
                .hasMessageContaining("absolute");
    }

    @Test
    void openModeNeedsNone() {
        assertThat(SecurityConfiguration.baseUrl(properties(List.of(), null), ""))
                .isNull();
    }

    private static SecurityProperties properties(List<SecurityProperties.Issuer> issuers, URI external) {
        return new SecurityProperties(
                issuers,
                external,
                false,
                null,
                DataSize.ofMegabytes(5),
                java.time.Duration.ofSeconds(60),
                java.time.Duration.ofMinutes(5),
                100_000,
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(30));
    }
}
