package vn.motcua;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shared vectors (tests/vectors/*.json) through the binding, called from Java the way a
 * Spring integrator would: static imports of vn.motcua.MotcuaKt, records with getters, checked
 * MotcuaException with code().
 */
class VectorsJavaTest {

    @Test
    void identifiers() throws Exception {
        JsonNode file = Vectors.load("identifiers.json");
        int n = 0;
        for (JsonNode c : file.get("cases")) {
            String kind = c.get("kind").asText();
            String value = c.get("value").asText();
            CheckResult r = MotcuaKt.check(kind, value, Vectors.config(c, file));
            String ctx = kind + " " + value;
            assertEquals(c.get("valid").asBoolean(), r.getValid(), ctx);
            assertEquals(kind, r.getKind());
            assertEquals(value, r.getValue());
            if (r.getValid()) {
                assertEquals(c.get("canonical").asText(), r.getCanonical(), ctx);
                assertNull(r.getError());
                JsonNode parsed = c.get("parsed");
                if (parsed != null) {
                    parsed.fields().forEachRemaining(e -> {
                        JsonNode want = e.getValue();
                        String got = r.getParsed().get(e.getKey());
                        if (want.isNull()) {
                            assertNull(got, ctx + " parsed." + e.getKey());
                        } else {
                            assertEquals(want.isTextual() ? want.asText() : want.toString(), got,
                                    ctx + " parsed." + e.getKey());
                        }
                    });
                }
            } else {
                assertNull(r.getCanonical());
                assertEquals(c.get("error_code").asInt(), r.getError().getCode(), ctx);
                assertTrue(r.getParsed().isEmpty());
            }
            n++;
        }
        assertTrue(n > 80, "vectors read: " + n);
    }

    @Test
    void identifiersInOneBatchMatchOneByOne() throws Exception {
        JsonNode file = Vectors.load("identifiers.json");
        String config = Vectors.config(file, file);
        List<String> cccd = new ArrayList<>();
        for (JsonNode c : file.get("cases")) {
            if (c.get("kind").asText().equals("cccd") && !c.has("config")) {
                cccd.add(c.get("value").asText());
            }
        }
        assertTrue(cccd.size() > 3);
        List<CheckResult> batch = MotcuaKt.checkMany("cccd", cccd, config);
        assertEquals(cccd.size(), batch.size());
        for (int i = 0; i < cccd.size(); i++) {
            assertEquals(MotcuaKt.check("cccd", cccd.get(i), config), batch.get(i));
        }
    }

    @Test
    void money() throws Exception {
        List<String> texts = new ArrayList<>();
        List<Boolean> nonNegative = new ArrayList<>();
        for (JsonNode c : Vectors.load("money.json").get("cases")) {
            String input = c.get("input").asText();
            boolean nn = c.path("non_negative").asBoolean(false);
            texts.add(input);
            nonNegative.add(nn);
            if (c.has("value")) {
                assertEquals(c.get("value").asLong(), MotcuaKt.parseVnd(input, nn), input);
            } else {
                MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.parseVnd(input, nn));
                assertEquals(c.get("error_code").asInt(), e.code(), input);
                assertInstanceOf(MotcuaException.Money.class, e);
            }
            VndOutcome o = MotcuaKt.parseVndMany(List.of(input), nn).get(0);
            if (c.has("value")) {
                assertEquals(c.get("value").asLong(), o.getValue());
                assertNull(o.getError());
            } else {
                assertNull(o.getValue());
                assertEquals(c.get("error_code").asInt(), o.getError().getCode());
            }
        }
        assertTrue(texts.size() >= 10);
    }

    private static TransitionRequest request(JsonNode c) {
        String policy = c.path("policy").asText("resume");
        return new TransitionRequest(
                c.get("from").asText(),
                Vectors.textOrNull(c, "paused_from"),
                c.get("to").asText(),
                Vectors.textOrNull(c, "reason"),
                c.path("admin").asBoolean(false),
                ResumePolicy.valueOf(policy.toUpperCase()));
    }

    @Test
    void transitions() throws Exception {
        int n = 0;
        for (JsonNode c : Vectors.load("transitions.json").get("cases")) {
            String machine = c.get("machine").asText();
            TransitionRequest req = request(c);
            TransitionOutcome batch = MotcuaKt.transitionMany(machine, List.of(req)).get(0);
            if (c.has("to_state")) {
                TransitionState s = MotcuaKt.transition(machine, req);
                assertEquals(c.get("to_state").asText(), s.getKey(), c.toString());
                assertEquals(Vectors.textOrNull(c, "paused_from_after"), s.getPausedFrom(), c.toString());
                assertEquals(s, batch.getState());
                assertNull(batch.getError());
            } else {
                MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.transition(machine, req));
                int want = c.get("error_code").asInt();
                assertEquals(want, e.code(), c.toString());
                assertInstanceOf(MotcuaException.Transition.class, e);
                assertEquals(want, ((MotcuaException.Transition) e).getCode());
                assertNull(batch.getState());
                assertEquals(want, batch.getError().getCode());
            }
            n++;
        }
        assertTrue(n > 40);
    }

    @Test
    void oneTransitionTheWayAnIntegratorWritesIt() {
        TransitionRequest stop = new TransitionRequest("4", null, "8", null, false, ResumePolicy.RESUME);
        try {
            MotcuaKt.transition("dossier", stop);
            fail("4 -> 8 without a reason must be refused");
        } catch (MotcuaException e) {
            assertEquals(3004, e.code());
            assertEquals("reason", e.field());
            assertTrue(e.describe().contains("needs a reason"), e.describe());
            assertTrue(e.getMessage().contains("code=3004"), e.getMessage());
        }
    }

    @Test
    void sync() throws Exception {
        JsonNode file = Vectors.load("sync.json");
        int n = 0;
        for (JsonNode c : file.get("cases")) {
            String text = c.has("raw") ? c.get("raw").asText() : c.get("document").toString();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            List<Issue> issues = MotcuaKt.validateDocument(bytes, Vectors.config(c, file));
            TreeSet<String> got = new TreeSet<>();
            for (Issue i : issues) {
                got.add(i.getCode() + " " + i.getPath());
                assertFalse(i.getMessage().isEmpty());
            }
            TreeSet<String> want = new TreeSet<>();
            for (JsonNode i : c.get("issues")) {
                want.add(i.get("code").asInt() + " " + i.get("path").asText());
            }
            assertEquals(want, got, c.get("name").asText());
            // The batch form on the same document: one report, same issues.
            List<RecordReport> reports = MotcuaKt.validateJsonl(bytes, Vectors.config(c, file), 1);
            assertEquals(1, reports.size(), c.get("name").asText());
            assertEquals(issues, reports.get(0).getIssues());
            n++;
        }
        assertTrue(n > 20);
    }

    @Test
    void syncJsonLinesKeepsEveryRecordInOrder() throws Exception {
        JsonNode file = Vectors.load("sync.json");
        StringBuilder jsonl = new StringBuilder();
        List<Integer> wantIssues = new ArrayList<>();
        for (JsonNode c : file.get("cases")) {
            if (c.has("document") && !c.has("config")) {
                jsonl.append(c.get("document").toString()).append('\n');
                wantIssues.add(c.get("issues").size());
            }
        }
        byte[] data = jsonl.toString().getBytes(StandardCharsets.UTF_8);
        for (int threads : new int[] {1, 2, 4}) {
            List<RecordReport> reports = MotcuaKt.validateJsonl(data, Vectors.config(file, file), threads);
            // The zero-copy form on a direct buffer gives the same reports.
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
            assertEquals(reports, MotcuaKt.validateJsonlDirect(direct, Vectors.config(file, file), threads));
            assertEquals(wantIssues.size(), reports.size());
            for (int i = 0; i < reports.size(); i++) {
                assertEquals(i + 1, reports.get(i).getLine());
                assertEquals((int) wantIssues.get(i), reports.get(i).getIssues().size(), "line " + (i + 1));
            }
        }
    }

    @Test
    void theZeroCopyFormNeedsADirectBuffer() {
        // uniffi's zero-copy &[u8] reads the buffer's native address: a heap buffer is refused in
        // Kotlin before the call crosses.
        ByteBuffer heap = ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class,
                () -> MotcuaKt.validateJsonlDirect(heap, "{\"today\":\"2026-11-24\"}", 1));
    }

    @Test
    void statesExportAndTables() throws Exception {
        assertEquals(List.of("dossier", "payment_attempt", "complaint"), MotcuaKt.machines());
        assertTrue(MotcuaKt.kinds().contains("cccd"));
        String json = MotcuaKt.states("dossier", StatesFormat.JSON);
        assertTrue(Vectors.JSON.readTree(json).get("transitions").size() > 10);
        assertTrue(MotcuaKt.states("dossier", StatesFormat.MERMAID).startsWith("stateDiagram-v2"));
        assertTrue(MotcuaKt.states("complaint", StatesFormat.DOT).startsWith("digraph complaint"));
        List<StateInfo> dossier = MotcuaKt.machineStates("dossier");
        assertEquals(10, dossier.size());
        assertEquals(Integer.valueOf(4), dossier.get(3).getCode());
        assertTrue(dossier.get(2).getTerminal());
        List<ErrorCodeInfo> codes = MotcuaKt.errorCodes();
        assertEquals(88, codes.size());
        assertTrue(codes.stream().anyMatch(c -> c.getCode() == 7201 && c.getName().equals("catalog_input")));
        assertTrue(codes.stream().anyMatch(c -> c.getCode() == 9001 && c.getName().equals("panic")));
        assertTrue(codes.stream().anyMatch(c -> c.getCode() == 5005 && c.getName().equals("deadline_range")));
        assertTrue(codes.stream().anyMatch(c -> c.getCode() == 6001 && c.getName().equals("qr_tlv")));
        assertTrue(codes.stream().anyMatch(c -> c.getCode() == 6205 && c.getName().equals("receipt_mixed_kinds")));
        MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.machineStates("nope"));
        assertEquals(9004, e.code());
        assertInstanceOf(MotcuaException.Config.class, e);
    }

    @Test
    void badArgumentsAreExceptionsWithCodes() {
        MotcuaException kind = assertThrows(MotcuaException.class, () -> MotcuaKt.check("iban", "x", "{\"today\":\"2026-11-24\"}"));
        assertEquals(1011, kind.code());
        MotcuaException cfg = assertThrows(MotcuaException.class, () -> MotcuaKt.check("cccd", "038090000001", "{}"));
        assertEquals(9004, cfg.code());
        assertEquals("today", cfg.field());
        MotcuaException threads = assertThrows(MotcuaException.class,
                () -> MotcuaKt.validateJsonl(new byte[0], "{\"today\":\"2026-11-24\"}", 0));
        assertEquals(9004, threads.code());
        assertEquals("threads", threads.field());
        Map<String, String> none = assertDoesNotThrow(
                () -> MotcuaKt.check("mst", "0100233480", "{\"today\":\"2026-11-24\"}").getParsed());
        assertTrue(none.isEmpty());
    }
}
