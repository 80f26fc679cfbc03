package vn.motcua;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payments through the binding, from Java: the shared vectors vietqr.json, payment_signatures.json,
 * payment_flows.json and receipts.json, QR images, and the errors of the 6000-6299 range as
 * MotcuaException.Payment.
 */
class PaymentsJavaTest {

    /** The report's value for a vector key, as Java sees it (null when absent). */
    private static Object reportValue(QrReport r, String key) {
        switch (key) {
            case "valid": return r.getValid();
            case "crc_ok": return r.getCrcOk();
            case "bin": return r.getBin();
            case "bank": return r.getBank();
            case "account": return r.getAccount();
            case "service": return r.getService();
            case "amount": return r.getAmount();
            case "purpose": return r.getPurpose();
            case "point_of_initiation": return r.getPointOfInitiation();
            case "mcc": return r.getMcc();
            case "merchant_name": return r.getMerchantName();
            case "merchant_city": return r.getMerchantCity();
            case "bill_number": return r.getBillNumber();
            case "store_label": return r.getStoreLabel();
            case "reference_label": return r.getReferenceLabel();
            case "terminal_label": return r.getTerminalLabel();
            default: throw new AssertionError("vector key not handled: " + key);
        }
    }

    private static void assertJsonEquals(JsonNode want, Object got, String ctx) {
        if (want.isNull()) {
            assertNull(got, ctx);
        } else if (want.isBoolean()) {
            assertEquals(want.asBoolean(), got, ctx);
        } else if (want.isIntegralNumber()) {
            assertEquals(want.asLong(), got, ctx);
        } else {
            assertEquals(want.asText(), got, ctx);
        }
    }

    private static String text(JsonNode c, String field) {
        return Vectors.textOrNull(c, field);
    }

    private static QrRequest qrRequest(JsonNode b) {
        JsonNode amount = b.get("amount");
        return new QrRequest(
                b.get("bin").asText(),
                b.get("account").asText(),
                text(b, "service"),
                amount == null ? null : amount.asLong(),
                text(b, "purpose"),
                text(b, "bill_number"),
                text(b, "reference_label"),
                b.path("keep_diacritics").asBoolean(false),
                null);
    }

