package vn.motcua;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation (đối soát) and status parity from Java: the shared sample tests/vectors/recon
 * reproduces expected.csv over files and in memory, every case of tests/vectors/recon/cases.json
 * gives its rows and totals, unreadable rows are invalid_input rows, bad
 * arguments are MotcuaException.Config (9004), and parity classifies consistent / lagging /
 * conflicting / invalid rows.
 */
class ReconJavaTest {

    @TempDir
    Path tmp;

    private static Path recon(String name) {
        return Path.of(System.getProperty("motcua.vectors", "../../tests/vectors"), "recon", name);
    }

    private static Path examples(String name) {
        return Path.of(System.getProperty("motcua.examples", "../../examples"), name);
    }

    /** A CSV file (UTF-8, header row, RFC 4180 quoting) as one map per row, keyed by the header. */
    static List<Map<String, String>> readCsv(Path path) throws IOException {
        String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            assertEquals(header.size(), r.size(), path + ": " + r);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            rows.add(m);
        }
        return rows;
    }

    /** expected.csv: (source, id) -> [class, ma_ho_so, ma_tham_chieu]. */
    private static Map<String, List<String>> expected() throws IOException {
        Map<String, List<String>> want = new HashMap<>();
        for (Map<String, String> r : readCsv(recon("expected.csv"))) {
            List<String> prev = want.put(r.get("source") + " " + r.get("id"),
                    List.of(r.get("class"), r.get("ma_ho_so"), r.get("ma_tham_chieu")));
            assertNull(prev, "expected.csv repeats " + r);
        }
        return want;
    }

    /** Adds one result row unless it is a payment that did not succeed (expected.csv lists none). */
    private static void collect(Map<String, List<String>> got, String source, String id, Integer trangThaiGd,
            String klass, String maHoSo, String maThamChieu) {
        if (source.equals("payment") && !Integer.valueOf(1).equals(trangThaiGd)) {
            return;
        }
        assertNull(got.put(source + " " + id, List.of(klass, maHoSo, maThamChieu)), "two rows for " + id);
    }

    private static void assertMatchesExpected(Map<String, List<String>> got) throws IOException {
        Map<String, List<String>> want = expected();
        assertEquals(2602, want.size());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : want.entrySet()) {
            List<String> g = got.get(e.getKey());
            if (!e.getValue().equals(g)) {
                wrong.add(e.getKey() + ": want " + e.getValue() + ", got " + g);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " rows differ: "
                + wrong.subList(0, Math.min(wrong.size(), 20)));
        assertEquals(want.keySet(), got.keySet());
    }

    private static void assertSampleTotals(JsonNode summary) {
        assertEquals(1388, summary.at("/input/bank/rows").asLong(), summary.toString());
        assertEquals(1643, summary.at("/input/payment/rows").asLong(), summary.toString());
        assertEquals(1173, summary.at("/output/bank/matched/rows").asLong(), summary.toString());
        // Every bank line and payment attempt lands in exactly one output row, its đồng too.
        for (String source : new String[] {"bank", "payment"}) {
            long rows = 0;
            long amount = 0;
            for (JsonNode t : summary.get("output").get(source)) {
                rows += t.get("rows").asLong();
                amount += t.get("amount").asLong();
            }
            assertEquals(summary.get("input").get(source).get("rows").asLong(), rows, source);
            assertEquals(summary.get("input").get(source).get("amount").asLong(), amount, source);
        }
        assertEquals(2000, summary.get("dossier_rows").asLong());
    }

    @Test
    void reconcileFilesReproducesExpected() throws Exception {
        Path out = tmp.resolve("results.jsonl");
        String summary = MotcuaKt.reconcileFiles(recon("dossiers.csv").toString(), recon("payments.csv").toString(),
                recon("bank.csv").toString(), out.toString(), null, null);
        JsonNode s = Vectors.JSON.readTree(summary);
        assertSampleTotals(s);
        Map<String, List<String>> got = new HashMap<>();
        int lines = 0;
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode r = Vectors.JSON.readTree(line);
            JsonNode t = r.get("trang_thai_gd");
            collect(got, r.get("source").asText(), r.get("id").asText(), t == null ? null : t.asInt(),
                    r.get("class").asText(), r.get("ma_ho_so").asText(), r.get("ma_tham_chieu").asText());
            lines++;
        }
        assertEquals(1388 + 1643, lines);
        assertMatchesExpected(got);
        // The default window spelled out gives the same totals.
        Path again = tmp.resolve("again.jsonl");
        assertEquals(summary, MotcuaKt.reconcileFiles(recon("dossiers.csv").toString(),
                recon("payments.csv").toString(), recon("bank.csv").toString(), again.toString(), 96, "all"));
    }

    @Test
    void reconcileInMemoryReproducesExpected() throws Exception {
        List<Map<String, String>> dossiers = readCsv(recon("dossiers.csv"));
        List<Map<String, String>> payments = readCsv(recon("payments.csv"));
        List<Map<String, String>> bank = readCsv(recon("bank.csv"));
        assertEquals(2000, dossiers.size());
        Reconciliation r = MotcuaKt.reconcile(dossiers, payments, bank, null);
        assertSampleTotals(Vectors.JSON.readTree(r.getSummary()));
        assertEquals(1388 + 1643, r.getRows().size());
        Map<String, List<String>> got = new HashMap<>();
        for (ReconRow row : r.getRows()) {
            collect(got, row.getSource(), row.getId(), row.getTrangThaiGd(), row.getRecordClass(), row.getMaHoSo(),
                    row.getMaThamChieu());
            assertNull(row.getError(), row.toString());
            assertTrue(row.getConfidence() >= 0.0 && row.getConfidence() <= 1.0, row.toString());
            assertEquals(row.getSource().equals("payment"), row.getTrangThaiGd() != null, row.toString());
        }
        assertMatchesExpected(got);
        // Same totals as over the files.
        String files = MotcuaKt.reconcileFiles(recon("dossiers.csv").toString(), recon("payments.csv").toString(),
                recon("bank.csv").toString(), tmp.resolve("r.jsonl").toString(), null, null);
        assertEquals(Vectors.JSON.readTree(files), Vectors.JSON.readTree(r.getSummary()));
        // The first bank line: an exact dossier code in a noisy remark, Vietnamese text intact under LANG=C.
        ReconRow first = r.getRows().get(0);
        assertEquals("bank", first.getSource());
        assertEquals(bank.get(0).get("ma_giao_dich_nh"), first.getId());
        assertEquals(1L, first.getLine());
        assertEquals(Long.parseLong(bank.get(0).get("so_tien")), first.getSoTien());
    }

    private static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void invalidAmountIsAnInvalidInputRow() throws Exception {
        List<Map<String, String>> dossiers = List.of(row("ma_ho_so", "000.00.14.H40-260609-0001",
                "ma_don_vi", "000.00.14.H40", "ngay_tiep_nhan", "20260609093500", "tong_phi", "30000",
                "tk_thu_huong", "303794335041", "ma_nh_thu_huong", "970422"));
        List<Map<String, String>> payments = List.of(row("ma_tham_chieu", "dvc0000014H40260609000120260610011800",
                "ma_giao_dich", "PG1", "ma_ho_so", "000.00.14.H40-260609-0001", "so_tien", "30000",
                "thoi_gian_gd", "20260610011800", "trang_thai_gd", "1", "tk_thu_huong", "303794335041",
                "ma_nh_thu_huong", "970422"));
        List<Map<String, String>> bank = List.of(
                row("ma_giao_dich_nh", "NH1", "thoi_gian", "2026-06-10 08:00:00", "so_tien", "30000",
                        "tk_thu_huong", "303794335041",
                        "noi_dung", "nop phi dvc0000014H40260609000120260610011800"),
                row("ma_giao_dich_nh", "NH2", "thoi_gian", "2026-06-10 09:00:00", "so_tien", "30.000,5",
                        "tk_thu_huong", "303794335041", "noi_dung", "nop phi ho so 000.00.14.H40-260609-0001"));
        Reconciliation r = MotcuaKt.reconcile(dossiers, payments, bank, 48);
        Map<String, ReconRow> byId = new HashMap<>();
        r.getRows().forEach(x -> byId.put(x.getSource() + " " + x.getId(), x));
        assertEquals(3, r.getRows().size(), r.toString());
        ReconRow ok = byId.get("bank NH1");
        assertEquals("matched", ok.getRecordClass());
        assertEquals("dvc0000014H40260609000120260610011800", ok.getMaThamChieu());
        assertEquals("000.00.14.H40", ok.getMaDonVi());
        assertEquals(30000L, ok.getSoTien());
        assertEquals(1.0, ok.getConfidence());
        ReconRow paid = byId.get("payment dvc0000014H40260609000120260610011800");
        assertEquals("matched", paid.getRecordClass());
        assertEquals("NH1", paid.getRelated());
        assertEquals(Integer.valueOf(1), paid.getTrangThaiGd());
        ReconRow bad = byId.get("bank NH2");
        assertEquals("invalid_input", bad.getRecordClass());
        assertEquals(2L, bad.getLine());
        ReportError e = bad.getError();
        assertNotNull(e, bad.toString());
        assertEquals(7003, e.getCode());
        assertEquals("recon_amount", e.getName());
        assertEquals("so_tien", e.getField());
        assertTrue(e.getMessage().startsWith("so_tien: "), e.getMessage());
        JsonNode s = Vectors.JSON.readTree(r.getSummary());
        assertEquals(1, s.at("/output/bank/invalid_input/rows").asInt(), s.toString());
    }

    @Test
    void dossierCodeOfSeparatorsOnlyIsAnInvalidInputRow() throws Exception {
        List<Map<String, String>> dossiers = List.of(row("ma_ho_so", "--", "ngay_tiep_nhan", "20260609093500",
                "tong_phi", "30000", "tk_thu_huong", "303794335041"));
        Reconciliation r = MotcuaKt.reconcile(dossiers, List.of(), List.of(), 48);
        assertEquals(1, r.getRows().size(), r.toString());
        ReconRow bad = r.getRows().get(0);
        assertEquals("dossier", bad.getSource());
        assertEquals("invalid_input", bad.getRecordClass());
        ReportError e = bad.getError();
        assertNotNull(e, bad.toString());
        assertEquals(7002, e.getCode());
        assertEquals("ma_ho_so", e.getField());
    }

    /**
     * Every case of tests/vectors/recon/cases.json through reconcileFiles: the rows of
     * results.jsonl and the control totals, or the error of the whole run, matched as a subset.
     */
    @Test
    void caseVectors() throws Exception {
        JsonNode cases = Vectors.load("recon/cases.json").get("cases");
        assertTrue(cases.size() >= 27, "cases: " + cases.size());
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            String[] files = new String[3];
            String[] inputs = {"dossiers", "payments", "bank"};
            for (int k = 0; k < 3; k++) {
                Path f = tmp.resolve(inputs[k] + "." + c.get("format").asText());
                Files.write(f, c.get(inputs[k]).asText().getBytes(StandardCharsets.UTF_8));
                files[k] = f.toString();
            }
            Path out = tmp.resolve("results.jsonl");
            Files.deleteIfExists(out);
            JsonNode want = c.get("expect");
            // The rules JSON's keys as arguments.
            JsonNode rules = c.path("rules");
            Integer hours = rules.has("window_hours") ? rules.get("window_hours").asInt() : null;
            String fields = rules.has("fields") ? rules.get("fields").asText() : null;
            if (want.has("error")) {
                MotcuaException e = assertThrows(MotcuaException.class,
                        () -> MotcuaKt.reconcileFiles(files[0], files[1], files[2], out.toString(), hours, fields), name);
                Map<String, Object> got = Map.of("code", e.code(), "field", e.field());
                Vectors.assertSubset(want.get("error"), Vectors.JSON.valueToTree(got), name);
                continue;
            }
            String summary = MotcuaKt.reconcileFiles(files[0], files[1], files[2], out.toString(), hours, fields);
            var got = Vectors.JSON.createObjectNode();
            got.set("summary", Vectors.JSON.readTree(summary));
            var rows = got.putArray("rows");
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                rows.add(Vectors.JSON.readTree(line));
            }
            ObjectNode expect = want.deepCopy();
            JsonNode keys = expect.remove("keys");
            Vectors.assertSubset(expect, got, name);
            if (keys != null) {
                // Each row has exactly these keys, in any order.
                assertEquals(keys.size(), rows.size(), name);
                for (int i = 0; i < rows.size(); i++) {
                    Set<String> have = new TreeSet<>(), wantKeys = new TreeSet<>();
                    rows.get(i).fieldNames().forEachRemaining(have::add);
                    keys.get(i).forEach(k -> wantKeys.add(k.asText()));
                    assertEquals(wantKeys, have, name + ": row " + i);
                }
            }
        }
    }

    @Test
    void argumentAndFileErrors() throws Exception {
        String d = recon("dossiers.csv").toString();
        String p = recon("payments.csv").toString();
        String b = recon("bank.csv").toString();
        String out = tmp.resolve("out.jsonl").toString();
        MotcuaException missing = assertThrows(MotcuaException.class,
                () -> MotcuaKt.reconcileFiles(tmp.resolve("no-such.csv").toString(), p, b, out, null, null));
        assertEquals(9004, missing.code());
        assertEquals("dossiers", missing.field());
        assertInstanceOf(MotcuaException.Config.class, missing);
        MotcuaException noBank = assertThrows(MotcuaException.class,
                () -> MotcuaKt.reconcileFiles(d, p, tmp.resolve("none.csv").toString(), out, null, null));
        assertEquals(9004, noBank.code());
        assertEquals("bank", noBank.field());
        MotcuaException noDir = assertThrows(MotcuaException.class,
                () -> MotcuaKt.reconcileFiles(d, p, b, tmp.resolve("no/dir/out.jsonl").toString(), null, null));
        assertEquals(9004, noDir.code());
        assertEquals("out", noDir.field());
        for (int hours : new int[] {0, -1, 9000}) {
            MotcuaException w = assertThrows(MotcuaException.class,
                    () -> MotcuaKt.reconcile(List.of(), List.of(), List.of(), hours));
            assertEquals(9004, w.code(), "window " + hours);
            assertEquals("window_hours", w.field());
            assertEquals(9004, assertThrows(MotcuaException.class,
                    () -> MotcuaKt.reconcileFiles(d, p, b, out, hours, null)).code());
        }
        // A header without a required column: the run cannot start (7001, field names the file).
        Path noAmount = tmp.resolve("bank.csv");
        Files.write(noAmount, "ma_giao_dich_nh,thoi_gian,tk_thu_huong,noi_dung\nNH1,2026-06-10 08:00:00,1,x\n"
                .getBytes(StandardCharsets.UTF_8));
        MotcuaException header = assertThrows(MotcuaException.class,
                () -> MotcuaKt.reconcileFiles(d, p, noAmount.toString(), out, null, null));
        assertEquals(7001, header.code(), header.toString());
        assertInstanceOf(MotcuaException.Recon.class, header);
        assertTrue(header.field().startsWith("bank."), header.field());
        // Nothing in, nothing out: empty lists are a valid, empty run.
        Reconciliation empty = MotcuaKt.reconcile(List.of(), List.of(), List.of(), null);
        assertEquals(List.of(), empty.getRows());
        assertEquals(0, Vectors.JSON.readTree(empty.getSummary()).get("dossier_rows").asInt());
    }

    @Test
    void parityInline() throws Exception {
        String csv = "ma_ho_so,system,trang_thai,updated_at\n"
                + "A-1,portal,4,20250715081500\n"
                + "A-1,sectoral,4,20250715081000\n"
                + "B-1,portal,2,20250715081500\n"
                + "B-1,sectoral,4,20250715091000\n"
                + "C-1,portal,3,20250715081500\n"
                + "C-1,sectoral,9,20250715091000\n"
                + "D-1,bogus,4,20250715081500\n"
                + "E-1,portal,11,20250715081500\n";
        JsonNode report = Vectors.JSON.readTree(MotcuaKt.parityJson(csv, "csv"));
        Map<String, JsonNode> byDossier = new HashMap<>();
        report.get("entries").forEach(e -> byDossier.put(e.get("ma_ho_so").asText(), e));
        assertEquals("consistent", byDossier.get("A-1").get("class").asText());
        JsonNode lagging = byDossier.get("B-1");
        assertEquals("lagging", lagging.get("class").asText());
        assertEquals("portal", lagging.get("behind").get(0).asText());
        assertEquals("sync", lagging.get("actions").get(0).get("kind").asText());
        assertEquals(4, lagging.get("actions").get(0).get("to").asInt());
        JsonNode conflicting = byDossier.get("C-1");
        assertEquals("conflicting", conflicting.get("class").asText());
        assertEquals("manual_review", conflicting.get("actions").get(0).get("kind").asText());
        assertEquals("invalid_input", byDossier.get("D-1").get("class").asText());
        assertEquals(7101, byDossier.get("D-1").get("error").get("code").asInt());
        assertEquals(7102, byDossier.get("E-1").get("error").get("code").asInt());
        JsonNode s = report.get("summary");
        assertTrue(s.get("balanced").asBoolean());
        assertEquals(8, s.get("rows_in").asInt());
        assertEquals(3, s.get("dossiers").asInt());
        // The same rows as JSON Lines give the same verdicts.
        String jsonl = "{\"ma_ho_so\":\"B-1\",\"system\":\"portal\",\"trang_thai\":\"2\",\"updated_at\":\"20250715081500\"}\n"
                + "{\"ma_ho_so\":\"B-1\",\"system\":\"sectoral\",\"trang_thai\":4,\"updated_at\":\"2025-07-15 09:10:00\"}\n";
        JsonNode j = Vectors.JSON.readTree(MotcuaKt.parityJson(jsonl, "jsonl"));
        assertEquals("lagging", j.get("entries").get(0).get("class").asText(), j.toString());
        MotcuaException format = assertThrows(MotcuaException.class, () -> MotcuaKt.parityJson(csv, "xlsx"));
        assertEquals(9004, format.code());
        assertEquals("format", format.field());
    }

    @Test
    void parityFilesOnTheExample() throws Exception {
        Path out = tmp.resolve("parity.jsonl");
        JsonNode s = Vectors.JSON.readTree(MotcuaKt.parityFiles(examples("parity/statuses.csv").toString(),
                out.toString()));
        assertTrue(s.get("balanced").asBoolean(), s.toString());
        assertEquals(s.get("rows_in").asLong(), s.get("rows_accounted").asLong());
        assertEquals(28, s.get("rows_in").asInt());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(s.get("entries").get("total").asInt(), lines.size());
        long rows = 0;
        for (String line : lines) {
            rows += Vectors.JSON.readTree(line).get("rows").asLong();
        }
        assertEquals(28, rows);
        MotcuaException missing = assertThrows(MotcuaException.class,
                () -> MotcuaKt.parityFiles(tmp.resolve("none.csv").toString(), out.toString()));
        assertEquals(9004, missing.code());
        assertEquals("statuses", missing.field());
        assertInstanceOf(MotcuaException.Config.class, missing);
    }
}
