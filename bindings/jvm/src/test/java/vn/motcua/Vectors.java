package vn.motcua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the shared vectors of tests/vectors (directory from the motcua.vectors property). */
final class Vectors {
    static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    static JsonNode load(String name) throws IOException {
        String dir = System.getProperty("motcua.vectors", "../../tests/vectors");
        // Read as UTF-8 bytes: the JVM's default charset is ASCII under the LANG=C test setup.
        return JSON.readTree(Files.readAllBytes(Path.of(dir, name)));
    }

    /** The case's config, or the file's, as JSON text ("" when neither has one). */
    static String config(JsonNode c, JsonNode file) {
        JsonNode cfg = c.has("config") ? c.get("config") : file.get("config");
        return cfg == null ? "" : cfg.toString();
    }

    static String textOrNull(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
