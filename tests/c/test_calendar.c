/* C suite for the calendar and deadlines (lịch, thời hạn): runs tests/vectors/deadlines.json, holidays.json and
 * lunar_months_1900_2199.json through libmotcua, checks motcua_clock_due against motcua_clock_due_many and
 * motcua_clock_evaluate, plus boundary tests (NULL, bad UTF-8, bad arguments). Built with -Wall -Wextra -Werror
 * under AddressSanitizer + UBSan and run under valgrind by tests/c/run.sh. */
#include "motcua.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static cJSON *load(const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = read_file(path, NULL);
    cJSON *j = cJSON_Parse(text);
    free(text);
    if (!j) {
        fprintf(stderr, "cannot parse %s\n", path);
        exit(2);
    }
    return j;
}

static const cJSON *get(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

static const char *str(const cJSON *o, const char *key) {
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Every key of `want` is in `got` with an equal value; objects are compared key by key, recursively. */
static int subset(const cJSON *want, const cJSON *got) {
    if (!got) return 0;
    if (!cJSON_IsObject(want)) return cJSON_Compare(want, got, 1);
    if (!cJSON_IsObject(got)) return 0;
    const cJSON *w;
    cJSON_ArrayForEach(w, want) {
        if (!subset(w, get(got, w->string))) return 0;
    }
    return 1;
}

/* "field: detail" starts with the field. */
static int names_field(const char *message, const char *field) {
    size_t n = strlen(field);
    return message && strncmp(message, field, n) == 0 && message[n] == ':' && message[n + 1] == ' ';
}

static int unit_of(const char *name) {
    if (streq(name, "working-days")) return MOTCUA_UNIT_WORKING_DAYS;
    if (streq(name, "working-hours")) return MOTCUA_UNIT_WORKING_HOURS;
    if (streq(name, "calendar-days")) return MOTCUA_UNIT_CALENDAR_DAYS;
    return -1;
}

/* A request the simple call can answer: only received, amount, unit and cutoff. */
static int simple_request(const cJSON *req) {
    const cJSON *k;
    cJSON_ArrayForEach(k, req) {
        if (!streq(k->string, "received") && !streq(k->string, "amount") && !streq(k->string, "unit") && !streq(k->string, "cutoff"))
            return 0;
    }
    return 1;
}

/* --- deadlines.json ---------------------------------------------------------------------------------------- */

static int deadline_cases;

/* Checks motcua_clock_due (and the time functions) against the report of motcua_clock_evaluate. */
static void due_agrees(const MotcuaClock *clock, const char *name, const cJSON *req, const cJSON *report) {
    int64_t received = 0, due = 0;
    int cutoff = -1, h = 0, m = 0;
    const char *c = str(req, "cutoff");
    if (c && sscanf(c, "%d:%d", &h, &m) == 2) cutoff = h * 60 + m;
    CHECK(motcua_time_parse(str(req, "received"), &received) == MOTCUA_OK, "%s: parse received", name);
    int32_t rc = motcua_clock_due(clock, received, (uint32_t)get(req, "amount")->valueint, unit_of(str(req, "unit")), cutoff,
                                  &due, NULL);
    char *text = NULL;
    CHECK(rc == MOTCUA_OK && motcua_time_format(due, &text) == MOTCUA_OK && streq(text, str(report, "due")),
          "%s: motcua_clock_due gives %s, evaluate %s", name, text ? text : "?", str(report, "due"));
    motcua_string_free(text);
    int64_t start = 0;
    text = NULL;
    CHECK(motcua_clock_start(clock, received, cutoff, &start) == MOTCUA_OK && motcua_time_format(start, &text) == MOTCUA_OK &&
              streq(text, str(report, "start")),
          "%s: motcua_clock_start gives %s, evaluate %s", name, text ? text : "?", str(report, "start"));
    motcua_string_free(text);
}

static void deadlines(const char *dir, const MotcuaClock *standard) {
    cJSON *file = load(dir, "deadlines.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, get(file, "cases")) {
        const char *name = str(c, "name");
        const cJSON *want_err = get(c, "error"), *cfg = get(c, "config");
        MotcuaClock *own = NULL;
        const MotcuaClock *clock = standard;
        deadline_cases++;
        if (cfg) {
            char *cfg_text = cJSON_PrintUnformatted(cfg), *msg = NULL;
            int32_t rc = motcua_clock_new(cfg_text, &own, &msg);
            cJSON_free(cfg_text);
            if (rc != MOTCUA_OK) {
                /* A bad clock setting is reported when the clock is built. */
                CHECK(want_err && rc == get(want_err, "code")->valueint, "%s: clock rc %d: %s", name, rc, msg ? msg : "");
                CHECK(want_err && names_field(msg, str(want_err, "field")), "%s: message %s names %s", name, msg ? msg : "(null)",
                      want_err ? str(want_err, "field") : "");
                CHECK(own == NULL, "%s: no handle on failure", name);
                motcua_string_free(msg);
                continue;
            }
            clock = own;
        }
        const cJSON *req = get(c, "request");
        char *req_text = cJSON_PrintUnformatted(req), *out = NULL;
        int32_t rc = motcua_clock_evaluate(clock, req_text, &out);
        cJSON *report = cJSON_Parse(out);
        CHECK(report != NULL, "%s: output is JSON: %s", name, out ? out : "(null)");
        if (want_err) {
            int want_code = get(want_err, "code")->valueint;
            const cJSON *e = get(report, "error");
            CHECK(rc == want_code, "%s: rc %d, want %d: %s", name, rc, want_code, out);
            CHECK(e && get(e, "code")->valueint == want_code, "%s: error.code: %s", name, out);
            CHECK(e && streq(str(e, "field"), str(want_err, "field")), "%s: error.field, want %s: %s", name, str(want_err, "field"), out);
            CHECK(e && names_field(str(e, "message"), str(want_err, "field")), "%s: error.message: %s", name, out);
        } else {
            CHECK(rc == MOTCUA_OK, "%s: rc %d: %s", name, rc, out);
            CHECK(subset(get(c, "expect"), report), "%s: report %s", name, out);
            if (rc == MOTCUA_OK && simple_request(req) && str(report, "due")) due_agrees(clock, name, req, report);
        }
        cJSON_Delete(report);
        motcua_string_free(out);
        cJSON_free(req_text);
        motcua_clock_free(own);
    }
    cJSON_Delete(file);
}

/* --- holidays.json ------------------------------------------------------------------------------------------ */

static int parse_date(const char *s, int *y, int *m, int *d) { return s && sscanf(s, "%d-%d-%d", y, m, d) == 3; }

static const cJSON *holiday_on(const cJSON *list, const char *date) {
    const cJSON *h;
    cJSON_ArrayForEach(h, list) {
        if (streq(str(h, "date"), date)) return h;
    }
    return NULL;
}

static void holidays(const char *dir, const MotcuaClock *clock) {
    cJSON *file = load(dir, "holidays.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, get(file, "years")) {
        int year = get(c, "year")->valueint;
        char *out = NULL;
        int32_t rc = motcua_clock_holidays_json(clock, year, &out);
        cJSON *got = cJSON_Parse(out);
        CHECK(rc == MOTCUA_OK && cJSON_Compare(got, get(c, "holidays"), 1), "holidays %d: %s", year, out);
        cJSON_Delete(got);
        motcua_string_free(out);
    }
    cJSON_ArrayForEach(c, get(file, "days")) {
        const char *date = str(c, "date");
        int want = cJSON_IsTrue(get(c, "working")), y = 0, m = 0, d = 0, working = -1;
        char *out = NULL;
        int32_t rc = motcua_clock_day_json(clock, date, &out);
        cJSON *info = cJSON_Parse(out);
        CHECK(rc == MOTCUA_OK && cJSON_IsBool(get(info, "working")) && cJSON_IsTrue(get(info, "working")) == want, "%s: working: %s",
              date, out);
        cJSON *rules = cJSON_CreateArray();
        const cJSON *r;
        cJSON_ArrayForEach(r, get(info, "reasons")) cJSON_AddItemToArray(rules, cJSON_CreateString(str(r, "rule")));
        CHECK(cJSON_Compare(rules, get(c, "rules"), 1), "%s: rules: %s", date, out);
        CHECK(parse_date(date, &y, &m, &d) && motcua_clock_is_working_day(clock, y, m, d, &working) == MOTCUA_OK && working == want,
              "%s: is_working_day %d", date, working);
        cJSON_Delete(rules);
        cJSON_Delete(info);
        motcua_string_free(out);
    }
    /* Tết (1/1 âm lịch) and the Hùng Kings' day (10/3 âm lịch) as published, through the lunar functions and the
     * calendar. */
    cJSON_ArrayForEach(c, get(file, "tet_hung_kings")) {
        int year = get(c, "year")->valueint, y = 0, m = 0, d = 0;
        const char *tet = str(c, "tet"), *eve = str(c, "last_day_of_previous_lunar_year"), *hung = str(c, "hung_kings");
        char solar[16];
        MotcuaLunarDate l = {0}, first = {year, 1, 1, false}, tenth_of_third = {year, 3, 10, false};
        CHECK(motcua_lunar_to_solar(&first, &y, &m, &d) == MOTCUA_OK, "Tết %d", year);
        snprintf(solar, sizeof solar, "%04d-%02d-%02d", y, m, d);
        CHECK(streq(solar, tet), "Tết %d: %s, want %s", year, solar, tet);
        CHECK(motcua_lunar_to_solar(&tenth_of_third, &y, &m, &d) == MOTCUA_OK, "Hùng Kings %d", year);
        snprintf(solar, sizeof solar, "%04d-%02d-%02d", y, m, d);
        CHECK(streq(solar, hung), "Hùng Kings %d: %s, want %s", year, solar, hung);
        CHECK(parse_date(eve, &y, &m, &d) && motcua_lunar_from_solar(y, m, d, &l) == MOTCUA_OK && l.year == year - 1 && l.month == 12 &&
                  !l.leap && (l.day == 29 || l.day == 30),
              "giao thừa %s: %d/%d/%d", eve, l.day, l.month, l.year);
        char *out = NULL;
        CHECK(motcua_clock_holidays_json(clock, year, &out) == MOTCUA_OK, "holidays %d", year);
        cJSON *list = cJSON_Parse(out);
        const cJSON *ht = holiday_on(list, tet), *hh = holiday_on(list, hung), *he = holiday_on(list, eve);
        CHECK(ht && streq(str(ht, "kind"), "tet") && streq(str(ht, "name"), "Tết Nguyên đán (mùng 1)"), "%s is Tết mùng 1", tet);
        CHECK(hh && streq(str(hh, "kind"), "statutory") && strstr(str(hh, "name"), "Hùng Vương"), "%s is the Hùng Kings' day", hung);
        CHECK(he && streq(str(he, "kind"), "tet"), "%s (giao thừa) is a Tết day", eve);
        cJSON_Delete(list);
        motcua_string_free(out);
    }
    /* Malformed deployment overrides are refused when the clock is built, naming the line and the field. */
    cJSON_ArrayForEach(c, get(file, "override_errors")) {
        cJSON *cfg = cJSON_CreateObject();
        cJSON_AddStringToObject(cfg, "overrides_csv", str(c, "text"));
        char *cfg_text = cJSON_PrintUnformatted(cfg), *msg = NULL;
        MotcuaClock *bad = NULL;
        int32_t rc = motcua_clock_new(cfg_text, &bad, &msg);
        CHECK(rc == get(c, "code")->valueint && bad == NULL, "override error rc %d: %s", rc, msg ? msg : "");
        CHECK(names_field(msg, str(c, "field")), "override error %s names %s", msg ? msg : "(null)", str(c, "field"));
        motcua_string_free(msg);
        cJSON_free(cfg_text);
        cJSON_Delete(cfg);
    }
    cJSON_Delete(file);
}

/* --- lunar_months_1900_2199.json ---------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static long day_of(const char *s) {
    int y = 0, m = 0, d = 0;
    if (!parse_date(s, &y, &m, &d)) {
        fprintf(stderr, "bad date %s\n", s ? s : "(null)");
        exit(2);
    }
    return days_from_civil(y, m, d);
}

/* New moons within minutes of local midnight where the vector file (PyEphem) and core (Hồ Ngọc Đức's algorithm,
 * as the Vietnamese calendar is published) start the month on adjacent days: (PyEphem, core). The same list as
 * core/tests/lunar.rs, which documents each one. */
static const char *const NEAR_MIDNIGHT[][2] = {
    {"1944-06-20", "1944-06-21"}, {"2072-12-09", "2072-12-10"}, {"2077-11-15", "2077-11-16"}, {"2130-05-07", "2130-05-08"},
    {"2150-05-26", "2150-05-27"}, {"2159-05-17", "2159-05-18"}, {"2175-01-22", "2175-01-23"}, {"2199-01-26", "2199-01-27"},
};

static void lunar(const char *dir) {
    cJSON *file = load(dir, "lunar_months_1900_2199.json");
    const cJSON *months = get(file, "months");
    int n = cJSON_GetArraySize(months);
    long *start = malloc(sizeof(long) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) start[i] = day_of(cJSON_GetArrayItem(cJSON_GetArrayItem(months, i), 0)->valuestring);
    start[n] = day_of(str(file, "end"));
    size_t replaced = 0;
    for (size_t k = 0; k < sizeof NEAR_MIDNIGHT / sizeof NEAR_MIDNIGHT[0]; k++)
        for (int i = 0; i < n; i++)
            if (start[i] == day_of(NEAR_MIDNIGHT[k][0])) {
                start[i] = day_of(NEAR_MIDNIGHT[k][1]);
                replaced++;
            }
    CHECK(n == 3712 && replaced == 8, "%d months, %zu near-midnight starts", n, replaced);
    long days = 0, bad_from = 0, bad_to = 0;
    for (int i = 0; i < n; i++) {
        const cJSON *row = cJSON_GetArrayItem(months, i);
        MotcuaLunarDate want = {cJSON_GetArrayItem(row, 1)->valueint, cJSON_GetArrayItem(row, 2)->valueint, 0,
                                cJSON_GetArrayItem(row, 3)->valueint == 1};
        long length = start[i + 1] - start[i];
        CHECK(length == 29 || length == 30, "month %d has %ld days", i, length);
        for (long k = 0; k < length; k++) {
            int y = 0, m = 0, d = 0, by = 0, bm = 0, bd = 0;
            MotcuaLunarDate got = {0};
            want.day = (int)k + 1;
            civil_from_days(start[i] + k, &y, &m, &d);
            if (motcua_lunar_from_solar(y, m, d, &got) != MOTCUA_OK || got.year != want.year || got.month != want.month ||
                got.day != want.day || got.leap != want.leap) {
                if (bad_from++ < 10)
                    fprintf(stderr, "FAIL %04d-%02d-%02d: %d/%d%s/%d, want %d/%d%s/%d\n", y, m, d, got.day, got.month,
                            got.leap ? "L" : "", got.year, want.day, want.month, want.leap ? "L" : "", want.year);
            }
            if (motcua_lunar_to_solar(&want, &by, &bm, &bd) != MOTCUA_OK || by != y || bm != m || bd != d) {
                if (bad_to++ < 10) fprintf(stderr, "FAIL lunar %d/%d/%d -> %04d-%02d-%02d, want %04d-%02d-%02d\n", want.day, want.month, want.year, by, bm, bd, y, m, d);
            }
            days++;
        }
    }
    /* 1900-01-01 ..= 2200-02-14, both directions. */
    CHECK(days == 109618, "%ld days", days);
    CHECK(bad_from == 0, "%ld solar days convert to the wrong lunar date", bad_from);
    CHECK(bad_to == 0, "%ld lunar dates convert to the wrong solar date", bad_to);
    MotcuaLunarDate l = {0};
    CHECK(motcua_lunar_from_solar(1899, 12, 31, &l) == MOTCUA_ERR_INVALID_ARGUMENT, "before 1900 is out of range");
    CHECK(motcua_lunar_from_solar(2200, 2, 15, &l) == MOTCUA_ERR_INVALID_ARGUMENT, "after 2200-02-14 is out of range");
    free(start);
    cJSON_Delete(file);
}

/* --- due vs due_many ---------------------------------------------------------------------------------------- */

static void batch(const MotcuaClock *clock) {
    /* 6000 receptions every 97 minutes from 2026-01-01 (over Tết, weekends, nights), above the 4096 at which the
     * batch is split across threads. */
    enum { N = 6000 };
    int64_t base = 0;
    CHECK(motcua_time_parse("2026-01-01T00:00", &base) == MOTCUA_OK, "base");
    int64_t *received = malloc(sizeof(int64_t) * N), *one = malloc(sizeof(int64_t) * N), *many = malloc(sizeof(int64_t) * N),
            *single = malloc(sizeof(int64_t) * N);
    uint32_t *amounts = malloc(sizeof(uint32_t) * N);
    for (size_t i = 0; i < N; i++) {
        received[i] = base + (int64_t)i * 97;
        amounts[i] = (uint32_t)(i % 23);
    }
    const int units[] = {MOTCUA_UNIT_WORKING_DAYS, MOTCUA_UNIT_WORKING_HOURS, MOTCUA_UNIT_CALENDAR_DAYS};
    const int cutoffs[] = {-1, 15 * 60};
    for (size_t u = 0; u < 3; u++)
        for (size_t k = 0; k < 2; k++) {
            int unit = units[u], cutoff = cutoffs[k];
            long mismatched = 0, mismatched_one = 0;
            CHECK(motcua_clock_due_many(clock, received, N, amounts, N, unit, cutoff, many, 4, NULL) == MOTCUA_OK, "due_many unit %d", unit);
            CHECK(motcua_clock_due_many(clock, received, N, amounts, N, unit, cutoff, single, 1, NULL) == MOTCUA_OK, "one thread");
            CHECK(memcmp(many, single, sizeof(int64_t) * N) == 0, "4 threads = 1 thread (unit %d cutoff %d)", unit, cutoff);
            for (size_t i = 0; i < N; i++) {
                int64_t due = 0;
                if (motcua_clock_due(clock, received[i], amounts[i], unit, cutoff, &due, NULL) != MOTCUA_OK || due != many[i])
                    mismatched++;
            }
            CHECK(mismatched == 0, "unit %d cutoff %d: %ld due dates differ between due and due_many", unit, cutoff, mismatched);
            /* One amount for all. */
            CHECK(motcua_clock_due_many(clock, received, N, &amounts[5], 1, unit, cutoff, one, 2, NULL) == MOTCUA_OK, "one amount");
            for (size_t i = 0; i < N; i++) {
                int64_t due = 0;
                if (motcua_clock_due(clock, received[i], 5, unit, cutoff, &due, NULL) != MOTCUA_OK || due != one[i]) mismatched_one++;
            }
            CHECK(mismatched_one == 0, "unit %d cutoff %d: %ld differ with one amount", unit, cutoff, mismatched_one);
        }
    /* Fails on the lowest bad index whatever the threads, naming it. */
    int64_t late = 0;
    CHECK(motcua_time_parse("2199-12-31T09:00", &late) == MOTCUA_OK, "late");
    received[4100] = late;
    received[17] = late;
    for (size_t threads = 1; threads <= 4; threads += 3) {
        char *msg = NULL;
        int32_t rc = motcua_clock_due_many(clock, received, N, amounts, N, MOTCUA_UNIT_CALENDAR_DAYS, -1, many, threads, &msg);
        CHECK(rc == MOTCUA_ERR_DEADLINE_RANGE && names_field(msg, "due[17]"), "threads %zu: rc %d %s", threads, rc, msg ? msg : "(null)");
        motcua_string_free(msg);
    }
    char *msg = NULL;
    amounts[3] = 100001;
    CHECK(motcua_clock_due_many(clock, received, 5, amounts, 5, MOTCUA_UNIT_WORKING_DAYS, -1, many, 1, &msg) == MOTCUA_ERR_DEADLINE_PERIOD &&
              names_field(msg, "amount[3]"),
          "amount 100001 at index 3: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_due_many(clock, received, 5, amounts, 2, MOTCUA_UNIT_WORKING_DAYS, -1, many, 1, &msg) == MOTCUA_ERR_INVALID_ARGUMENT &&
              names_field(msg, "amounts"),
          "2 amounts for 5 receptions: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    CHECK(motcua_clock_due_many(clock, NULL, 0, NULL, 0, MOTCUA_UNIT_WORKING_DAYS, -1, NULL, 1, NULL) == MOTCUA_OK,
          "no receptions, no amount");
    CHECK(motcua_clock_due_many(clock, NULL, 0, amounts, 1, MOTCUA_UNIT_WORKING_DAYS, -1, NULL, 1, NULL) == MOTCUA_OK, "empty batch");
    CHECK(motcua_clock_due_many(clock, NULL, 3, amounts, 1, MOTCUA_UNIT_WORKING_DAYS, -1, many, 1, NULL) == MOTCUA_ERR_NULL_POINTER,
          "NULL received");
    CHECK(motcua_clock_due_many(clock, received, 3, NULL, 1, MOTCUA_UNIT_WORKING_DAYS, -1, many, 1, NULL) == MOTCUA_ERR_NULL_POINTER,
          "NULL amounts");
    CHECK(motcua_clock_due_many(clock, received, 3, amounts, 1, MOTCUA_UNIT_WORKING_DAYS, -1, NULL, 1, NULL) == MOTCUA_ERR_NULL_POINTER,
          "NULL out");
    CHECK(motcua_clock_due_many(NULL, received, 3, amounts, 1, MOTCUA_UNIT_WORKING_DAYS, -1, many, 1, NULL) == MOTCUA_ERR_NULL_POINTER,
          "NULL clock");
    CHECK(motcua_clock_due_many(clock, received, 3, amounts, 1, 7, -1, many, 1, NULL) == MOTCUA_ERR_DEADLINE_PERIOD, "bad unit");
    free(received);
    free(one);
    free(many);
    free(single);
    free(amounts);
}

/* --- boundary ----------------------------------------------------------------------------------------------- */

static void boundary(const MotcuaClock *clock) {
    int64_t t = 0, t2 = 0, due = 0;
    char *out = NULL, *msg = NULL;
    MotcuaClock *c = NULL;

    /* Times. */
    CHECK(motcua_time_parse("2026-11-24T09:00", &t) == MOTCUA_OK && motcua_time_parse("20261124090059", &t2) == MOTCUA_OK && t == t2,
          "ISO and wire forms agree, seconds dropped");
    CHECK(motcua_time_parse("1970-01-01T00:01", &t) == MOTCUA_OK && t == 1, "minute 1");
    CHECK(motcua_time_parse("1900-01-01 00:00", &t) == MOTCUA_OK && t == -36816480, "1900 is before the epoch: %lld", (long long)t);
    CHECK(motcua_time_format(t, &out) == MOTCUA_OK && streq(out, "1900-01-01T00:00"), "format: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_time_parse("2026-02-30T09:00", &t) == MOTCUA_ERR_DEADLINE_TIME, "30 February");
    CHECK(motcua_time_parse("2200-01-01T00:00", &t) == MOTCUA_ERR_DEADLINE_TIME, "2200");
    CHECK(motcua_time_parse("", &t) == MOTCUA_ERR_DEADLINE_TIME, "empty time");
    CHECK(motcua_time_parse("2026-11-24T09:00\xff", &t) == MOTCUA_ERR_INVALID_UTF8, "bad UTF-8 time");
    CHECK(motcua_time_parse(NULL, &t) == MOTCUA_ERR_NULL_POINTER, "NULL time");
    CHECK(motcua_time_parse("2026-11-24T09:00", NULL) == MOTCUA_ERR_NULL_POINTER, "NULL minute_out");
    CHECK(motcua_time_format(INT64_MAX, &out) != MOTCUA_OK && out == NULL, "unrepresentable minute");
    CHECK(motcua_time_format(0, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL out");

    /* Clock construction. */
    CHECK(motcua_clock_new(NULL, NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL out handle");
    CHECK(motcua_clock_new("{\"office_hours\": 1", &c, &msg) == MOTCUA_ERR_INVALID_ARGUMENT && c == NULL && names_field(msg, "calendar"),
          "malformed JSON: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_new("{\"weekend\": \"sunday\"}", &c, NULL) == MOTCUA_ERR_INVALID_ARGUMENT && c == NULL, "unknown key");
    CHECK(motcua_clock_new("{\"tet_rule\": \"lunar\"}", &c, &msg) == MOTCUA_ERR_INVALID_ARGUMENT && names_field(msg, "tet_rule"),
          "bad Tết rule: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_new("{\"office_hours\": \"07:00-11:30\xc3\"}", &c, NULL) == MOTCUA_ERR_INVALID_UTF8 && c == NULL, "bad UTF-8 config");
    CHECK(motcua_clock_new("", &c, NULL) == MOTCUA_OK && c != NULL, "\"\" = defaults");
    char *hours_a = NULL, *hours_b = NULL;
    const char *req = "{\"received\":\"2026-11-24T09:00\",\"amount\":3,\"unit\":\"working-days\"}";
    CHECK(motcua_clock_evaluate(c, req, &hours_a) == MOTCUA_OK && motcua_clock_evaluate(clock, req, &hours_b) == MOTCUA_OK &&
              streq(hours_a, hours_b) && strstr(hours_a, "\"office_hours\":\"07:00-11:30,13:30-17:00\"") != NULL,
          "\"\" and NULL give the same clock: %s", hours_a ? hours_a : "(null)");
    motcua_string_free(hours_a);
    motcua_string_free(hours_b);
    motcua_clock_free(c);
    motcua_clock_free(NULL);

    /* Due dates. */
    CHECK(motcua_time_parse("2026-11-24T15:30", &t) == MOTCUA_OK, "t");
    CHECK(motcua_clock_due(clock, t, 0, MOTCUA_UNIT_WORKING_DAYS, 15 * 60, &due, NULL) == MOTCUA_OK &&
              motcua_time_format(due, &out) == MOTCUA_OK && streq(out, "2026-11-25T17:00"),
          "cut-off 15:00: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_due(clock, t, 0, MOTCUA_UNIT_WORKING_DAYS, -1, &due, NULL) == MOTCUA_OK &&
              motcua_time_format(due, &out) == MOTCUA_OK && streq(out, "2026-11-24T17:00"),
          "no cut-off: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_due(clock, t, 1, -1, -1, &due, &msg) == MOTCUA_ERR_DEADLINE_PERIOD && names_field(msg, "unit"), "unit -1: %s",
          msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_due(clock, t, 1, 3, -1, &due, NULL) == MOTCUA_ERR_DEADLINE_PERIOD, "unit 3");
    CHECK(motcua_clock_due(clock, t, 1, MOTCUA_UNIT_WORKING_DAYS, 1441, &due, &msg) == MOTCUA_ERR_DEADLINE_TIME && names_field(msg, "cutoff"),
          "cut-off 1441: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_due(clock, INT64_MAX, 1, MOTCUA_UNIT_WORKING_DAYS, -1, &due, &msg) == MOTCUA_ERR_DEADLINE_RANGE &&
              names_field(msg, "received"),
          "INT64_MAX: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_due(clock, INT64_MIN, 1, MOTCUA_UNIT_CALENDAR_DAYS, -1, &due, NULL) == MOTCUA_ERR_DEADLINE_RANGE, "INT64_MIN");
    CHECK(motcua_clock_due(clock, t, UINT32_MAX, MOTCUA_UNIT_WORKING_HOURS, -1, &due, &msg) == MOTCUA_ERR_DEADLINE_PERIOD &&
              names_field(msg, "amount"),
          "huge amount: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_clock_due(clock, t, 100000, MOTCUA_UNIT_WORKING_DAYS, -1, &due, NULL) == MOTCUA_ERR_DEADLINE_RANGE,
          "100000 working days is past 2199");
    CHECK(motcua_clock_due(clock, t, 1, MOTCUA_UNIT_WORKING_DAYS, -1, NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL due_out");
    CHECK(motcua_clock_due(NULL, t, 1, MOTCUA_UNIT_WORKING_DAYS, -1, &due, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL clock");

    /* Start and working minutes. */
    int64_t from = 0, to = 0, start = 0, minutes = 0;
    CHECK(motcua_time_parse("2026-11-27T16:00", &from) == MOTCUA_OK && motcua_time_parse("2026-11-30T16:00", &to) == MOTCUA_OK, "from/to");
    CHECK(motcua_clock_working_minutes(clock, from, to, &minutes) == MOTCUA_OK && minutes == 480, "Fri 16:00 -> Mon 16:00: %lld",
          (long long)minutes);
    CHECK(motcua_clock_working_minutes(clock, to, from, &minutes) == MOTCUA_OK && minutes == -480, "negative when reversed");
    CHECK(motcua_clock_working_minutes(clock, from, INT64_MAX, &minutes) != MOTCUA_OK, "unrepresentable end");
    CHECK(motcua_clock_working_minutes(clock, from, to, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL minutes_out");
    CHECK(motcua_time_parse("2026-11-24T18:00", &t) == MOTCUA_OK && motcua_clock_start(clock, t, -1, &start) == MOTCUA_OK &&
              motcua_time_format(start, &out) == MOTCUA_OK && streq(out, "2026-11-25T07:00"),
          "after closing starts next morning: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_start(clock, t, 5000, &start) == MOTCUA_ERR_DEADLINE_TIME, "start: bad cut-off");
    CHECK(motcua_clock_start(NULL, t, -1, &start) == MOTCUA_ERR_NULL_POINTER, "start: NULL clock");

    /* Requests. */
    CHECK(motcua_clock_evaluate(clock, "{\"received\":", &out) == MOTCUA_ERR_INVALID_ARGUMENT && strstr(out, "\"field\":\"request\""),
          "malformed request: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_evaluate(clock, "{\"received\":\"2026-11-24T09:00\",\"amount\":1,\"unit\":\"working-days\",\"x\":1}", &out) ==
              MOTCUA_ERR_INVALID_ARGUMENT,
          "unknown request key");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_evaluate(clock, "{\"received\":\"2026-11-24T09:00\xff\"}", &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL,
          "bad UTF-8 request");
    CHECK(motcua_clock_evaluate(clock, NULL, &out) == MOTCUA_ERR_NULL_POINTER && out == NULL, "NULL request");
    CHECK(motcua_clock_evaluate(clock, req, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL report_json_out");
    CHECK(motcua_clock_evaluate(NULL, req, &out) == MOTCUA_ERR_NULL_POINTER && out == NULL, "NULL clock");

    /* Days. */
    int working = -1;
    CHECK(motcua_clock_is_working_day(clock, 2026, 11, 24, &working) == MOTCUA_OK && working == 1, "Tuesday");
    CHECK(motcua_clock_is_working_day(clock, 2026, 11, 29, &working) == MOTCUA_OK && working == 0, "Sunday");
    CHECK(motcua_clock_is_working_day(clock, 2026, 2, 30, &working) == MOTCUA_ERR_INVALID_ARGUMENT, "30 February");
    CHECK(motcua_clock_is_working_day(clock, 2026, -1, 1, &working) == MOTCUA_ERR_INVALID_ARGUMENT, "month -1");
    CHECK(motcua_clock_is_working_day(clock, 1800, 1, 1, &working) == MOTCUA_ERR_DEADLINE_RANGE ||
              motcua_clock_is_working_day(clock, 1800, 1, 1, &working) == MOTCUA_ERR_INVALID_ARGUMENT,
          "1800 is outside the calendar: %d", motcua_clock_is_working_day(clock, 1800, 1, 1, &working));
    CHECK(motcua_clock_is_working_day(clock, 2026, 11, 24, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL working_out");
    CHECK(motcua_clock_day_json(clock, "2026-02-30", &out) == MOTCUA_ERR_INVALID_ARGUMENT && strstr(out, "\"field\":\"date\""),
          "day 2026-02-30: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_day_json(clock, "2026-09-02", &out) == MOTCUA_OK && strstr(out, "\"working\":false") &&
              strstr(out, "\"rule\":\"statutory\""),
          "Quốc khánh: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_day_json(clock, "2026-09-0\xff", &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "bad UTF-8 date");
    CHECK(motcua_clock_day_json(clock, NULL, &out) == MOTCUA_ERR_NULL_POINTER, "NULL date");
    CHECK(motcua_clock_day_json(clock, "2026-09-02", NULL) == MOTCUA_ERR_NULL_POINTER, "NULL json_out");
    int32_t rc = motcua_clock_holidays_json(clock, 1800, &out);
    CHECK(rc != MOTCUA_OK && out && strstr(out, "\"error\""), "holidays 1800: %d %s", rc, out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_clock_holidays_json(NULL, 2026, &out) == MOTCUA_ERR_NULL_POINTER, "holidays: NULL clock");
    CHECK(motcua_clock_holidays_json(clock, 2026, NULL) == MOTCUA_ERR_NULL_POINTER, "holidays: NULL out");

    /* Lunar dates. */
    MotcuaLunarDate l = {0};
    int y = 0, m = 0, d = 0;
    CHECK(motcua_lunar_from_solar(2025, 7, 25, &l) == MOTCUA_OK && l.year == 2025 && l.month == 6 && l.day == 1 && l.leap,
          "2025-07-25 is 1/6 nhuận/2025: %d/%d%s/%d", l.day, l.month, l.leap ? "L" : "", l.year);
    CHECK(motcua_lunar_to_solar(&l, &y, &m, &d) == MOTCUA_OK && y == 2025 && m == 7 && d == 25, "and back");
    MotcuaLunarDate not_leap = {2026, 6, 1, true}, month13 = {2026, 13, 1, false}, day0 = {2026, 1, 0, false},
                    month300 = {2026, 300, 1, false}, year3000 = {3000, 1, 1, false};
    CHECK(motcua_lunar_to_solar(&not_leap, &y, &m, &d) == MOTCUA_ERR_INVALID_ARGUMENT, "2026 has no leap 6th month");
    CHECK(motcua_lunar_to_solar(&month13, &y, &m, &d) == MOTCUA_ERR_INVALID_ARGUMENT, "month 13");
    CHECK(motcua_lunar_to_solar(&day0, &y, &m, &d) == MOTCUA_ERR_INVALID_ARGUMENT, "day 0");
    CHECK(motcua_lunar_to_solar(&month300, &y, &m, &d) == MOTCUA_ERR_INVALID_ARGUMENT, "month 300 (not 300 mod 256)");
    CHECK(motcua_lunar_to_solar(&year3000, &y, &m, &d) == MOTCUA_ERR_INVALID_ARGUMENT, "year 3000");
    CHECK(motcua_lunar_to_solar(NULL, &y, &m, &d) == MOTCUA_ERR_NULL_POINTER, "NULL lunar");
    CHECK(motcua_lunar_to_solar(&l, &y, NULL, &d) == MOTCUA_ERR_NULL_POINTER, "NULL month_out");
    CHECK(motcua_lunar_from_solar(2026, 2, 29, &l) == MOTCUA_ERR_INVALID_ARGUMENT, "2026-02-29");
    CHECK(motcua_lunar_from_solar(2026, 1, 1, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL lunar out");

    CHECK(strcmp(motcua_error_name(MOTCUA_ERR_DEADLINE_PAUSE), "deadline_pause") == 0, "error name 5003");
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    MotcuaClock *clock = NULL;
    char *msg = NULL;
    if (motcua_clock_new(NULL, &clock, &msg) != MOTCUA_OK) {
        fprintf(stderr, "default clock: %s\n", msg ? msg : "");
        return 2;
    }
    deadlines(dir, clock);
    holidays(dir, clock);
    lunar(dir);
    batch(clock);
    boundary(clock);
    motcua_clock_free(clock);
    printf("calendar: %d deadline cases, %d passed, %d failed\n", deadline_cases, passed, failed);
    return failed ? 1 : 0;
}
