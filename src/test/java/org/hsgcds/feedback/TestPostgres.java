package org.hsgcds.feedback;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local PostgreSQL the tests use: {@code HSG_TEST_PG_URL} (default jdbc:postgresql://127.0.0.1:5432/hsgcds_test),
 * {@code HSG_TEST_PG_USER}/{@code HSG_TEST_PG_PASSWORD} (default hsgcds/hsgcds); {@code .ci/run} sets it up.
 * As a JUnit condition it skips a test class when no server answers, unless {@code HSG_TEST_PG_REQUIRED=true}
 * (CI), where an unreachable server fails the tests instead.
 */
final class TestPostgres implements ExecutionCondition {

    static String url() {
        return env("HSG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/hsgcds_test");
    }

    static String user() {
        return env("HSG_TEST_PG_USER", "hsgcds");
    }

    static String password() {
        return env("HSG_TEST_PG_PASSWORD", "hsgcds");
    }

    static String urlWithSchema(String schema) {
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + url());
        } catch (SQLException e) {
            String why = "No PostgreSQL reachable at " + url() + " as " + user() + " (" + e.getMessage()
                    + "); run .ci/run or set HSG_TEST_PG_URL, HSG_TEST_PG_USER, HSG_TEST_PG_PASSWORD";
            if (Boolean.parseBoolean(System.getenv("HSG_TEST_PG_REQUIRED"))) {
                throw new IllegalStateException(
                        why + " (HSG_TEST_PG_REQUIRED=true, so this fails instead of skipping)");
            }
            System.out.println("SKIPPED PostgreSQL tests: " + why);
            return ConditionEvaluationResult.disabled(why);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
