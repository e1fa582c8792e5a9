package io.nbo.load.report;

import io.nbo.schemas.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run's results as indented JSON, creating the folder if needed. */
public final class ResultsWriter {
    private ResultsWriter() {
    }

    public static void write(RunResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    }
}
