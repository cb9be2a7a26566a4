package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LoopbackDefaultTest {

    private final LoopbackDefault processor = new LoopbackDefault(Supplier::get);

    @Test
    void noIssuersAndNoAddressBindsLoopback() {
        MockEnvironment env = new MockEnvironment();
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void noIssuersOnAPublicAddressStopsStartUp() {
        MockEnvironment env = new MockEnvironment().withProperty("server.address", "0.0.0.0");
        assertThatThrownBy(() -> processor.postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hsg.security.allow-unauthenticated=true");
    }

    @Test
    void noIssuersOnAPublicAddressRunsWhenAllowedExplicitly() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("server.address", "0.0.0.0")
                .withProperty("hsg.security.allow-unauthenticated", "true");
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void loopbackAddressesNeedNoIssuers() {
        for (String address : List.of("127.0.0.1", "::1", "localhost")) {
            MockEnvironment env = new MockEnvironment().withProperty("server.address", address);
            processor.postProcessEnvironment(env, new SpringApplication());
            assertThat(env.getProperty("server.address")).isEqualTo(address);
        }
    }

    @Test
    void withIssuersAnyAddressMayBeBound() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("server.address", "0.0.0.0")
                .withProperty("hsg.security.issuers[0].iss", "https://ehr.example.org")
                .withProperty("hsg.security.issuers[0].jwks-url", "https://ehr.example.org/jwks");
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void jwksUrlsMustBeHttpsExceptOnLoopback() {
        assertThatThrownBy(() -> new SecurityProperties.Issuer(
                        "https://ehr.example.org", URI.create("http://ehr.example.org/jwks"), null))
                .hasMessageContaining("must be https");
        assertThatThrownBy(() -> new SecurityProperties.Issuer(
                        "https://ehr.example.org",
                        URI.create("https://ehr.example.org/jwks"),
                        List.of(URI.create("http://keys.example.org/jwks"))))
                .hasMessageContaining("must be https");
        assertThat(new SecurityProperties.Issuer("x", URI.create("http://127.0.0.1:8081/jwks"), null).jwksUrl())
                .isNotNull();
        assertThat(new SecurityProperties.Issuer("x", URI.create("http://localhost/jwks"), null).jwksUrl())
                .isNotNull();
    }
}
