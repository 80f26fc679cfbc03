/* C suite for payments (thanh toán): runs tests/vectors/vietqr.json, payment_signatures.json, payment_flows.json and
 * receipts.json through libmotcua, draws QR images, and checks the boundary (NULL, bad UTF-8, malformed JSON).
 * Built with -Wall -Wextra -Werror under AddressSanitizer + UBSan and run under valgrind by tests/c/run.sh.
 *
 * JSON handed to the library is cut verbatim from the vector files (raw_*), not re-printed by cJSON: cJSON holds
 * numbers as double and would turn 9223372036854775807 (the receipt overflow case) into 9.2233720368547758e+18. */
#include "motcua.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* A vector file: its text (for raw values) and its parse (for expectations). */
typedef struct {
    char *text;
    cJSON *json;
} Vectors;

static Vectors load(const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Vectors v = {read_file(path, NULL), NULL};
    v.json = cJSON_Parse(v.text);
    if (!v.json) {
        fprintf(stderr, "cannot parse %s\n", path);
        exit(2);
    }
    return v;
}

static void unload(Vectors v) {
    cJSON_Delete(v.json);
    free(v.text);
}

static const cJSON *get(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

static const char *str(const cJSON *o, const char *key) {
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* --- raw JSON text ------------------------------------------------------------------------------------------ */

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    return p;
}

/* Past the JSON value starting at p (p at its first character). */
static const char *skip_value(const char *p) {
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1]) p++;
        return *p ? p + 1 : p;
    }
    if (*p == '{' || *p == '[') {
        int depth = 0;
        for (; *p; p++) {
            if (*p == '"') {
                p = skip_value(p) - 1;
            } else if (*p == '{' || *p == '[') {
                depth++;
            } else if ((*p == '}' || *p == ']') && --depth == 0) {
                return p + 1;
            }
        }
        return p;
    }
    while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' && *p != '\r' && *p != '\t') p++;
    return p;
}

/* The value of member `key` of the object at `obj` (keys are plain ASCII in the vector files), or NULL. */
static const char *raw_member(const char *obj, const char *key) {
    const char *p = skip_ws(obj);
    if (*p != '{') return NULL;
    p = skip_ws(p + 1);
    size_t n = strlen(key);
    while (*p == '"') {
        const char *k = p + 1, *end = skip_value(p);
        int match = (size_t)(end - 1 - k) == n && strncmp(k, key, n) == 0;
        p = skip_ws(end);
        if (*p != ':') return NULL;
        p = skip_ws(p + 1);
        if (match) return p;
        p = skip_ws(skip_value(p));
        if (*p == ',') p = skip_ws(p + 1);
    }
    return NULL;
}

/* Element i of the array at `arr`, or NULL. */
static const char *raw_element(const char *arr, int i) {
    const char *p = skip_ws(arr);
    if (*p != '[') return NULL;
    p = skip_ws(p + 1);
    for (int k = 0; *p && *p != ']'; k++) {
        if (k == i) return p;
        p = skip_ws(skip_value(p));
        if (*p == ',') p = skip_ws(p + 1);
    }
    return NULL;
}

