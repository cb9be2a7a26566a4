package org.hsgcds.testsupport;

import java.net.http.HttpClient;

/**
 * The HTTP client tests use to call a service on this machine: HTTP/1.1 only, because the JDK client's default
 * (an HTTP/2 upgrade attempt on every plain request) changes what the transport and admission tests observe.
 */
public final class LocalHttp {

    private LocalHttp() {}

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
}
