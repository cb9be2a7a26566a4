package org.hsgcds.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build step ({@code process-classes}): translates {@code cql/*.cql} and writes the ELM into the
 * classes directory, where {@link PrecompiledElm} finds it. Translation errors fail the build.
 * Usage: {@code ElmPrecompiler <cql directory> <output directory>}.
 */
public final class ElmPrecompiler {

    private ElmPrecompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ElmPrecompiler <cql directory> <output directory>");
        }
        Map<String, String> sources = new TreeMap<>();
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".cql")).toList()) {
                sources.put(file.getFileName().toString().replaceFirst("\\.cql$", ""), Files.readString(file));
            }
        }
        PrecompiledElm.write(Path.of(args[1]), new CqlCompiler().compileAll(sources), sources);
        System.out.println("Precompiled ELM for " + sources.keySet() + " into " + args[1]);
    }
}
