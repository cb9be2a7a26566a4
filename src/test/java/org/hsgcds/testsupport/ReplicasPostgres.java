package org.hsgcds.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL database of the multi-replica tests, kept apart from the feedback store tests' database:
 * {@code HSG_TEST_PG_REPLICAS_URL}, else {@code HSG_TEST_PG_URL} with the database name {@code hsgcds_replicas_test}
 * ({@code .ci/run} creates it), as {@code HSG_TEST_PG_USER}/{@code HSG_TEST_PG_PASSWORD}. Each test class works in a
 * schema of its own ({@link #newSchema}) and drops it. As a JUnit condition it skips a test class when no server
 * answers, unless {@code HSG_TEST_PG_REQUIRED=true} (CI), where that fails the tests instead.
 */
public final class ReplicasPostgres implements ExecutionCondition {

    public static String url() {
        String explicit = env("HSG_TEST_PG_REPLICAS_URL", "");
        if (!explicit.isEmpty()) {
            return explicit;
        }
        String feedback = env("HSG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/hsgcds_test");
        int query = feedback.indexOf('?');
        String base = query < 0 ? feedback : feedback.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + "hsgcds_replicas_test"
                + (query < 0 ? "" : feedback.substring(query));
    }

    public static String user() {
        return env("HSG_TEST_PG_USER", "hsgcds");
    }

    public static String password() {
        return env("HSG_TEST_PG_PASSWORD", "hsgcds");
    }

    /** A fresh, unused schema name ({@code prefix} plus a random suffix). */
    public static String newSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    public static String urlWithSchema(String schema) {
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("HSG_TEST_PG_REQUIRED"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + url());
        } catch (SQLException e) {
            String why = "No PostgreSQL reachable at " + url() + " as " + user() + " (" + e.getMessage()
                    + "); run .ci/run or set HSG_TEST_PG_REPLICAS_URL, HSG_TEST_PG_USER, HSG_TEST_PG_PASSWORD";
            if (required()) {
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
