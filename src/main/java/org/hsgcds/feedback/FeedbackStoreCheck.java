package org.hsgcds.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Refuses to start on a database the feedback store's SQL does not run on ({@code INSERT ... ON
 * CONFLICT DO NOTHING}): PostgreSQL, or H2 in PostgreSQL mode. On H2 in its own mode the service used
 * to start, then answer 500 to feedback and silently drop the record of issued cards.
 */
@Component
class FeedbackStoreCheck {

    FeedbackStoreCheck(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if ("PostgreSQL".equals(product)) {
                return;
            }
            if (!"H2".equals(product)) {
                throw new IllegalStateException(
                        "spring.datasource.url: the feedback store runs on PostgreSQL or on H2 in "
                                + "PostgreSQL mode, not on " + product);
            }
            String mode = h2Mode(connection);
            if (!"POSTGRESQL".equals(mode.toUpperCase(Locale.ROOT))) {
                throw new IllegalStateException(
                        "spring.datasource.url: H2 runs in " + mode + " mode; the feedback store "
                                + "needs PostgreSQL mode: add ;MODE=PostgreSQL to the URL, e.g. "
                                + "jdbc:h2:file:/var/lib/hsg-cds/hsg-cds;MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            }
        }
    }

    private static String h2Mode(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'");
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : "REGULAR";
        }
    }
}