/* A NUL-terminated copy of the value at p (free it), or NULL when p is NULL or the value is null. */
static char *raw_copy(const char *p) {
    if (!p || strncmp(p, "null", 4) == 0) return NULL;
    size_t n = (size_t)(skip_value(p) - p);
    char *s = malloc(n + 1);
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* The raw text of `key` in case i of the array `list` of the file. */
static char *raw_case(const Vectors *v, const char *list, int i, const char *key) {
    const char *c = raw_element(raw_member(v->text, list), i);
    return raw_copy(c ? raw_member(c, key) : NULL);
}

/* "field: detail" starts with the field. */
static int names_field(const char *message, const char *field) {
    size_t n = strlen(field);
    return message && strncmp(message, field, n) == 0 && message[n] == ':' && message[n + 1] == ' ';
}

/* `out` is {"error": {"code": code, "field": field, ...}}. */
static int error_json(const char *out, int code, const char *field) {
    cJSON *j = cJSON_Parse(out);
    const cJSON *e = get(j, "error");
    int ok = e && cJSON_IsNumber(get(e, "code")) && get(e, "code")->valueint == code && (!field || streq(str(e, "field"), field));
    cJSON_Delete(j);
    return ok;
}

/* --- vietqr.json ---------------------------------------------------------------------------------------------- */

static int qr_cases;

static void vietqr(const char *dir) {
    Vectors v = load(dir, "vietqr.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, get(v.json, "cases")) {
        const char *id = str(c, "id"), *payload = str(c, "payload");
        qr_cases++;
        for (int strict = 1; strict >= 0; strict--) {
            const char *mode = strict ? "strict" : "lenient";
            char *out = NULL;
            CHECK(motcua_qr_parse(payload, strict, &out) == MOTCUA_OK, "%s %s: rc", id, mode);
            cJSON *got = cJSON_Parse(out);
            CHECK(got != NULL, "%s %s: report is JSON", id, mode);
            const cJSON *want;
            cJSON_ArrayForEach(want, get(c, mode)) {
                const char *k = want->string;
                if (streq(k, "warning_codes")) {
                    const cJSON *warnings = get(got, "warnings"), *w;
                    int same = cJSON_GetArraySize(warnings) == cJSON_GetArraySize(want), n = 0;
                    cJSON_ArrayForEach(w, warnings) {
                        same = same && streq(str(w, "code"), cJSON_GetArrayItem(want, n)->valuestring);
                        n++;
                    }
                    CHECK(same, "%s %s: warning codes in %s", id, mode, out);
                } else if (streq(k, "error")) {
                    const cJSON *e = get(got, "error");
                    if (cJSON_IsNull(want)) {
                        CHECK(cJSON_IsNull(e), "%s %s: no error in %s", id, mode, out);
                    } else {
                        CHECK(e && cJSON_Compare(get(e, "code"), get(want, "code"), 1) && cJSON_Compare(get(e, "field"), get(want, "field"), 1),
                              "%s %s: error %d at %s in %s", id, mode, get(want, "code")->valueint, str(want, "field"), out);
                    }
                } else {
                    CHECK(cJSON_Compare(get(got, k), want, 1), "%s %s.%s in %s", id, mode, k, out);
                }
            }
            cJSON_Delete(got);
            motcua_string_free(out);
        }
        char *build = raw_case(&v, "cases", i, "build");
        if (build) {
            char *p = NULL, *msg = NULL;
            CHECK(motcua_qr_build(build, &p, &msg) == MOTCUA_OK && streq(p, payload), "%s: build gives %s (%s)", id, p ? p : "?",
                  msg ? msg : "");
            motcua_string_free(p);
            motcua_string_free(msg);
            free(build);
        }
        i++;
    }
    CHECK(qr_cases >= 11, "vietqr cases: %d", qr_cases);

    /* Build: diacritics folded; bad requests name the field. */
    char *p = NULL, *msg = NULL, *out = NULL;
    CHECK(motcua_qr_build("{\"bin\":\"970436\",\"account\":\"1017595600\",\"amount\":50000,\"purpose\":\"Lệ phí hộ tịch G22\"}", &p, NULL) ==
              MOTCUA_OK,
          "build with diacritics");
    CHECK(motcua_qr_parse(p, true, &out) == MOTCUA_OK && strstr(out, "\"purpose\":\"Le phi ho tich G22\"") && strstr(out, "\"valid\":true"),
          "folded purpose: %s", out ? out : "(null)");
    motcua_string_free(p);
    motcua_string_free(out);
    p = NULL;
    CHECK(motcua_qr_build("{\"bin\":\"970403\",\"account\":\"1\",\"service\":\"X\"}", &p, &msg) == MOTCUA_ERR_QR_FIELD && p == NULL &&
              names_field(msg, "service"),
          "bad service: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_qr_build("{\"bin\":\"123456\",\"account\":\"1\"}", &p, &msg) / 100 == 60 && names_field(msg, "bin"), "bad bin: %s",
          msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_qr_build("{\"bin\":\"970436\",\"account\":\"1\",\"purpose\":\"xxxxxxxxxxxxxxxxxxxxxxxxxx\"}", &p, &msg) == MOTCUA_ERR_QR_TOO_LONG,
          "26-character purpose: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_qr_build("{\"bin\":", &p, &msg) == MOTCUA_ERR_INVALID_ARGUMENT && names_field(msg, "request"), "malformed request: %s",
          msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_qr_build("{\"bin\":\"970436\",\"account\":\"1\",\"amout\":1}", &p, NULL) == MOTCUA_ERR_INVALID_ARGUMENT, "unknown key");
    unload(v);
}

/* --- QR images ------------------------------------------------------------------------------------------------ */

static void images(void) {
    const char *payload = "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E";
    char *report = NULL;
    uint8_t *png_bad = NULL;
    size_t len_bad = 0;
    CHECK(motcua_qr_parse(payload, true, &report) == MOTCUA_OK && strstr(report, "\"valid\":true"), "image payload is valid: %s",
          report ? report : "(null)");
    motcua_string_free(report);

    char *svg = NULL, *svg2 = NULL;
    CHECK(motcua_qr_svg(payload, 4, &svg, NULL) == MOTCUA_OK && svg && strstr(svg, "<svg") && strstr(svg, "viewBox=\"0 0 "), "svg");
    CHECK(motcua_qr_svg(payload, 4, &svg2, NULL) == MOTCUA_OK && streq(svg, svg2), "same payload, same SVG");
    motcua_string_free(svg2);
    svg2 = NULL;
    char *msg0 = NULL;
    CHECK(motcua_qr_svg(payload, 0, &svg2, &msg0) == MOTCUA_ERR_INVALID_ARGUMENT && svg2 == NULL && names_field(msg0, "module"),
          "module 0 is refused, naming the field");
    motcua_string_free(msg0);
    CHECK(motcua_qr_png(payload, 65, &png_bad, &len_bad, NULL) == MOTCUA_ERR_INVALID_ARGUMENT && png_bad == NULL, "module 65 is refused");
    motcua_string_free(svg);

    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    uint8_t *png = NULL, *png2 = NULL;
    size_t len = 0, len2 = 0;
    CHECK(motcua_qr_png(payload, 4, &png, &len, NULL) == MOTCUA_OK && png && len > 8 && memcmp(png, signature, 8) == 0, "PNG signature");
    CHECK(motcua_qr_png(payload, 4, &png2, &len2, NULL) == MOTCUA_OK && len == len2 && memcmp(png, png2, len) == 0, "same payload, same PNG");
    motcua_bytes_free(png2, len2);
    png2 = NULL;
    CHECK(motcua_qr_png(payload, 8, &png2, &len2, NULL) == MOTCUA_OK && len2 > 8 && memcmp(png2, signature, 8) == 0 && (len2 != len || memcmp(png, png2, len) != 0),
          "module 8 differs from module 4");
    motcua_bytes_free(png2, len2);
    motcua_bytes_free(png, len);
    motcua_bytes_free(NULL, 0);

    /* 2332 bytes cannot be drawn at level M: 6006 naming the payload, nothing returned. */
    char *long_payload = malloc(2333);
    memset(long_payload, 'x', 2332);
    long_payload[2332] = '\0';
    char *msg = NULL;
    svg = NULL;
    CHECK(motcua_qr_svg(long_payload, 4, &svg, &msg) == MOTCUA_ERR_QR_TOO_LONG && svg == NULL && names_field(msg, "payload"),
          "svg too long: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    msg = NULL;
    png = NULL;
    len = 0;
    CHECK(motcua_qr_png(long_payload, 4, &png, &len, &msg) == MOTCUA_ERR_QR_TOO_LONG && png == NULL && len == 0 && names_field(msg, "payload"),
          "png too long: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    CHECK(motcua_qr_png(long_payload, 4, &png, &len, NULL) == MOTCUA_ERR_QR_TOO_LONG, "png too long, no message");
    free(long_payload);
}

/* --- payment_signatures.json --------------------------------------------------------------------------------- */

static int signature_cases;

static void signatures(const char *dir) {
    Vectors v = load(dir, "payment_signatures.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, get(v.json, "cases")) {
        const char *message = str(c, "message"), *secret = str(c, "secret"), *mac = str(c, "MaXacThuc");
        char *fields = raw_case(&v, "cases", i++, "fields"), *out = NULL;
        signature_cases++;
        CHECK(motcua_pay_sign(message, fields, secret, &out) == MOTCUA_OK, "%s: sign %s", message, out ? out : "");
        cJSON *signed_msg = cJSON_Parse(out);
        CHECK(streq(str(signed_msg, "MaXacThuc"), mac), "%s: MaXacThuc %s, want %s", message, str(signed_msg, "MaXacThuc"), mac);
        bool ok = false;
        CHECK(motcua_pay_verify(message, out, secret, &ok, NULL) == MOTCUA_OK && ok, "%s: verify", message);
        CHECK(motcua_pay_verify(message, out, "other", &ok, NULL) == MOTCUA_OK && !ok, "%s: other secret", message);
        /* Every field of the vector is signed (signature_base has one part per field, then the secret). */
        const cJSON *f;
        int n_fields = 0;
        cJSON_ArrayForEach(f, get(c, "fields")) {
            n_fields++;
            cJSON *tampered = cJSON_Duplicate(signed_msg, 1);
            cJSON_ReplaceItemInObjectCaseSensitive(tampered, f->string, cJSON_CreateString("x"));
            char *text = cJSON_PrintUnformatted(tampered);
            ok = true;
            CHECK(motcua_pay_verify(message, text, secret, &ok, NULL) == MOTCUA_OK && !ok, "%s: %s changed still verifies", message, f->string);
            cJSON_free(text);
            cJSON_DeleteItemFromObjectCaseSensitive(tampered, f->string);
            text = cJSON_PrintUnformatted(tampered);
            char *msg = NULL;
            CHECK(motcua_pay_verify(message, text, secret, &ok, &msg) == MOTCUA_ERR_PAY_MISSING_FIELD && names_field(msg, f->string),
                  "%s: %s missing: %s", message, f->string, msg ? msg : "(null)");
            motcua_string_free(msg);
            cJSON_free(text);
            cJSON_Delete(tampered);
        }
        int parts = 1;
        for (const char *b = str(c, "signature_base"); *b; b++) parts += *b == '|';
        CHECK(parts == n_fields + 1, "%s: %d fields, %d parts in signature_base", message, n_fields, parts);
        cJSON_Delete(signed_msg);
        motcua_string_free(out);
        free(fields);
    }
    CHECK(signature_cases >= 5, "signature cases: %d", signature_cases);

    /* Builders sign like the vectors (cases 0: INIT, 3: QUERY); the time is 24-hour. */
    const cJSON *cases = get(v.json, "cases");
    char *out = NULL;
    CHECK(motcua_pay_build("INIT",
                           "{\"ma_doi_tac\":\"THANHHOA\",\"ma_tham_chieu\":\"dvcH56000123251124000120261124153000\",\"thoi_gian\":"
                           "\"2026-11-24T15:30:00\",\"so_tien\":50000,\"thong_tin_giao_dich\":\"Nộp lệ phí hồ sơ H56.00-251124-0001\","
                           "\"ip\":\"10.0.0.8\",\"thong_tin_bien_lai\":{\"MaHoSo\":\"H56.00-251124-0001\"}}",
                           "s3cr3t-TH-2026", &out) == MOTCUA_OK,
          "build INIT: %s", out ? out : "(null)");
    cJSON *m = cJSON_Parse(out);
    CHECK(streq(str(m, "MaXacThuc"), str(cJSON_GetArrayItem(cases, 0), "MaXacThuc")) && streq(str(m, "ThoiGianGD"), "20261124153000"),
          "INIT signed like the vector: %s", out);
    bool ok = false;
    CHECK(motcua_pay_verify("INIT", out, "s3cr3t-TH-2026", &ok, NULL) == MOTCUA_OK && ok, "built INIT verifies");
    cJSON_Delete(m);
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_build("QUERY", "{\"ma_doi_tac\":\"THANHHOA\",\"ma_tham_chieu\":\"dvcH56000123251124000120261124153000\",\"thoi_gian\":\"20261124153000\"}",
                           "s3cr3t-TH-2026", &out) == MOTCUA_OK,
          "build QUERY");
    m = cJSON_Parse(out);
    CHECK(streq(str(m, "MaXacThuc"), str(cJSON_GetArrayItem(cases, 3), "MaXacThuc")), "QUERY signed like the vector: %s", out);
    cJSON_Delete(m);
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_build("QUERY", "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"d\",\"thoi_gian\":\"20261124033005PM\"}", "s", &out) ==
                  MOTCUA_ERR_PAY_FIELD &&
              error_json(out, MOTCUA_ERR_PAY_FIELD, "thoi_gian"),
          "12-hour time: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_build("INIT", "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"d\",\"thoi_gian\":\"20261124153005\"}", "s", &out) ==
                  MOTCUA_ERR_PAY_MISSING_FIELD &&
              error_json(out, MOTCUA_ERR_PAY_MISSING_FIELD, "so_tien"),
          "INIT without amount: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_build("CALLBACK", "{\"ma_doi_tac\":\"TH\",\"ma_tham_chieu\":\"d\",\"thoi_gian\":\"20261124153005\"}", "s", &out) ==
                  MOTCUA_ERR_INVALID_ARGUMENT &&
              error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "message"),
          "the platform builds callbacks: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_sign("PAY", "{}", "s", &out) == MOTCUA_ERR_INVALID_ARGUMENT && error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "message"),
          "unknown message: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_sign("CALLBACK", "[1]", "s", &out) == MOTCUA_ERR_INVALID_ARGUMENT && error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, NULL),
          "not an object: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    char *msg = NULL;
    CHECK(motcua_pay_verify("QUERY", "{\"LoaiBanTin\":", "s", &ok, &msg) == MOTCUA_ERR_INVALID_ARGUMENT && msg, "verify malformed: %s",
          msg ? msg : "(null)");
    motcua_string_free(msg);
    unload(v);
}

