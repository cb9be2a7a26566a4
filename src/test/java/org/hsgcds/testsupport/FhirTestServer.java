package org.hsgcds.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * A real HAPI FHIR R4 server (RestfulServer with in-memory providers) in an embedded Tomcat on a
 * random loopback port, for tests that need the EHR's FHIR server. It pages searches, records
 * every request it receives, and can be told to misbehave per resource type (or for "page"
 * requests): answer late, with an HTTP error, or with a body of the test's choosing.
 */
public final class FhirTestServer implements AutoCloseable {

    /**
     * How a request should misbehave: wait first, then answer with a status, body and optional
     * Location header (or normally when status is 0).
     */
    public record Fault(Duration delay, int status, String body, String location) {
        static final String ERROR =
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\"}]}";

        public static Fault delay(Duration delay) {
            return new Fault(delay, 0, null, null);
        }

        public static Fault status(int status) {
            return new Fault(Duration.ZERO, status, ERROR, null);
        }

        public static Fault body(String body) {
            return new Fault(Duration.ZERO, 200, body, null);
        }

        public static Fault redirect(String location) {
            return new Fault(Duration.ZERO, 302, ERROR, location);
        }
    }

    /** One request as received: what was asked for and the Authorization header (null when absent). */
    public record Request(String type, String pathAndQuery, String authorization) {}

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final Tomcat tomcat;
    private final Map<String, InMemoryProvider> providers;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Access access;

    /**
     * The one bearer token the server accepts and the resource types it may read (its SMART read
     * scopes): any other token, or none, is refused with 401; a type outside the scopes with 403.
     */
    public record Access(String token, Set<String> readableTypes) {}

    private final FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);

    private FhirTestServer(Tomcat tomcat, Map<String, InMemoryProvider> providers) {
        this.tomcat = tomcat;
        this.providers = providers;
    }

    /** Starts a server whose searches answer {@code pageSize} resources per page. */
    public static FhirTestServer start(int pageSize) {
        Map<String, InMemoryProvider> providers = Map.of(
                "Patient", new InMemoryProvider(FHIR, Patient.class, null),
                "Condition", new InMemoryProvider(FHIR, Condition.class, "subject"),
                "AllergyIntolerance", new InMemoryProvider(FHIR, AllergyIntolerance.class, "patient"),
                "Observation", new InMemoryProvider(FHIR, Observation.class, "subject"),
                "Procedure", new InMemoryProvider(FHIR, Procedure.class, "subject"),
                "ServiceRequest", new InMemoryProvider(FHIR, ServiceRequest.class, "subject"));
        try {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(Files.createTempDirectory("fhir-test-server").toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            FhirTestServer server = new FhirTestServer(tomcat, providers);
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "fhir", server.new Servlet(pageSize)).setLoadOnStartup(1);
            context.addServletMappingDecoded("/fhir/*", "fhir");
            tomcat.start();
            return server;
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("Could not start the FHIR test server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/fhir";
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** Replaces all data with these resources (FHIR JSON), and forgets faults and recorded requests. */
    public void reset(List<? extends JsonNode> resources) {
        providers.values().forEach(InMemoryProvider::clear);
        faults.clear();
        access = null;
        requests.clear();
        for (JsonNode json : resources) {
            Resource resource = (Resource) FHIR.newJsonParser().parseResource(json.toString());
            providers.get(resource.fhirType()).store(resource);
        }
    }

    /** From now on, searches answer {@code pageSize} resources a page. */
    public void pageSize(int pageSize) {
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(pageSize);
    }

    /** From now on, only this token is accepted, for these types (null: no check, the default). */
    public void requireToken(Access access) {
        this.access = access;
    }

    /** Makes requests for this resource type (or "page" for next-page requests) misbehave. */
    public void fault(String type, Fault fault) {
        faults.put(type, fault);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * HAPI's own authorization interceptor, as a FHIR server's security layer would use it: a missing or
     * unknown bearer token is refused with 401, a resource type outside the token's read scopes with 403.
     */
    private final class TokenCheck extends AuthorizationInterceptor {

        @Override
        public List<IAuthRule> buildRuleList(RequestDetails request) {
            Access required = access;
            if (required == null) {
                return new RuleBuilder().allowAll().build();
            }
            if (!("Bearer " + required.token()).equals(request.getHeader("Authorization"))) {
                throw new AuthenticationException("The access token is not valid");
            }
            IAuthRuleBuilder rules = new RuleBuilder();
            for (String type : required.readableTypes()) {
                rules = rules.allow().read().resourcesOfType(type).withAnyId().andThen();
            }
            return rules.denyAll("outside the token's scopes").build();
        }
    }

    private final class Servlet extends RestfulServer {

        Servlet(int pageSize) {
            super(FHIR);
            setResourceProviders(List.copyOf(providers.values()));
            paging.setDefaultPageSize(pageSize);
            paging.setMaximumPageSize(pageSize);
            setPagingProvider(paging);
            setDefaultResponseEncoding(EncodingEnum.JSON);
            registerInterceptor(new TokenCheck());
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            String path = request.getPathInfo() == null ? "" : request.getPathInfo();
            String type = request.getParameter("_getpages") != null
                    ? "page"
                    : path.replaceFirst("^/", "").split("/")[0];
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            requests.add(new Request(type, path + query, request.getHeader("Authorization")));
            Fault fault = faults.get(type);
            if (fault == null) {
                super.service(request, response);
                return;
            }
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (fault.status() == 0) {
                super.service(request, response);
                return;
            }
            response.setStatus(fault.status());
            if (fault.location() != null) {
                response.setHeader("Location", fault.location());
            }
            response.setContentType("application/fhir+json");
            response.getOutputStream().write(fault.body().getBytes(StandardCharsets.UTF_8));
        }
    }
}
