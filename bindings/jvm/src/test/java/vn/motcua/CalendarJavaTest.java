package vn.motcua;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Working days, due dates and the lunar calendar through the binding, from Java: the shared
 * vectors (deadlines.json, holidays.json) and the java.time round trips an integrator writes.
 */
class CalendarJavaTest {
    /** One clock per settings JSON: building one precomputes 300 years. */
    private static final Map<String, WorkClock> CLOCKS = new HashMap<>();

    private static WorkClock clock(String config) throws MotcuaException {
        WorkClock c = CLOCKS.get(config);
        if (c == null) {
            c = MotcuaKt.workClock(config);
            CLOCKS.put(config, c);
        }
        return c;
    }

    @AfterAll
    static void closeClocks() {
        CLOCKS.values().forEach(WorkClock::close);
    }

    /** The typed report in the JSON shape of core's DueReport (numbers normalised by a re-parse). */
    static JsonNode asJson(DueReport r) throws Exception {
        ObjectNode o = Vectors.JSON.createObjectNode();
        o.put("due", r.getDue());
        o.put("received", r.getReceived());
        o.put("start", r.getStart());
        o.put("paused", r.getPaused());
        o.put("paused_working_minutes", r.getPausedWorkingMinutes());
        o.put("restarts", r.getRestarts());
        o.put("supplements", r.getSupplements());
        o.put("amount", r.getAmount());
        o.put("unit", r.getUnit());
        o.put("cutoff", r.getCutoff());
        o.put("office_hours", r.getOfficeHours());
        Assessment a = r.getAssessment();
        if (a == null) {
            o.putNull("assessment");
        } else {
            ObjectNode n = o.putObject("assessment");
            n.put("standing", a.getStanding().name().toLowerCase());
            n.put("closed", a.getClosed());
            n.put("due", a.getDue());
            n.put("scored_at", a.getScoredAt());
            n.put("elapsed_working_minutes", a.getElapsedWorkingMinutes());
            n.put("remaining_working_minutes", a.getRemainingWorkingMinutes());
            n.put("too_many_supplements", a.getTooManySupplements());
        }
        return Vectors.JSON.readTree(Vectors.JSON.writeValueAsString(o));
    }

    @Test
    void deadlineVectors() throws Exception {
        JsonNode file = Vectors.load("deadlines.json");
        int expected = 0, errors = 0, simple = 0;
        for (JsonNode c : file.get("cases")) {
            String name = c.get("name").asText();
            String config = Vectors.config(c, file);
            JsonNode req = c.get("request");
            String request = req.toString();
            if (c.has("error")) {
                int code = c.get("error").get("code").asInt();
                String field = c.get("error").get("field").asText();
                MotcuaException e = assertThrows(MotcuaException.class, () -> clock(config).evaluate(request), name);
                assertEquals(code, e.code(), name + ": " + e.describe());
                assertEquals(field, e.field(), name);
                if (code >= 5000 && code < 5100) {
                    assertInstanceOf(MotcuaException.Deadline.class, e, name);
                }
                if (!c.has("config")) {
                    MotcuaException j = assertThrows(MotcuaException.class, () -> clock(config).evaluateJson(request));
                    assertEquals(e.code(), j.code(), name);
                    assertEquals(e.field(), j.field(), name);
                }
                errors++;
                continue;
            }
            WorkClock clock = clock(config);
            DueReport report = clock.evaluate(request);
            JsonNode json = Vectors.JSON.readTree(clock.evaluateJson(request));
            // The typed records carry exactly what core's JSON report says, and the expectation holds.
            assertEquals(json, asJson(report), name);
            Vectors.assertSubset(c.get("expect"), json, name);
            // A request with no clock stop and no assessment: the direct forms agree with it.
            Iterator<String> keys = req.fieldNames();
            boolean plain = true;
            while (keys.hasNext()) {
                plain &= List.of("received", "amount", "unit", "cutoff").contains(keys.next());
            }
            if (plain) {
                String received = req.get("received").asText();
                int amount = req.get("amount").asInt();
                String unit = req.get("unit").asText();
                String cutoff = Vectors.textOrNull(req, "cutoff");
                assertEquals(report.getDue(), clock.due(received, amount, unit, cutoff), name);
                assertEquals(report.getStart(), clock.start(received, cutoff), name);
                long minute = LocalDateTime.parse(report.getReceived()).toEpochSecond(ZoneOffset.UTC) / 60;
                long due = clock.dueMinute(minute, amount, unit, cutoff);
                assertEquals(LocalDateTime.parse(report.getDue()), LocalDateTime.ofEpochSecond(due * 60, 0, ZoneOffset.UTC), name);
                assertEquals(List.of(due), clock.dueMany(List.of(minute), List.of(amount), unit, cutoff, 1), name);
                simple++;
            }
            expected++;
        }
        assertEquals(66, expected + errors);
        assertTrue(errors >= 10 && simple >= 20, errors + " errors, " + simple + " plain");
    }

