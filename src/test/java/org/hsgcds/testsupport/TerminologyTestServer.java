package org.hsgcds.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * A real HAPI FHIR R4 terminology server (RestfulServer with a type-level {@code ValueSet/$expand}
 * operation) in an embedded Tomcat on a random loopback port. It expands the value sets it was given
 * by canonical url and answers 404 for any other; it records the urls it was asked for.
 */
public final class TerminologyTestServer implements AutoCloseable {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final Tomcat tomcat;
    private final Map<String, List<Coding>> expansions = new ConcurrentHashMap<>();
    private final Map<String, Integer> totals = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private TerminologyTestServer(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    public static TerminologyTestServer start() {
        try {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(
                    Files.createTempDirectory("terminology-test-server").toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            TerminologyTestServer server = new TerminologyTestServer(tomcat);
            Context context = tomcat.addContext("", null);
            RestfulServer servlet = new RestfulServer(FHIR);
            servlet.setResourceProviders(List.of(server.new ExpandProvider()));
            servlet.setDefaultResponseEncoding(EncodingEnum.JSON);
            Tomcat.addServlet(context, "fhir", servlet).setLoadOnStartup(1);
            context.addServletMappingDecoded("/fhir/*", "fhir");
            tomcat.start();
            return server;
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("Could not start the terminology test server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    /** From now on, {@code $expand} of {@code url} answers these codes. */
    public void expansion(String url, List<Coding> codes) {
        expansions.put(url, List.copyOf(codes));
    }

    /** From now on, {@code $expand} of {@code url} answers these codes as one page of {@code total}. */
    public void partialExpansion(String url, List<Coding> codes, int total) {
        expansion(url, codes);
        totals.put(url, total);
    }

    /** The canonical urls {@code $expand} was called with, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
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

    /** The ValueSet resource type with only the {@code $expand} operation. */
    public final class ExpandProvider implements IResourceProvider {

        @Override
        public Class<ValueSet> getResourceType() {
            return ValueSet.class;
        }

        @Operation(name = "$expand", idempotent = true, type = ValueSet.class)
        public ValueSet expand(@OperationParam(name = "url") UriType url) {
            String canonical = url == null ? null : url.getValue();
            asked.add(String.valueOf(canonical));
            List<Coding> codes = canonical == null ? null : expansions.get(canonical);
            if (codes == null) {
                throw new ResourceNotFoundException("No value set " + canonical);
            }
            ValueSet valueSet = new ValueSet();
            valueSet.setUrl(canonical);
            valueSet.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
            valueSet.getExpansion().setTimestamp(new Date());
            if (totals.containsKey(canonical)) {
                valueSet.getExpansion().setTotal(totals.get(canonical));
            }
            codes.forEach(c -> valueSet.getExpansion()
                    .addContains()
                    .setSystem(c.getSystem())
                    .setCode(c.getCode())
                    .setDisplay(c.getDisplay()));
            return valueSet;
        }
    }
}
