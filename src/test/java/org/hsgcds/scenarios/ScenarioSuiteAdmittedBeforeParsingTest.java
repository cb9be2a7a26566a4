package org.hsgcds.scenarios;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole scenario suite again, with every hook call treated as large: read whole, then parsed and
 * answered inside its CPU slot (LargeCallAdmissionFilter), which is otherwise the path of long records only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "hsg.evaluation.large-body=1B")
@Import(FixedClockConfiguration.class)
class ScenarioSuiteAdmittedBeforeParsingTest extends ScenarioSuiteTest {}
