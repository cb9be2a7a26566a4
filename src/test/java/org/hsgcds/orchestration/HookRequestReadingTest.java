package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * How the service's own ObjectMapper reads a hook call: prefetch is skipped only when the context, read
 * first, holds no HSG order; in every other case it is kept for the rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HookRequestReadingTest {

    private static final String CHEST_X_RAY = "{\"system\":\"http://loinc.org\",\"code\":\"36643-5\"}";

    @Autowired
    ObjectMapper serviceMapper;

    private ObjectNode hsgCall;

    @BeforeEach
    void readExample() throws Exception {
        hsgCall = (ObjectNode) serviceMapper.readTree(
                Path.of("fhir-resources/examples/order-sign-pregnant.json").toFile());
    }

    @Test
    void shouldKeepPrefetchWhenTheContextHoldsAnHsgOrder() throws Exception {
        CdsServiceRequest request = serviceMapper.readValue(hsgCall.toString(), CdsServiceRequest.class);

        assertThat(request.prefetch()).containsOnlyKeys(keys(hsgCall));
    }

    @Test
    void shouldSkipPrefetchWhenTheContextHoldsNoHsgOrder() throws Exception {
        ObjectNode chestXRay = withOrderCode(hsgCall, CHEST_X_RAY);

        CdsServiceRequest request = serviceMapper.readValue(chestXRay.toString(), CdsServiceRequest.class);

        assertThat(request.prefetch()).isEmpty();
        assertThat(request.context().path("draftOrders").path("entry")).hasSize(1);
        assertThat(request.hookInstance())
                .isEqualTo(hsgCall.path("hookInstance").asText());
    }

    @Test
    void shouldKeepPrefetchSentBeforeTheContext() throws Exception {
        ObjectNode chestXRay = withOrderCode(hsgCall, CHEST_X_RAY);
        ObjectNode prefetchFirst = serviceMapper.createObjectNode();
        prefetchFirst.set("prefetch", chestXRay.get("prefetch"));
        prefetchFirst.set("hook", chestXRay.get("hook"));
        prefetchFirst.set("hookInstance", chestXRay.get("hookInstance"));
        prefetchFirst.set("context", chestXRay.get("context"));

        CdsServiceRequest request = serviceMapper.readValue(prefetchFirst.toString(), CdsServiceRequest.class);

        assertThat(request.prefetch()).containsOnlyKeys(keys(hsgCall));
    }

    @Test
    void shouldKeepPrefetchWhenDraftOrdersAreNotABundleOrTheMapperIsNotTheService() throws Exception {
        ObjectNode noDraftOrders = hsgCall.deepCopy();
        ((ObjectNode) noDraftOrders.get("context")).put("draftOrders", "not a bundle");

        assertThat(serviceMapper
                        .readValue(noDraftOrders.toString(), CdsServiceRequest.class)
                        .prefetch())
                .containsOnlyKeys(keys(hsgCall));
        assertThat(new ObjectMapper()
                        .readValue(withOrderCode(hsgCall, CHEST_X_RAY).toString(), CdsServiceRequest.class)
                        .prefetch())
                .as("a mapper without the hook service cannot tell, so it keeps everything")
                .containsOnlyKeys(keys(hsgCall));
    }

    private ObjectNode withOrderCode(ObjectNode call, String coding) throws Exception {
        ObjectNode copy = call.deepCopy();
        ObjectNode order = (ObjectNode)
                copy.path("context").path("draftOrders").path("entry").path(0).path("resource");
        order.putObject("code").putArray("coding").add(serviceMapper.readTree(coding));
        return copy;
    }

    private static List<String> keys(ObjectNode call) {
        List<String> keys = new ArrayList<>();
        call.path("prefetch").fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
