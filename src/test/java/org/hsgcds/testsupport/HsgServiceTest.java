package org.hsgcds.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A test of the whole service over HTTP: the application on a random port, a {@code TestRestTemplate} to autowire,
 * and the clock pinned to the test run's day at noon UTC ({@link FixedClockConfiguration}), so fixtures written
 * relative to today agree with the service. {@link #properties} are Spring properties for this test's context
 * (tests with the same properties share one context).
 *
 * <pre>{@code
 * @HsgServiceTest(properties = "hsg.protocol.location=classpath:protocol/shanghai.json")
 * class MyTest {
 *     @Autowired TestRestTemplate http;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FixedClockConfiguration.class)
public @interface HsgServiceTest {

    /** Spring properties ({@code key=value}) for this test's application context. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