/* --- payment_flows.json ---------------------------------------------------------------------------------------- */

static int callback_cases, poll_cases;

static void flows(const char *dir) {
    Vectors v = load(dir, "payment_flows.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, get(v.json, "callbacks")) {
        const char *name = str(c, "name");
        char *callback = raw_case(&v, "callbacks", i, "callback"), *previous = raw_case(&v, "callbacks", i, "previous"), *out = NULL;
        i++;
        callback_cases++;
        const cJSON *amount = get(c, "requested_amount");
        int64_t requested = cJSON_IsNumber(amount) ? (int64_t)amount->valuedouble : 0;
        int32_t rc = motcua_pay_check_callback(callback, str(c, "secret"), cJSON_IsNumber(amount) ? &requested : NULL, previous, &out);
        cJSON *got = cJSON_Parse(out);
        CHECK(rc == MOTCUA_OK && got, "%s: rc %d", name, rc);
        CHECK(cJSON_Compare(get(got, "outcome"), get(c, "outcome"), 1), "%s: outcome in %s", name, out);
        const char *keys[] = {"code", "field", "so_tien", "ma_loi"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            const cJSON *want = get(c, keys[k]);
            if (want) CHECK(cJSON_Compare(get(got, keys[k]), want, 1), "%s: %s in %s", name, keys[k], out);
        }
        cJSON_Delete(got);
        motcua_string_free(out);
        free(callback);
        free(previous);
    }
    CHECK(callback_cases >= 13, "callback cases: %d", callback_cases);
    i = 0;
    cJSON_ArrayForEach(c, get(v.json, "polls")) {
        const char *name = str(c, "name");
        char *request = raw_case(&v, "polls", i++, "request"), *out = NULL;
        poll_cases++;
        int32_t rc = motcua_pay_next_poll(request, &out);
        const cJSON *code = get(c, "error_code");
        if (code) {
            CHECK(rc == code->valueint && error_json(out, code->valueint, str(c, "error_field")), "%s: rc %d %s", name, rc, out ? out : "");
        } else {
            cJSON *got = cJSON_Parse(out);
            CHECK(rc == MOTCUA_OK && cJSON_Compare(get(got, "query_at"), get(c, "query_at"), 1) &&
                      cJSON_Compare(get(got, "escalate"), get(c, "escalate"), 1),
                  "%s: %s", name, out ? out : "(null)");
            cJSON_Delete(got);
        }
        motcua_string_free(out);
        free(request);
    }
    CHECK(poll_cases >= 8, "poll cases: %d", poll_cases);

    /* Unreadable JSON is an error of the call; a rejected callback is not. */
    char *out = NULL;
    int64_t amount = 50000;
    CHECK(motcua_pay_check_callback("{\"MaLoi\":", "s", &amount, NULL, &out) == MOTCUA_ERR_INVALID_ARGUMENT &&
              error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "callback_json"),
          "malformed callback: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_check_callback("{}", "s", &amount, "[]", &out) == MOTCUA_ERR_INVALID_ARGUMENT &&
              error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "previous_json"),
          "previous not an object: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_check_callback("{}", "s", NULL, NULL, &out) == MOTCUA_OK && strstr(out, "\"outcome\":\"rejected\"") &&
              strstr(out, "\"code\":6101"),
          "empty callback rejected: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_pay_next_poll("{\"now\":\"2026-11-24T15:30:00\"}", &out) == MOTCUA_ERR_INVALID_ARGUMENT &&
              error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "request"),
          "poll without initiated_at: %s", out ? out : "(null)");
    motcua_string_free(out);
    unload(v);
}

