package org.hsgcds.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local PostgreSQL databases the tests use, as {@code HSG_TEST_PG_USER}/{@code HSG_TEST_PG_PASSWORD} (default
 * hsgcds/hsgcds); {@code .ci/run} sets them up:
 * <ul>
 *   <li>{@link #FEEDBACK}, the feedback store tests': {@code HSG_TEST_PG_URL} (default
 *       jdbc:postgresql://127.0.0.1:5432/hsgcds_test);
 *   <li>{@link #REPLICAS}, the multi-replica and shared replay store tests', kept apart:
 *       {@code HSG_TEST_PG_REPLICAS_URL}, else {@code HSG_TEST_PG_URL} with the database name
 *       {@code hsgcds_replicas_test}.
 * </ul>
 * Each test class works in a schema of its own ({@link #newSchema}) and drops it. {@code @ExtendWith(}{@link
 * Feedback}{@code .class)} or {@link Replicas} skips a test class when no server answers, unless
 * {@code HSG_TEST_PG_REQUIRED=true} (CI), where that fails the tests instead.
 */
public final class TestPostgres {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/hsgcds_test";

    public static final TestPostgres FEEDBACK =
            new TestPostgres(() -> env("HSG_TEST_PG_URL", DEFAULT_URL), "HSG_TEST_PG_URL");
    public static final TestPostgres REPLICAS = new TestPostgres(TestPostgres::replicasUrl, "HSG_TEST_PG_REPLICAS_URL");

    private final Supplier<String> url;
    private final String urlVariable;

    private TestPostgres(Supplier<String> url, String urlVariable) {
        this.url = url;
        this.urlVariable = urlVariable;
    }

    public String url() {
        return url.get();
    }

    public String user() {
        return env("HSG_TEST_PG_USER", "hsgcds");
    }

    public String password() {
        return env("HSG_TEST_PG_PASSWORD", "hsgcds");
    }

    public String urlWithSchema(String schema) {
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** A fresh, unused schema name ({@code prefix} plus a random suffix). */
    public static String newSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** CI: an unreachable server fails the tests instead of skipping them. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("HSG_TEST_PG_REQUIRED"));
    }

    private ConditionEvaluationResult reachable() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + url());
        } catch (SQLException e) {
            String why = "No PostgreSQL reachable at " + url() + " as " + user() + " (" + e.getMessage()
                    + "); run .ci/run or set " + urlVariable + ", HSG_TEST_PG_USER, HSG_TEST_PG_PASSWORD";
            if (required()) {
                throw new IllegalStateException(
                        why + " (HSG_TEST_PG_REQUIRED=true, so this fails instead of skipping)");
            }
            System.out.println("SKIPPED PostgreSQL tests: " + why);
            return ConditionEvaluationResult.disabled(why);
        }
    }

    /** Runs the test class only when {@link #FEEDBACK} answers (or fails it when required). */
    public static final class Feedback implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return FEEDBACK.reachable();
        }
    }

    /** Runs the test class only when {@link #REPLICAS} answers (or fails it when required). */
    public static final class Replicas implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return REPLICAS.reachable();
        }
    }

    private static String replicasUrl() {
        String explicit = env("HSG_TEST_PG_REPLICAS_URL", "");
        if (!explicit.isEmpty()) {
            return explicit;
        }
        String feedback = env("HSG_TEST_PG_URL", DEFAULT_URL);
        int query = feedback.indexOf('?');
        String base = query < 0 ? feedback : feedback.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + "hsgcds_replicas_test"
                + (query < 0 ? "" : feedback.substring(query));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
