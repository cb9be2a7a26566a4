package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issued cards are written by a background batch writer. When the service is stopped (SIGTERM) while
 * hook calls are being answered, every card sent in a 200 must still reach the embedded database:
 * the writer drains its queue on shutdown, and the database must still be open when it does.
 */
class IssuedCardsSurviveShutdownTest {

    private static final int CALLERS = 4;
    private static final int STOP_AFTER_CARDS = 200;

    @TempDir
    Path dir;

    @Test
    void shouldStoreEveryIssuedCardWhenTheServiceIsStoppedUnderLoad() throws Exception {
        Path data = dir.resolve("data");
        JsonNode hookCall = FeedbackHttp.JSON.readTree(
                Path.of("fhir-resources/examples/order-sign-pregnant.json").toFile());
        Set<String> issued = ConcurrentHashMap.newKeySet();
        ServiceProcess service = ServiceProcess.start(data, dir.resolve("service.log"));
        try {
            service.endUnderLoad(
                    CALLERS,
                    http -> callOnce(http, hookCall, issued),
                    () -> issued.size() >= STOP_AFTER_CARDS
                            || !service.process().isAlive(),
                    ServiceProcess::stop);
        } finally {
            service.kill();
        }
        String log = Files.readString(service.log());

        assertThat(issued).as("cards issued before the stop").hasSizeGreaterThanOrEqualTo(STOP_AFTER_CARDS);
        assertThat(log).doesNotContain("Could not record");
        assertThat(storedCards(data, issued))
                .as("issued cards found in the database after the stop")
                .isEqualTo(issued.size());
    }

    private static void callOnce(FeedbackHttp http, JsonNode hookCall, Set<String> issued)
            throws IOException, InterruptedException {
        FeedbackHttp.Answer answer = http.post("/cds-services/" + FeedbackHttp.SERVICE, hookCall);
        if (answer.status() == 200) {
            answer.body()
                    .path("cards")
                    .forEach(card -> issued.add(card.path("uuid").asText()));
        }
    }

    private static int storedCards(Path data, Set<String> issued) throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("hsg-cds") + ";MODE=PostgreSQL;IFEXISTS=TRUE";
        List<String> uuids = new ArrayList<>(issued);
        int found = 0;
        try (Connection connection = DriverManager.getConnection(url, "", "");
                PreparedStatement query =
                        connection.prepareStatement("SELECT COUNT(*) FROM issued_card WHERE card_uuid = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("VARCHAR", uuids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                found = rows.getInt(1);
            }
        }
        return found;
    }
}