    @Test
    void vietqrVectors() throws Exception {
        int n = 0;
        int builds = 0;
        for (JsonNode c : Vectors.load("vietqr.json").get("cases")) {
            String id = c.get("id").asText();
            String payload = c.get("payload").asText();
            for (String mode : new String[] {"strict", "lenient"}) {
                QrReport r = MotcuaKt.qrParse(payload, mode.equals("strict"));
                assertEquals(r.getValid(), r.getError() == null, id);
                Iterator<Map.Entry<String, JsonNode>> it = c.get(mode).fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String ctx = id + " " + mode + "." + e.getKey() + ": " + r;
                    switch (e.getKey()) {
                        case "warning_codes": {
                            List<String> want = new ArrayList<>();
                            e.getValue().forEach(w -> want.add(w.asText()));
                            List<String> got = new ArrayList<>();
                            r.getWarnings().forEach(w -> got.add(w.getCode()));
                            assertEquals(want, got, ctx);
                            break;
                        }
                        case "error": {
                            ReportError err = r.getError();
                            assertNotNull(err, ctx);
                            assertEquals(e.getValue().get("code").asInt(), err.getCode(), ctx);
                            assertEquals(e.getValue().get("field").asText(), err.getField(), ctx);
                            assertTrue(err.getName().startsWith("qr_"), ctx);
                            assertTrue(err.getMessage().startsWith(err.getField() + ": "), ctx);
                            break;
                        }
                        default:
                            assertJsonEquals(e.getValue(), reportValue(r, e.getKey()), ctx);
                    }
                }
            }
            if (c.has("build")) {
                assertEquals(payload, MotcuaKt.qrBuild(qrRequest(c.get("build"))), id + ": build");
                builds++;
            }
            n++;
        }
        assertTrue(n >= 11, "cases: " + n);
        assertTrue(builds >= 3, "builds: " + builds);
    }

    @Test
    void qrBuildRoundTripsAndFoldsDiacritics() throws Exception {
        QrRequest req = new QrRequest("970403", "0011012345678", null, 180000L, "Lệ phí HS 0001", null, null,
                false, null);
        String payload = MotcuaKt.qrBuild(req);
        QrReport r = MotcuaKt.qrParse(payload, true);
        assertTrue(r.getValid());
        assertEquals(Long.valueOf(180000), r.getAmount());
        assertEquals("Le phi HS 0001", r.getPurpose());
        assertEquals("dynamic", r.getPointOfInitiation());
        assertEquals("QRIBFTTA", r.getService());
        // Kept diacritics survive the crossing under LANG=C.
        QrRequest keep = new QrRequest("970403", "0011012345678", null, 180000L, "Lệ phí HS 0001", null, null,
                true, null);
        QrReport k = MotcuaKt.qrParse(MotcuaKt.qrBuild(keep), true);
        assertEquals("Lệ phí HS 0001", k.getPurpose());
        assertEquals("purpose_not_ascii", k.getWarnings().get(0).getCode());
    }

    @Test
    void qrBuildErrorsArePaymentExceptions() {
        MotcuaException service = assertThrows(MotcuaException.class, () -> MotcuaKt.qrBuild(
                new QrRequest("970403", "1", "X", null, null, null, null, false, null)));
        assertInstanceOf(MotcuaException.Payment.class, service);
        assertEquals(6003, service.code());
        assertEquals("service", service.field());
        MotcuaException.Payment tooLong = assertThrows(MotcuaException.Payment.class, () -> MotcuaKt.qrBuild(
                new QrRequest("970436", "1017595600", null, 50000L, "x".repeat(26), null, null, false, null)));
        assertEquals(6006, tooLong.getCode());
        MotcuaException.Payment longer = assertThrows(MotcuaException.Payment.class, () -> MotcuaKt.qrBuild(
                new QrRequest("970436", "1017595600", null, 50000L, "x".repeat(26), null, null, false, 20)));
        assertEquals(6006, longer.getCode());
        assertDoesNotThrow(() -> MotcuaKt.qrBuild(
                new QrRequest("970436", "1017595600", null, 50000L, "x".repeat(26), null, null, false, 30)));
        MotcuaException.Payment bin = assertThrows(MotcuaException.Payment.class, () -> MotcuaKt.qrBuild(
                new QrRequest("123456", "1017595600", null, null, null, null, null, false, null)));
        assertEquals("bin", bin.getField());
        MotcuaException.Payment amount = assertThrows(MotcuaException.Payment.class, () -> MotcuaKt.qrBuild(
                new QrRequest("970436", "1017595600", null, 0L, null, null, null, false, null)));
        assertEquals("amount", amount.field());
        MotcuaException negative = assertThrows(MotcuaException.class, () -> MotcuaKt.qrBuild(
                new QrRequest("970436", "1017595600", null, null, null, null, null, false, -1)));
        assertEquals(9004, negative.code());
        assertInstanceOf(MotcuaException.Config.class, negative);
    }

    @Test
    void qrImages() throws Exception {
        String payload = Vectors.load("vietqr.json").get("cases").get(2).get("payload").asText();
        byte[] png = MotcuaKt.qrPng(payload, 4);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(signature, Arrays.copyOf(png, 8));
        assertArrayEquals(png, MotcuaKt.qrPng(payload, 4), "same payload, same bytes");
        String svg = MotcuaKt.qrSvg(payload, 4);
        assertTrue(svg.contains("viewBox"), svg);
        assertEquals(svg, MotcuaKt.qrSvg(payload, 4));
        for (int bad : new int[] {0, 65}) {
            MotcuaException size = assertThrows(MotcuaException.class, () -> MotcuaKt.qrSvg(payload, bad));
            assertEquals(9004, size.code(), "module " + bad);
        }
        String tooLong = "x".repeat(2332);
        MotcuaException.Payment e = assertThrows(MotcuaException.Payment.class, () -> MotcuaKt.qrPng(tooLong, 4));
        assertEquals(6006, e.getCode());
        assertEquals(6006, assertThrows(MotcuaException.class, () -> MotcuaKt.qrSvg(tooLong, 4)).code());
        MotcuaException neg = assertThrows(MotcuaException.class, () -> MotcuaKt.qrPng(payload, -1));
        assertEquals(9004, neg.code());
        assertEquals("module", neg.field());
    }

    @Test
    void signatureVectors() throws Exception {
        int n = 0;
        for (JsonNode c : Vectors.load("payment_signatures.json").get("cases")) {
            String message = c.get("message").asText();
            String secret = c.get("secret").asText();
            ObjectNode fields = (ObjectNode) c.get("fields");
            String signed = MotcuaKt.paySign(message, fields.toString(), secret);
            JsonNode s = Vectors.JSON.readTree(signed);
            assertEquals(c.get("MaXacThuc").asText(), s.get("MaXacThuc").asText(), message);
            assertTrue(MotcuaKt.payVerify(message, signed, secret), message);
            assertFalse(MotcuaKt.payVerify(message, signed, secret + "x"), message);
            // Any signed field changed breaks the signature; removed, it is an error naming it.
            Iterator<String> names = fields.fieldNames();
            while (names.hasNext()) {
                String f = names.next();
                ObjectNode tampered = ((ObjectNode) s).deepCopy();
                tampered.put(f, "x");
                assertFalse(MotcuaKt.payVerify(message, tampered.toString(), secret), message + " " + f);
                tampered.remove(f);
                MotcuaException.Payment e = assertThrows(MotcuaException.Payment.class,
                        () -> MotcuaKt.payVerify(message, tampered.toString(), secret));
                assertEquals(6101, e.getCode(), message + " " + f);
            }
            n++;
        }
        assertEquals(5, n);
    }

    @Test
    void platformArgumentErrors() {
        MotcuaException kind = assertThrows(MotcuaException.class, () -> MotcuaKt.paySign("PAY", "{}", "s"));
        assertEquals(9004, kind.code());
        assertEquals("message", kind.field());
        MotcuaException notObject = assertThrows(MotcuaException.class,
                () -> MotcuaKt.payVerify("CALLBACK", "[1]", "s"));
        assertEquals(9004, notObject.code());
        assertInstanceOf(MotcuaException.Config.class, notObject);
        MotcuaException notJson = assertThrows(MotcuaException.class,
                () -> MotcuaKt.payCheckCallback("{", "s", 1L, null));
        assertEquals(9004, notJson.code());
        MotcuaException twelveHour = assertThrows(MotcuaException.class, () -> MotcuaKt.payBuild("QUERY",
                "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"d\",\"thoi_gian\":\"20261124033005PM\"}", "s"));
        assertInstanceOf(MotcuaException.Payment.class, twelveHour);
        assertEquals(6103, twelveHour.code());
        assertEquals("thoi_gian", twelveHour.field());
        MotcuaException noAmount = assertThrows(MotcuaException.Payment.class, () -> MotcuaKt.payBuild("INIT",
                "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"d\",\"thoi_gian\":\"2026-11-24T15:30:05\"}", "s"));
        assertEquals(6101, noAmount.code());
        assertEquals("so_tien", noAmount.field());
    }

    @Test
    void buildSignCheckRoundTrip() throws Exception {
        String init = MotcuaKt.payBuild("INIT", "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"dvc1\","
                + "\"thoi_gian\":\"2026-11-24T15:30:05\",\"so_tien\":50000,"
                + "\"thong_tin_giao_dich\":\"Lệ phí hồ sơ\",\"ip\":\"10.0.0.1\"}", "s");
        JsonNode v = Vectors.JSON.readTree(init);
        assertEquals("20261124153005", v.get("ThoiGianGD").asText(), "24-hour clock");
        assertEquals("Lệ phí hồ sơ", v.get("ThongTinGiaoDich").asText());
        assertTrue(MotcuaKt.payVerify("INIT", init, "s"));
        String query = MotcuaKt.payBuild("QUERY",
                "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"dvc1\",\"thoi_gian\":\"20261124153005\"}", "s");
        assertTrue(MotcuaKt.payVerify("QUERY", query, "s"));
        String cb = "{\"LoaiBanTin\":\"CALLBACK\",\"MaLoi\":\"00\",\"MaDoiTac\":\"TH\",\"MaThamChieu\":\"dvc1\","
                + "\"SoTien\":\"50000\",\"MaTienTe\":\"VND\",\"MaGiaoDich\":\"G1\",\"MaNganHang\":\"VCB\","
                + "\"ThoiGianGD\":\"20261124153005\",\"ThongTinGiaoDich\":\"x\"}";
        String signed = MotcuaKt.paySign("CALLBACK", cb, "s");
        Confirmation paid = MotcuaKt.payCheckCallback(signed, "s", 50000L, null);
        assertEquals(new Confirmation("paid", "dvc1", "G1", 50000L, null, null, null, null, null), paid);
        Confirmation replay = MotcuaKt.payCheckCallback(signed, "s", 50000L, signed);
        assertEquals("replay", replay.getOutcome());
        assertEquals("G1", replay.getMaGiaoDich());
        Confirmation mismatch = MotcuaKt.payCheckCallback(signed, "s", 60000L, null);
        assertEquals("rejected", mismatch.getOutcome());
        assertEquals(Integer.valueOf(6105), mismatch.getCode());
        assertEquals("pay_amount_mismatch", mismatch.getName());
        assertEquals("SoTien", mismatch.getField());
        assertTrue(mismatch.getMessage().startsWith("SoTien: "), mismatch.getMessage());
        assertNull(mismatch.getSoTien());
    }

    @Test
    void callbackVectors() throws Exception {
        int n = 0;
        for (JsonNode c : Vectors.load("payment_flows.json").get("callbacks")) {
            String name = c.get("name").asText();
            JsonNode amount = c.get("requested_amount");
            JsonNode previous = c.get("previous");
            Confirmation got = MotcuaKt.payCheckCallback(
                    c.get("callback").toString(),
                    c.get("secret").asText(),
                    amount.isNull() ? null : amount.asLong(),
                    previous.isNull() ? null : previous.toString());
            String ctx = name + ": " + got;
            assertEquals(c.get("outcome").asText(), got.getOutcome(), ctx);
            if (c.has("code")) {
                assertEquals(Integer.valueOf(c.get("code").asInt()), got.getCode(), ctx);
            }
            if (c.has("field")) {
                assertEquals(c.get("field").asText(), got.getField(), ctx);
            }
            if (c.has("so_tien")) {
                assertEquals(Long.valueOf(c.get("so_tien").asLong()), got.getSoTien(), ctx);
            }
            if (c.has("ma_loi")) {
                assertEquals(c.get("ma_loi").asText(), got.getMaLoi(), ctx);
            }
            switch (got.getOutcome()) {
                case "paid":
                    assertNotNull(got.getMaThamChieu(), ctx);
                    assertNotNull(got.getMaGiaoDich(), ctx);
                    assertNotNull(got.getSoTien(), ctx);
                    assertNull(got.getCode(), ctx);
                    break;
                case "rejected":
                    assertNotNull(got.getName(), ctx);
                    assertNotNull(got.getMessage(), ctx);
                    assertTrue(got.getCode() >= 6101 && got.getCode() <= 6107, ctx);
                    break;
                default:
                    assertNull(got.getCode(), ctx);
            }
            n++;
        }
        assertTrue(n >= 13, "callbacks: " + n);
    }

    @Test
    void pollVectors() throws Exception {
        int n = 0;
        for (JsonNode c : Vectors.load("payment_flows.json").get("polls")) {
            String name = c.get("name").asText();
            String request = c.get("request").toString();
            if (c.has("error_code")) {
                MotcuaException e = assertThrows(MotcuaException.class, () -> MotcuaKt.payNextPoll(request), name);
                assertEquals(c.get("error_code").asInt(), e.code(), name);
                assertEquals(c.get("error_field").asText(), e.field(), name);
                if (e.code() >= 6000 && e.code() < 6300) {
                    assertInstanceOf(MotcuaException.Payment.class, e, name);
                }
            } else {
                PollDecision d = MotcuaKt.payNextPoll(request);
                assertEquals(c.get("query_at").asText(), d.getQueryAt(), name);
                assertEquals(c.get("escalate").asBoolean(), d.getEscalate(), name);
                // java.time reads the time as it is.
                assertEquals(java.time.LocalDateTime.parse(c.get("query_at").asText()),
                        java.time.LocalDateTime.parse(d.getQueryAt()), name);
            }
            n++;
        }
        assertTrue(n >= 8, "polls: " + n);
        MotcuaException bad = assertThrows(MotcuaException.class, () -> MotcuaKt.payNextPoll("{\"now\": 1}"));
        assertEquals(9004, bad.code());
    }

    @Test
    void receiptVectors() throws Exception {
        int n = 0;
        for (JsonNode c : Vectors.load("receipts.json").get("cases")) {
            String name = c.get("name").asText();
            String json = c.has("json") ? c.get("json").asText() : c.get("receipt").toString();
            JsonNode rules = c.path("rules");
            boolean separate = rules.path("separate_kinds").asBoolean(true);
            Long max = rules.has("max_number") ? rules.get("max_number").asLong() : null;
            ReceiptReport r = MotcuaKt.receiptCheck(json, separate, max);
            String ctx = name + ": " + r;
            assertEquals(c.get("valid").asBoolean(), r.getValid(), ctx);
            List<Integer> wantCodes = new ArrayList<>();
            c.get("error_codes").forEach(x -> wantCodes.add(x.asInt()));
            List<String> wantFields = new ArrayList<>();
            c.get("error_fields").forEach(x -> wantFields.add(x.asText()));
            List<Integer> codes = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            for (ReportError e : r.getErrors()) {
                codes.add(e.getCode());
                fields.add(e.getField());
                // Personal data never appears in a message.
                for (String pii : new String[] {"Nguyễn", "038090000001", "03809000000X"}) {
                    assertFalse(e.getMessage().contains(pii), ctx);
                }
            }
            assertEquals(wantCodes, codes, ctx);
            assertEquals(wantFields, fields, ctx);
            assertJsonEquals(c.get("total_phi"), r.getTotalPhi(), ctx + " total_phi");
            assertJsonEquals(c.get("total_le_phi"), r.getTotalLePhi(), ctx + " total_le_phi");
            assertEquals(c.get("lines").asLong(), r.getLines(), ctx);
            n++;
        }
        assertTrue(n >= 30, "receipts: " + n);
    }
}