/* --- receipts.json --------------------------------------------------------------------------------------------- */

static int receipt_cases;

static void receipts(const char *dir) {
    Vectors v = load(dir, "receipts.json");
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, get(v.json, "cases")) {
        const char *name = str(c, "name");
        char *receipt = str(c, "json") ? NULL : raw_case(&v, "cases", i, "receipt");
        char *rules = raw_case(&v, "cases", i, "rules"), *out = NULL;
        i++;
        receipt_cases++;
        int32_t rc = motcua_receipt_check(receipt ? receipt : str(c, "json"), rules, &out);
        cJSON *got = cJSON_Parse(out);
        CHECK(rc == MOTCUA_OK && got, "%s: rc %d", name, rc);
        CHECK(cJSON_Compare(get(got, "valid"), get(c, "valid"), 1), "%s: valid in %s", name, out);
        const cJSON *errors = get(got, "errors"), *codes = get(c, "error_codes"), *fields = get(c, "error_fields");
        int n = cJSON_GetArraySize(errors), same = n == cJSON_GetArraySize(codes) && n == cJSON_GetArraySize(fields);
        for (int k = 0; same && k < n; k++) {
            const cJSON *e = cJSON_GetArrayItem(errors, k);
            same = cJSON_Compare(get(e, "code"), cJSON_GetArrayItem(codes, k), 1) && streq(str(e, "field"), cJSON_GetArrayItem(fields, k)->valuestring);
            /* Personal data never appears in a message. */
            const char *m = str(e, "message");
            CHECK(m && !strstr(m, "Nguyễn") && !strstr(m, "038090000001") && !strstr(m, "03809000000X"), "%s: message %s", name, m ? m : "(null)");
        }
        CHECK(same, "%s: errors (codes, fields) in %s", name, out);
        const char *keys[] = {"total_phi", "total_le_phi", "lines"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            CHECK(cJSON_Compare(get(got, keys[k]), get(c, keys[k]), 1), "%s: %s in %s", name, keys[k], out);
        cJSON_Delete(got);
        motcua_string_free(out);
        free(receipt);
        free(rules);
    }
    CHECK(receipt_cases >= 30, "receipt cases: %d", receipt_cases);

    /* Rules: explicit defaults equal NULL; bad rules are an error of the call naming "rules". */
    char *receipt = raw_case(&v, "cases", 0, "receipt"), *a = NULL, *b = NULL, *out = NULL;
    CHECK(motcua_receipt_check(receipt, NULL, &a) == MOTCUA_OK &&
              motcua_receipt_check(receipt, "{\"separate_kinds\":true,\"max_number\":99999999}", &b) == MOTCUA_OK && streq(a, b),
          "default rules");
    CHECK(motcua_receipt_check(receipt, "{\"max_number\":1}", &out) == MOTCUA_OK && strstr(out, "\"valid\":false") && strstr(out, "6202"),
          "max_number 1: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_receipt_check(receipt, "{\"separate\":false}", &out) == MOTCUA_ERR_INVALID_ARGUMENT &&
              error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "rules"),
          "unknown rule: %s", out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_receipt_check(receipt, "{\"max_number\":", &out) == MOTCUA_ERR_INVALID_ARGUMENT && error_json(out, MOTCUA_ERR_INVALID_ARGUMENT, "rules"),
          "malformed rules: %s", out ? out : "(null)");
    motcua_string_free(out);
    motcua_string_free(a);
    motcua_string_free(b);
    free(receipt);
    unload(v);
}

