import java.net.HttpURLConnection;
import java.net.URI;

/** Exit 0 when the URL answers 200 within 3 seconds, else 1. The image's HEALTHCHECK runs it. */
public final class HealthCheck {
    public static void main(String[] args) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            System.exit(connection.getResponseCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
