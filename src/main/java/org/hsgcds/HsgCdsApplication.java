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
        application.addListeners(new EarlyStart());
        return application;
    }
}