/* --- boundary -------------------------------------------------------------------------------------------------- */

static void boundary(void) {
    const char *bad = "\xff\xfe";
    char *out = NULL, *msg = NULL;
    uint8_t *data = NULL;
    size_t len = 0;
    bool ok = false;
    int64_t amount = 1;
    const char *query = "{\"LoaiBanTin\":\"QUERY\"}", *poll = "{\"initiated_at\":\"2026-11-24T15:30:00\",\"now\":\"2026-11-24T15:30:00\"}";

    CHECK(motcua_qr_parse(NULL, true, &out) == MOTCUA_ERR_NULL_POINTER, "qr_parse: NULL payload");
    CHECK(motcua_qr_parse("000201", true, NULL) == MOTCUA_ERR_NULL_POINTER, "qr_parse: NULL out");
    CHECK(motcua_qr_parse(bad, false, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "qr_parse: bad UTF-8");
    CHECK(motcua_qr_parse("", true, &out) == MOTCUA_OK && strstr(out, "\"valid\":false"), "qr_parse: empty payload is a report");
    motcua_string_free(out);
    out = NULL;

    CHECK(motcua_qr_build(NULL, &out, &msg) == MOTCUA_ERR_NULL_POINTER, "qr_build: NULL request");
    CHECK(motcua_qr_build("{}", NULL, &msg) == MOTCUA_ERR_NULL_POINTER, "qr_build: NULL out");
    CHECK(motcua_qr_build(bad, &out, &msg) == MOTCUA_ERR_INVALID_UTF8 && out == NULL && msg == NULL, "qr_build: bad UTF-8");

    CHECK(motcua_qr_svg(NULL, 4, &out, NULL) == MOTCUA_ERR_NULL_POINTER, "qr_svg: NULL payload");
    CHECK(motcua_qr_svg("x", 4, NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "qr_svg: NULL out");
    CHECK(motcua_qr_svg(bad, 4, &out, NULL) == MOTCUA_ERR_INVALID_UTF8, "qr_svg: bad UTF-8");
    CHECK(motcua_qr_png(NULL, 4, &data, &len, NULL) == MOTCUA_ERR_NULL_POINTER, "qr_png: NULL payload");
    CHECK(motcua_qr_png("x", 4, NULL, &len, NULL) == MOTCUA_ERR_NULL_POINTER, "qr_png: NULL data");
    CHECK(motcua_qr_png("x", 4, &data, NULL, NULL) == MOTCUA_ERR_NULL_POINTER && data == NULL, "qr_png: NULL len");
    CHECK(motcua_qr_png(bad, 4, &data, &len, NULL) == MOTCUA_ERR_INVALID_UTF8 && data == NULL, "qr_png: bad UTF-8");

    CHECK(motcua_pay_sign(NULL, query, "s", &out) == MOTCUA_ERR_NULL_POINTER, "sign: NULL message");
    CHECK(motcua_pay_sign("QUERY", NULL, "s", &out) == MOTCUA_ERR_NULL_POINTER, "sign: NULL json");
    CHECK(motcua_pay_sign("QUERY", query, NULL, &out) == MOTCUA_ERR_NULL_POINTER, "sign: NULL secret");
    CHECK(motcua_pay_sign("QUERY", query, "s", NULL) == MOTCUA_ERR_NULL_POINTER, "sign: NULL out");
    CHECK(motcua_pay_sign("QUERY", query, bad, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "sign: bad UTF-8 secret");
    CHECK(motcua_pay_sign("QUERY", "{\"MaDoiTac\":\"\xc3\"}", "s", &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "sign: bad UTF-8 json");

    CHECK(motcua_pay_verify(NULL, query, "s", &ok, NULL) == MOTCUA_ERR_NULL_POINTER, "verify: NULL message");
    CHECK(motcua_pay_verify("QUERY", NULL, "s", &ok, NULL) == MOTCUA_ERR_NULL_POINTER, "verify: NULL json");
    CHECK(motcua_pay_verify("QUERY", query, NULL, &ok, NULL) == MOTCUA_ERR_NULL_POINTER, "verify: NULL secret");
    CHECK(motcua_pay_verify("QUERY", query, "s", NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "verify: NULL ok");
    CHECK(motcua_pay_verify(bad, query, "s", &ok, NULL) == MOTCUA_ERR_INVALID_UTF8, "verify: bad UTF-8 message");

    CHECK(motcua_pay_build(NULL, "{}", "s", &out) == MOTCUA_ERR_NULL_POINTER, "build: NULL message");
    CHECK(motcua_pay_build("INIT", NULL, "s", &out) == MOTCUA_ERR_NULL_POINTER, "build: NULL request");
    CHECK(motcua_pay_build("INIT", "{}", NULL, &out) == MOTCUA_ERR_NULL_POINTER, "build: NULL secret");
    CHECK(motcua_pay_build("INIT", "{}", "s", NULL) == MOTCUA_ERR_NULL_POINTER, "build: NULL out");
    CHECK(motcua_pay_build("INIT", bad, "s", &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "build: bad UTF-8");

    CHECK(motcua_pay_check_callback(NULL, "s", &amount, NULL, &out) == MOTCUA_ERR_NULL_POINTER, "callback: NULL json");
    CHECK(motcua_pay_check_callback("{}", NULL, &amount, NULL, &out) == MOTCUA_ERR_NULL_POINTER, "callback: NULL secret");
    CHECK(motcua_pay_check_callback("{}", "s", &amount, NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "callback: NULL out");
    CHECK(motcua_pay_check_callback(bad, "s", &amount, NULL, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "callback: bad UTF-8");
    CHECK(motcua_pay_check_callback("{}", "s", &amount, bad, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "callback: bad UTF-8 previous");

    CHECK(motcua_pay_next_poll(NULL, &out) == MOTCUA_ERR_NULL_POINTER, "poll: NULL request");
    CHECK(motcua_pay_next_poll(poll, NULL) == MOTCUA_ERR_NULL_POINTER, "poll: NULL out");
    CHECK(motcua_pay_next_poll(bad, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "poll: bad UTF-8");

    CHECK(motcua_receipt_check(NULL, NULL, &out) == MOTCUA_ERR_NULL_POINTER, "receipt: NULL json");
    CHECK(motcua_receipt_check("{}", NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "receipt: NULL out");
    CHECK(motcua_receipt_check(bad, NULL, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "receipt: bad UTF-8");
    CHECK(motcua_receipt_check("{}", bad, &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL, "receipt: bad UTF-8 rules");
    CHECK(motcua_receipt_check("{\"template\": ", NULL, &out) == MOTCUA_OK && strstr(out, "\"code\":9004") && strstr(out, "\"field\":\"receipt\""),
          "receipt: not JSON is a report: %s", out ? out : "(null)");
    motcua_string_free(out);

    /* Error names and descriptions of the payment ranges. */
    CHECK(streq(motcua_error_name(MOTCUA_ERR_QR_TOO_LONG), "qr_too_long"), "name 6006");
    CHECK(streq(motcua_error_name(MOTCUA_ERR_PAY_CONFLICT), "pay_conflict"), "name 6107");
    CHECK(streq(motcua_error_name(MOTCUA_ERR_RECEIPT_MIXED_KINDS), "receipt_mixed_kinds"), "name 6205");
    CHECK(streq(motcua_error_name(6000), "unknown"), "6000 is not a code");
    const int codes[] = {6001, 6002, 6003, 6004, 6005, 6006, 6101, 6102, 6103, 6104, 6105, 6106, 6107, 6201, 6202, 6203, 6204, 6205};
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
        CHECK(!streq(motcua_error_name(codes[k]), "unknown") && strlen(motcua_error_description(codes[k])) > 0, "code %d is known", codes[k]);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    vietqr(dir);
    images();
    signatures(dir);
    flows(dir);
    receipts(dir);
    boundary();
    printf("payments: %d qr, %d signature, %d callback, %d poll, %d receipt cases; %d passed, %d failed\n", qr_cases, signature_cases,
           callback_cases, poll_cases, receipt_cases, passed, failed);
    return failed ? 1 : 0;
}
