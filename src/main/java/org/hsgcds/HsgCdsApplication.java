package org.hsgcds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HsgCdsApplication {
    public static void main(String[] args) {
        SpringApplication.run(HsgCdsApplication.class, args);
    }
}
