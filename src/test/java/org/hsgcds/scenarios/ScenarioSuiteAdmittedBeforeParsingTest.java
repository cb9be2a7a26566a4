package org.hsgcds.scenarios;

import org.hsgcds.testsupport.HsgServiceTest;

/**
 * The whole scenario suite again, with every hook call treated as large: read whole, then parsed and
 * answered inside its CPU slot (LargeCallAdmissionFilter), which is otherwise the path of long records only.
 */
@HsgServiceTest(properties = "hsg.evaluation.large-body=1B")
class ScenarioSuiteAdmittedBeforeParsingTest extends ScenarioSuiteTest {}
