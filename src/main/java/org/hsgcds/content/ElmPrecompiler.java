package org.hsgcds.content;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step ({@code process-classes}): translates the content directory's {@code cql/*.cql}, read as the
 * service reads them, and writes the ELM into the classes directory, where {@link PrecompiledElm} finds
 * it. Translation errors fail the build. Usage: {@code ElmPrecompiler <content directory> <output directory>}.
 */
public final class ElmPrecompiler {

    private ElmPrecompiler() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ElmPrecompiler <content directory> <output directory>");
        }
        Map<String, String> sources =
                ContentLoader.cqlSources("file:" + Path.of(args[0]).toAbsolutePath() + "/");
        PrecompiledElm.write(Path.of(args[1]), new CqlCompiler().compileAll(sources), sources);
        System.out.println("Precompiled ELM for " + sources.keySet() + " into " + args[1]);
    }
}
