package org.hsgcds;

import java.util.Arrays;
import org.hsgcds.cli.EvaluateCommand;
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
        SpringApplication.run(HsgCdsApplication.class, args);
    }
}