    @Test
    void holidayVectors() throws Exception {
        JsonNode file = Vectors.load("holidays.json");
        WorkClock clock = clock("");
        int days = 0;
        for (JsonNode y : file.get("years")) {
            int year = y.get("year").asInt();
            List<Holiday> got = clock.holidays(year);
            JsonNode want = y.get("holidays");
            assertEquals(want.size(), got.size(), "year " + year);
            for (int i = 0; i < got.size(); i++) {
                Holiday h = got.get(i);
                JsonNode w = want.get(i);
                assertEquals(w.get("date").asText(), h.getDate(), year + " #" + i);
                assertEquals(w.get("name").asText(), h.getName(), year + " #" + i);
                assertEquals(w.get("kind").asText(), h.getKind().name().toLowerCase(), year + " #" + i);
            }
        }
        for (JsonNode c : file.get("days")) {
            String date = c.get("date").asText();
            DayInfo info = clock.day(date);
            assertEquals(date, info.getDate());
            assertEquals(c.get("working").asBoolean(), info.getWorking(), date);
            assertEquals(info.getWorking(), clock.isWorkingDay(date), date);
            List<String> rules = new ArrayList<>();
            for (DayReason r : info.getReasons()) {
                rules.add(r.getClass().getSimpleName().toLowerCase());
            }
            List<String> want = new ArrayList<>();
            c.get("rules").forEach(r -> want.add(r.asText()));
            assertEquals(want, rules, date);
            days++;
        }
        for (JsonNode t : file.get("tet_hung_kings")) {
            int year = t.get("year").asInt();
            assertEquals(t.get("tet").asText(), MotcuaKt.lunarToSolar(new LunarDate(year, 1, 1, false)));
            assertEquals(t.get("hung_kings").asText(), MotcuaKt.lunarToSolar(new LunarDate(year, 3, 10, false)));
            LunarDate eve = MotcuaKt.lunarFromSolar(t.get("last_day_of_previous_lunar_year").asText());
            assertEquals(year - 1, eve.getYear());
            assertEquals(12, eve.getMonth());
            assertFalse(clock.isWorkingDay(t.get("tet").asText()));
            assertFalse(clock.isWorkingDay(t.get("hung_kings").asText()));
        }
        for (JsonNode e : file.get("override_errors")) {
            String config = Vectors.JSON.createObjectNode().put("overrides_csv", e.get("text").asText()).toString();
            try {
                MotcuaKt.workClock(config);
                fail("accepted: " + e);
            } catch (MotcuaException err) {
                assertEquals(e.get("code").asInt(), err.code());
                assertEquals(e.get("field").asText(), err.field());
                assertInstanceOf(MotcuaException.Config.class, err);
            }
        }
        assertTrue(days > 20);
    }

    @Test
    void reasonsAreTypedFromJava() throws Exception {
        WorkClock clock = clock("");
        // 2026-02-16: 29 tháng Chạp (Tết) and a bundled override; 2025-04-26: a make-up Saturday.
        List<DayReason> tet = clock.day("2026-02-16").getReasons();
        assertInstanceOf(DayReason.Tet.class, tet.get(0));
        assertTrue(((DayReason.Tet) tet.get(0)).getName().contains("29 th\u00e1ng Ch\u1ea1p"));
        DayReason.Override o = (DayReason.Override) clock.day("2025-04-26").getReasons().get(1);
        assertEquals(OverrideKind.MAKEUP_WORKING_DAY, o.getKind());
        assertFalse(o.getReason().isEmpty());
        DayReason.Weekend w = (DayReason.Weekend) clock.day("2025-04-26").getReasons().get(0);
        assertEquals("Sat", w.getWeekday());
        assertEquals(List.of(DayReason.Weekday.INSTANCE), clock.day("2026-11-24").getReasons());
        DayReason.Compensatory comp = (DayReason.Compensatory) clock.day("2026-04-27").getReasons().get(0);
        assertEquals("2026-04-26", comp.getForDate());
    }

