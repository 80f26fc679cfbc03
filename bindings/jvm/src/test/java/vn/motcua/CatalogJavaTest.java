package vn.motcua;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The procedure catalogue from Java: the seeded misconfigurations of tests/vectors/catalog/checks.json
 * are all reported, every case of search.json and inputs.json holds, the batch form equals one-by-one
 * search, and bad input is a MotcuaException with its 7200-range code.
 */
class CatalogJavaTest {

    private static String text(String name) throws IOException {
        String dir = System.getProperty("motcua.vectors", "../../tests/vectors");
        return new String(Files.readAllBytes(Path.of(dir, "catalog", name)), StandardCharsets.UTF_8);
    }

    private static List<String> codes(List<SearchHit> hits) {
        List<String> out = new ArrayList<>();
        for (SearchHit h : hits) out.add(h.getCode());
        return out;
    }

    @Test
    void seededMisconfigurationsAreAllCaught() throws Exception {
        JsonNode want = Vectors.load("catalog/checks.json");
        try (Catalog c = MotcuaKt.catalog(text(want.get("catalog").asText()), "csv", null)) {
            CatalogReport r = c.check();
            JsonNode wp = want.get("problems");
            assertEquals(wp.size(), r.getProblems().size());
            for (int i = 0; i < wp.size(); i++) {
                CatalogProblem p = r.getProblems().get(i);
                JsonNode w = wp.get(i);
                assertEquals(w.get("line").asLong(), p.getLine());
                assertEquals(w.get("ma_thu_tuc").asText(), p.getMaThuTuc());
                assertEquals(w.get("code").asInt(), p.getError().getCode());
                assertEquals(w.get("field").asText(), p.getError().getField());
            }
            assertEquals(want.get("procedures").asLong(), r.getProcedures());
            assertEquals(want.get("procedures_with_problems").asLong(), r.getProceduresWithProblems());
            assertTrue(r.getNotChecked().isEmpty());
            assertEquals(want.get("procedures").asLong(), c.size());
        }
    }

    @Test
    void searchVectors() throws Exception {
        JsonNode v = Vectors.load("catalog/search.json");
        try (Catalog c = MotcuaKt.catalog(text(v.get("catalog").asText()), null, null)) {
            List<String> queries = new ArrayList<>();
            for (JsonNode cs : v.get("cases")) {
                String q = cs.get("query").asText();
                int limit = cs.has("limit") ? cs.get("limit").asInt() : 10;
                String level = Vectors.textOrNull(cs, "level");
                if (cs.has("error")) {
                    MotcuaException e = assertThrows(MotcuaException.class, () -> c.search(q, limit, level, null, null));
                    assertEquals(cs.get("error").asInt(), e.code(), q);
                    continue;
                }
                queries.add(q);
                List<SearchHit> hits = c.search(q, limit, level, null, null);
                List<String> got = codes(hits);
                if (cs.has("top")) assertEquals(cs.get("top").asText(), got.get(0), q);
                if (cs.has("score")) assertEquals(cs.get("score").asDouble(), hits.get(0).getScore(), q);
                if (cs.has("matched")) assertEquals(cs.get("matched").asText(), hits.get(0).getMatched(), q);
                if (cs.has("in_top")) {
                    String code = cs.get("in_top").get(0).asText();
                    int k = cs.get("in_top").get(1).asInt();
                    assertTrue(got.subList(0, Math.min(k, got.size())).contains(code), q + " " + got);
                }
                if (cs.has("same_as")) {
                    assertFalse(got.isEmpty());
                    assertEquals(codes(c.search(cs.get("same_as").asText(), limit, level, null, null)), got, q);
                }
                if (cs.has("count")) assertEquals(cs.get("count").asInt(), hits.size(), q);
                for (int i = 1; i < hits.size(); i++) assertTrue(hits.get(i - 1).getScore() >= hits.get(i).getScore());
                for (SearchHit h : hits) {
                    int n = h.getName().codePointCount(0, h.getName().length());
                    for (NameSpan s : h.getSpans()) assertTrue(s.getStart() < s.getEnd() && s.getEnd() <= n, q);
                }
            }
            List<List<SearchHit>> many = c.searchMany(queries, 10, null, null, null);
            assertEquals(queries.size(), many.size());
            for (int i = 0; i < queries.size(); i++) {
                assertEquals(codes(c.search(queries.get(i), 10, null, null, null)), codes(many.get(i)));
            }
        }
    }

    @Test
    void spansAreCodePointOffsets() throws Exception {
        try (Catalog c = MotcuaKt.catalog(text("procedures.csv"), null, null)) {
            SearchHit h = c.search("the can cuoc", 1, null, null, null).get(0);
            String name = h.getName();
            NameSpan s = h.getSpans().get(0);
            String part = name.substring(name.offsetByCodePoints(0, s.getStart()), name.offsetByCodePoints(0, s.getEnd()));
            assertTrue(part.toLowerCase().contains("thẻ căn cước"), part);
        }
    }

    @Test
    void inputVectors() throws Exception {
        JsonNode cases = Vectors.load("catalog/inputs.json").get("cases");
        assertTrue(cases.size() >= 9);
        for (JsonNode k : cases) {
            String name = k.get("name").asText(), text = k.get("text").asText(), format = k.get("format").asText();
            JsonNode want = k.get("expect");
            if (want.has("error")) {
                MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.catalog(text, format, null), name);
                assertEquals(want.get("error").get("code").asInt(), e.code(), name);
                assertEquals(want.get("error").get("field").asText(), e.field(), name);
            } else {
                try (Catalog c = MotcuaKt.catalog(text, format, null)) {
                    assertEquals(want.get("procedures").asLong(), c.size(), name);
                }
            }
        }
    }

    @Test
    void badInputIsAnExceptionWithItsCode() {
        MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.catalog("ma_thu_tuc,linh_vuc\n1.000757,x\n", null, null));
        assertEquals(7201, e.code());
        assertEquals("ten_thu_tuc", e.field());
        assertInstanceOf(MotcuaException.Catalog.class, e);
        e = assertThrows(MotcuaException.class, () -> MotcuaKt.catalog("ma_thu_tuc,ten_thu_tuc\n", null, "abc\n"));
        assertEquals(7222, e.code());
    }
}
