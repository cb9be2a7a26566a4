package org.hsgcds.operations;

import java.util.concurrent.Executor;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * "workers" in the readiness group (#29): out of service while every worker thread of the CDS port's
 * connector is busy, or while it holds as many connections as it accepts. A few hundred clients sending a
 * body one byte at a time can hold every worker; the CDS port then answers nothing while the process is
 * alive, and an orchestrator should send calls elsewhere until the slow bodies are cut
 * ({@code hsg.security.body-read-timeout}, {@code server.tomcat.connection-timeout}). The management port
 * (its own connector and threads) still answers this. Liveness is not touched: a restart would not help.
 */
@Component("workers")
class WorkerHealthIndicator extends AbstractHealthIndicator {

    private final ApplicationContext context;

    WorkerHealthIndicator(ApplicationContext context) {
        super("Worker thread check failed");
        this.context = context;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Connector connector = cdsConnector();
        if (connector == null) {
            builder.up();
            return;
        }
        ProtocolHandler handler = connector.getProtocolHandler();
        Executor executor = handler.getExecutor();
        boolean saturated = false;
        if (executor instanceof ThreadPoolExecutor pool) {
            int busy = pool.getActiveCount();
            int max = pool.getMaximumPoolSize();
            int queued = pool.getQueue().size();
            builder.withDetail("busy", busy).withDetail("max", max).withDetail("queued", queued);
            saturated = busy >= max;
        }
        if (handler instanceof AbstractProtocol<?> protocol && protocol.getMaxConnections() > 0) {
            long connections = protocol.getConnectionCount();
            builder.withDetail("connections", connections).withDetail("maxConnections", protocol.getMaxConnections());
            saturated |= connections >= protocol.getMaxConnections();
        }
        builder.status(saturated ? Status.OUT_OF_SERVICE : Status.UP);
    }

    /** The main (CDS) port's connector; null when the server is not Tomcat or not started. */
    private Connector cdsConnector() {
        if (!(context instanceof WebServerApplicationContext web)) {
            return null;
        }
        WebServer server = web.getWebServer();
        return server instanceof TomcatWebServer tomcat ? tomcat.getTomcat().getConnector() : null;
    }
}
