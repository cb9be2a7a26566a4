package org.hsgcds;

import java.util.Arrays;
import org.hsgcds.cli.EvaluateCommand;
import org.hsgcds.operations.EarlyStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HsgCdsApplication {

    /**
     * Set by Spring while the build generates the bean definitions (the {@code process-aot} goal runs this main):
     * that run only builds the context, so the content and the warm-up are not started beside it.
     */
    static final String AOT_PROCESSING = "spring.aot.processing";

    public static void main(String[] args) {
        if (args.length > 0 && "evaluate".equals(args[0])) {
            // The command line for integration engines: no Spring context, no web server, no port.
            System.exit(EvaluateCommand.runFromMain(Arrays.copyOfRange(args, 1, args.length)));
        }
        application().run(args);
    }

    /** The service as {@code java -jar} starts it: content loading and the warm-up begin beside the context. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(HsgCdsApplication.class);
        if (!Boolean.getBoolean(AOT_PROCESSING)) {
            application.addListeners(new EarlyStart());
        }
        return application;
    }
}
