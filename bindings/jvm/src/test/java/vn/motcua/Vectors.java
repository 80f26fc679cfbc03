package vn.motcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

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

    /**
     * `want` is a subset of `got`: objects by the keys `want` gives, arrays element by element with
     * the same length, scalars equal (core/tests/common/mod.rs `subset`).
     */
    static void assertSubset(JsonNode want, JsonNode got, String ctx) {
        if (want.isObject()) {
            assertTrue(got != null && got.isObject(), ctx + ": not an object: " + got);
            Iterator<Map.Entry<String, JsonNode>> it = want.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTrue(got.has(e.getKey()), ctx + ": missing " + e.getKey() + " in " + got);
                assertSubset(e.getValue(), got.get(e.getKey()), ctx + "." + e.getKey());
            }
        } else if (want.isArray()) {
            assertTrue(got != null && got.isArray() && got.size() == want.size(),
                    ctx + ": expected " + want.size() + " elements: " + got);
            for (int i = 0; i < want.size(); i++) {
                assertSubset(want.get(i), got.get(i), ctx + "[" + i + "]");
            }
        } else {
            assertEquals(want, got, ctx);
        }
    }
}