    @Test
    void javaTimeRoundTrips() throws Exception {
        try (WorkClock clock = new WorkClock("{\"office_hours\": \"07:30-11:30,13:00-17:00\"}")) {
            assertEquals("07:30-11:30,13:00-17:00", clock.officeHours());
            LocalDateTime received = LocalDateTime.of(2026, 11, 24, 9, 0);
            // LocalDateTime.toString() at minute precision is the input form; LocalDateTime.parse reads the answer.
            LocalDateTime due = LocalDateTime.parse(clock.due(received.toString(), 3, "working-days", null));
            assertEquals(LocalDateTime.of(2026, 11, 27, 9, 0), due);
            long minute = received.toEpochSecond(ZoneOffset.UTC) / 60;
            assertEquals(due.toEpochSecond(ZoneOffset.UTC) / 60, clock.dueMinute(minute, 3, "working-days", null));
            // 3 working days of 8 h each.
            assertEquals(3 * 480, clock.workingMinutes(received.toString(), due.toString()));
            assertEquals(-3 * 480, clock.workingMinutes(due.toString(), received.toString()));
            // The DVCQG wire form is accepted too.
            assertEquals(due.toString(), clock.due("20261124090000", 3, "working-days", null));
            LocalDate tet = LocalDate.parse(MotcuaKt.lunarToSolar(new LunarDate(2026, 1, 1, false)));
            assertEquals(LocalDate.of(2026, 2, 17), tet);
            assertEquals(new LunarDate(2026, 1, 1, false), MotcuaKt.lunarFromSolar(tet.toString()));
        }
    }

    @Test
    void badInputIsACheckedExceptionWithCodeAndField() throws Exception {
        WorkClock clock = clock("");
        try {
            clock.due("2026-11-24 25:00", 1, "working-days", null);
            fail("bad time accepted");
        } catch (MotcuaException.Deadline e) {
            assertEquals(5001, e.getCode());
            assertEquals("received", e.getField());
        }
        MotcuaException unit = assertThrows(MotcuaException.class, () -> clock.due("2026-11-24T09:00", 1, "weeks", null));
        assertEquals(5004, unit.code());
        assertEquals("unit", unit.field());
        MotcuaException neg = assertThrows(MotcuaException.class, () -> clock.dueMinute(0, -1, "working-days", null));
        assertEquals(5004, neg.code());
        assertEquals("amount", neg.field());
        MotcuaException big = assertThrows(MotcuaException.class, () -> clock.due("2026-11-24T09:00", 100_001, "working-hours", null));
        assertEquals(5004, big.code());
        assertEquals("amount", big.field());
        MotcuaException cut = assertThrows(MotcuaException.class, () -> clock.due("2026-11-24T09:00", 1, "working-days", "3pm"));
        assertEquals(5001, cut.code());
        assertEquals("cutoff", cut.field());
        MotcuaException range = assertThrows(MotcuaException.class, () -> clock.due("2199-12-30T09:00", 30, "working-days", null));
        assertEquals(5005, range.code());
        assertInstanceOf(MotcuaException.Deadline.class, range);
        MotcuaException date = assertThrows(MotcuaException.class, () -> clock.isWorkingDay("2026-02-30"));
        assertEquals(9004, date.code());
        assertEquals("date", date.field());
        MotcuaException year = assertThrows(MotcuaException.class, () -> clock.holidays(1899));
        assertEquals(9004, year.code());
        MotcuaException json = assertThrows(MotcuaException.class, () -> clock.evaluate("{\"received\": 1}"));
        assertEquals(9004, json.code());
        assertEquals("request", json.field());
        MotcuaException cfg = assertThrows(MotcuaException.class, () -> new WorkClock("{\"office_hours\": \"\"}"));
        assertInstanceOf(MotcuaException.Deadline.class, cfg);
        assertEquals("office_hours", cfg.field());
        MotcuaException lunar = assertThrows(MotcuaException.class,
                () -> MotcuaKt.lunarToSolar(new LunarDate(2025, 2, 1, true)));
        assertEquals(9004, lunar.code());
        assertEquals("lunar_date", lunar.field());
        assertTrue(lunar.describe().contains("leap month"), lunar.describe());
        MotcuaException month = assertThrows(MotcuaException.class,
                () -> MotcuaKt.lunarToSolar(new LunarDate(2025, 300, 1, false)));
        assertEquals("lunar_date", month.field());
        MotcuaException far = assertThrows(MotcuaException.class, () -> MotcuaKt.lunarFromSolar("2300-01-01"));
        assertEquals("date", far.field());
    }
}
