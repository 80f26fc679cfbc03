/* C suite for reconciliation (đối soát) and status parity (đối chiếu trạng thái): reconciles the shared sample
 * tests/vectors/recon/{dossiers,payments,bank}.csv through motcua_reconcile_files and holds results.jsonl to
 * expected.csv and the control totals to the input; runs every case of tests/vectors/recon/cases.json through
 * motcua_reconcile_files; runs in-memory records through motcua_reconcile_json; runs every case of tests/vectors/parity.json (and a few inline ones) through motcua_parity_json and
 * examples/parity/statuses.csv through motcua_parity_files; checks the error paths (missing file, missing column,
 * malformed JSON, NULL, bad UTF-8). Built with -Wall -Wextra -Werror under AddressSanitizer + UBSan and run under
 * valgrind by tests/c/run.sh.
 *
 * Result rows are read with json_field(), a small extractor for flat objects (the rows of results.jsonl);
 * summaries and parity answers, which nest, are read with cJSON. */
#define _POSIX_C_SOURCE 200809L
#include "motcua.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static const cJSON *get(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

/* Number at a path of object keys (NULL-terminated), or -1 when absent. */
static double num_at(const cJSON *o, const char *const *path) {
    for (; *path && o; path++) o = get(o, *path);
    return cJSON_IsNumber(o) ? o->valuedouble : -1;
}

/* --- a small extractor for flat JSON objects ---------------------------------------------------------------- */

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
    return p;
}

/* Reads the JSON string at p (at its opening quote) into buf (cap bytes, NUL-terminated) when buf is not NULL.
 * Handles every escape; \uXXXX only below 0x80 (enough for these files). Returns the character after the closing
 * quote, or NULL when malformed or too long. */
static const char *read_string(const char *p, char *buf, size_t cap) {
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    if (*p++ != '"') return NULL;
    for (;;) {
        char c = *p++;
        if (c == '\0') return NULL;
        if (c == '"') break;
        if (c == '\\') {
            switch (c = *p++) {
            case '"': case '\\': case '/': break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'u': {
                unsigned v = 0;
                for (int i = 0; i < 4; i++, p++) {
                    const char *digit = *p ? strchr(hex, tolower((unsigned char)*p)) : NULL;
                    if (!digit) return NULL;
                    v = v * 16 + (unsigned)(digit - hex);
                }
                if (v >= 0x80) return NULL;
                c = (char)v;
                break;
            }
            default: return NULL;
            }
        }
        if (buf) {
            if (n + 1 >= cap) return NULL;
            buf[n++] = c;
        }
    }
    if (buf) buf[n] = '\0';
    return p;
}

/* Past the JSON value at p (any value, nested ones included), or NULL when malformed. */
static const char *skip_value(const char *p) {
    if (*p == '"') return read_string(p, NULL, 0);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (*p) {
            if (*p == '"') {
                if (!(p = read_string(p, NULL, 0))) return NULL;
                continue;
            }
            if (*p == '{' || *p == '[') depth++;
            if ((*p == '}' || *p == ']') && --depth == 0) return p + 1;
            p++;
        }
        return NULL;
    }
    const char *start = p;
    while (*p && !strchr(",}] \n\r\t", *p)) p++;
    return p > start ? p : NULL;
}

/* Member `key` of the top-level object at `obj`: a string value is unescaped into buf, any other value (number,
 * true, false, null, object, array) is copied verbatim. Returns 1 for a string, 2 for another value, 0 when the key
 * is absent, -1 when the text is malformed or the value does not fit in cap bytes. */
static int json_field(const char *obj, const char *key, char *buf, size_t cap) {
    char name[64];
    const char *p = skip_ws(obj);
    if (*p++ != '{') return -1;
    p = skip_ws(p);
    if (*p == '}') return 0;
    for (;;) {
        if (!(p = read_string(p, name, sizeof name))) return -1;
        p = skip_ws(p);
        if (*p++ != ':') return -1;
        p = skip_ws(p);
        const char *end = skip_value(p);
        if (!end) return -1;
        if (strcmp(name, key) == 0) {
            if (*p == '"') return read_string(p, buf, cap) ? 1 : -1;
            size_t n = (size_t)(end - p);
            if (n + 1 > cap) return -1;
            memcpy(buf, p, n);
            buf[n] = '\0';
            return 2;
        }
        p = skip_ws(end);
        if (*p == '}') return 0;
        if (*p++ != ',') return -1;
        p = skip_ws(p);
    }
}

static void extractor(void) {
    char b[64];
    const char *o = "{\"a\": \"x\\\"y\\\\\", \"n\":{\"a\":\"inner\",\"s\":\"}\\\"{\"}, \"k\" : -12.5e3 , \"t\":true,"
                    "\"u\":\"\\u0041\\/\\n\",\"l\":[1,\"]\",{}],\"z\":null}";
    CHECK(json_field(o, "a", b, sizeof b) == 1 && streq(b, "x\"y\\"), "extractor: escaped quote and backslash: %s", b);
    CHECK(json_field(o, "k", b, sizeof b) == 2 && streq(b, "-12.5e3"), "extractor: number: %s", b);
    CHECK(json_field(o, "t", b, sizeof b) == 2 && streq(b, "true"), "extractor: literal");
    CHECK(json_field(o, "u", b, sizeof b) == 1 && streq(b, "A/\n"), "extractor: \\u, \\/ and \\n");
    CHECK(json_field(o, "n", b, sizeof b) == 2 && streq(b, "{\"a\":\"inner\",\"s\":\"}\\\"{\"}"), "extractor: nested: %s", b);
    CHECK(json_field(o, "z", b, sizeof b) == 2 && streq(b, "null"), "extractor: null after nested values");
    CHECK(json_field(o, "s", b, sizeof b) == 0, "extractor: keys of nested objects are not members");
    CHECK(json_field("{}", "a", b, sizeof b) == 0, "extractor: empty object");
    CHECK(json_field("{\"a\":\"\\u004z\"}", "a", b, sizeof b) == -1, "extractor: bad \\u escape");
    CHECK(json_field("{\"a\":\"abc", "a", b, sizeof b) == -1, "extractor: unterminated string");
    CHECK(json_field("{\"a\":\"abcdef\"}", "a", b, 4) == -1, "extractor: too long for the buffer");
    CHECK(json_field("{\"a\" 1}", "a", b, sizeof b) == -1, "extractor: missing colon");
}

/* --- temporary files ---------------------------------------------------------------------------------------- */

static char tmp_dir[256];

static void tmp_path(char *buf, size_t cap, const char *name) { snprintf(buf, cap, "%s/%s", tmp_dir, name); }

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static const char *const tmp_names[] = {"results.jsonl", "memory.jsonl", "bank_no_noi_dung.csv", "parity.jsonl",
                                        "dossiers.jsonl", "payments.jsonl", "bank.jsonl", "statuses.txt",
                                        "dossiers.csv",   "payments.csv",   "bank.csv",   NULL};

static void tmp_cleanup(void) {
    char path[512];
    for (const char *const *n = tmp_names; *n; n++) {
        tmp_path(path, sizeof path, *n);
        unlink(path);
    }
    rmdir(tmp_dir);
}

/* --- reconcile_files over the shared sample ----------------------------------------------------------------- */

typedef struct {
    char source[16], id[128], class_[32], ma_ho_so[64], ma_tham_chieu[128];
    int trang_thai_gd; /* -1 when absent */
    int seen;          /* matched by an expected row */
} Row;

static int row_cmp(const void *a, const void *b) {
    const Row *x = a, *y = b;
    int c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->id, y->id);
}

/* Reads results.jsonl into rows sorted by (source, id); returns the count (exits 2 on a malformed line). */
static size_t load_results(const char *path, Row **out) {
    char *text = read_file(path, NULL);
    size_t cap = 1024, n = 0;
    Row *rows = malloc(cap * sizeof *rows);
    char num[32];
    int line = 0;
    for (char *p = text; *p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        if (*p) {
            if (n == cap) rows = realloc(rows, (cap *= 2) * sizeof *rows);
            Row *r = &rows[n++];
            int ok = json_field(p, "source", r->source, sizeof r->source) == 1 &&
                     json_field(p, "id", r->id, sizeof r->id) == 1 &&
                     json_field(p, "class", r->class_, sizeof r->class_) == 1 &&
                     json_field(p, "ma_ho_so", r->ma_ho_so, sizeof r->ma_ho_so) == 1 &&
                     json_field(p, "ma_tham_chieu", r->ma_tham_chieu, sizeof r->ma_tham_chieu) == 1;
            int t = json_field(p, "trang_thai_gd", num, sizeof num);
            r->trang_thai_gd = t == 2 ? atoi(num) : -1;
            r->seen = 0;
            if (!ok || t < 0) {
                fprintf(stderr, "%s:%d: unreadable result row: %s\n", path, line, p);
                exit(2);
            }
        }
        if (!nl) break;
        p = nl + 1;
    }
    free(text);
    qsort(rows, n, sizeof *rows, row_cmp);
    *out = rows;
    return n;
}

/* Splits one line of expected.csv (no quoted fields in that file) into its 5 columns. */
static int split5(char *line, char **f) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == ',') {
            *p = '\0';
            if (n == 5) return -1;
            f[n++] = p + 1;
        }
    return n;
}

static void reconcile_sample(const char *dir) {
    char d[512], p[512], b[512], e[512], out[512];
    snprintf(d, sizeof d, "%s/recon/dossiers.csv", dir);
    snprintf(p, sizeof p, "%s/recon/payments.csv", dir);
    snprintf(b, sizeof b, "%s/recon/bank.csv", dir);
    snprintf(e, sizeof e, "%s/recon/expected.csv", dir);
    tmp_path(out, sizeof out, "results.jsonl");

    char *summary = NULL;
    int rc = motcua_reconcile_files(d, p, b, out, NULL, &summary);
    CHECK(rc == MOTCUA_OK && summary, "reconcile_files: rc %d, %s", rc, summary ? summary : "(null)");
    if (rc != MOTCUA_OK || !summary) {
        motcua_string_free(summary);
        return;
    }

    /* Control totals: bank and payment rows and đồng out equal in; every dossier row loaded. */
    cJSON *s = cJSON_Parse(summary);
    CHECK(s != NULL, "summary parses: %s", summary);
    const char *bank_in_rows[] = {"input", "bank", "rows", NULL};
    CHECK(num_at(s, bank_in_rows) == 1388, "summary: 1388 bank rows in, got %.0f", num_at(s, bank_in_rows));
    const char *pay_in_rows[] = {"input", "payment", "rows", NULL};
    CHECK(num_at(s, pay_in_rows) == 1643, "summary: 1643 payment rows in, got %.0f", num_at(s, pay_in_rows));
    const char *sources[] = {"bank", "payment"};
    for (int k = 0; k < 2; k++) {
        double rows = 0, amount = 0;
        const cJSON *cls;
        cJSON_ArrayForEach(cls, get(get(s, "output"), sources[k])) {
            rows += get(cls, "rows")->valuedouble;
            amount += get(cls, "amount")->valuedouble;
        }
        const cJSON *in = get(get(s, "input"), sources[k]);
        CHECK(in && rows == get(in, "rows")->valuedouble && amount == get(in, "amount")->valuedouble,
              "summary: %s out (%.0f rows, %.0f dong) equals in", sources[k], rows, amount);
    }
    const char *dossier_rows[] = {"dossier_rows", NULL}, *loaded[] = {"dossiers_loaded", NULL};
    CHECK(num_at(s, dossier_rows) == 2000 && num_at(s, loaded) == 2000, "summary: 2000 dossier rows loaded");
    cJSON_Delete(s);
    motcua_string_free(summary);

    /* results.jsonl against expected.csv. */
    Row *rows;
    size_t n = load_results(out, &rows);
    size_t bank_rows = 0, successful = 0, expected_bank = 0, expected_payment = 0;
    for (size_t i = 0; i < n; i++) {
        bank_rows += streq(rows[i].source, "bank");
        successful += streq(rows[i].source, "payment") && rows[i].trang_thai_gd == 1;
        CHECK(!streq(rows[i].source, "payment") || rows[i].trang_thai_gd >= 0, "payment row %s has trang_thai_gd",
              rows[i].id);
    }
    CHECK(n == 1388 + 1643, "results.jsonl: one row per bank and payment record (no bad dossier): %zu", n);
    CHECK(bank_rows == 1388, "results.jsonl: 1388 bank rows, got %zu", bank_rows);

    char *text = read_file(e, NULL);
    int line = 0, mismatches = 0;
    for (char *q = text; *q;) {
        char *nl = strchr(q, '\n');
        if (nl) *nl = '\0';
        size_t len = strlen(q);
        if (len && q[len - 1] == '\r') q[len - 1] = '\0';
        if (++line > 1 && *q) {
            char *f[5];
            if (split5(q, f) != 5) {
                CHECK(0, "expected.csv:%d: not 5 columns", line);
            } else {
                Row key;
                snprintf(key.source, sizeof key.source, "%s", f[0]);
                snprintf(key.id, sizeof key.id, "%s", f[1]);
                Row *r = bsearch(&key, rows, n, sizeof *rows, row_cmp);
                expected_bank += streq(f[0], "bank");
                expected_payment += streq(f[0], "payment");
                int same = r && !r->seen && streq(r->class_, f[2]) && streq(r->ma_ho_so, f[3]) &&
                           streq(r->ma_tham_chieu, f[4]) && (!streq(f[0], "payment") || r->trang_thai_gd == 1);
                if (r) r->seen = 1;
                if (!same && mismatches++ < 10)
                    CHECK(0, "expected.csv:%d %s %s: want %s/%s/%s, got %s/%s/%s", line, f[0], f[1], f[2], f[3], f[4],
                          r ? r->class_ : "(no row)", r ? r->ma_ho_so : "", r ? r->ma_tham_chieu : "");
            }
        }
        if (!nl) break;
        q = nl + 1;
    }
    free(text);
    CHECK(mismatches == 0, "expected.csv: %d rows differ", mismatches);
    CHECK(line - 1 == 2602, "expected.csv: 2602 rows, read %d", line - 1);
    CHECK(expected_bank == bank_rows, "every bank row is expected (%zu vs %zu)", expected_bank, bank_rows);
    CHECK(expected_payment == successful, "every successful payment is expected (%zu vs %zu)", expected_payment,
          successful);
    free(rows);

    /* The same run with explicit default rules gives the same totals. */
    rc = motcua_reconcile_files(d, p, b, out, "{\"window_hours\": 96}", &summary);
    s = cJSON_Parse(summary);
    CHECK(rc == MOTCUA_OK && num_at(s, bank_in_rows) == 1388, "reconcile_files with rules_json: rc %d", rc);
    cJSON_Delete(s);
    motcua_string_free(summary);
}

/* --- reconcile_json with in-memory records ------------------------------------------------------------------ */

#define DOSSIER                                                                                                     \
    "{\"ma_ho_so\":\"000.00.14.H40-260609-0001\",\"ma_tthc\":\"1.000494\",\"ma_don_vi\":\"000.00.14.H40\","         \
    "\"ngay_tiep_nhan\":\"20260609093500\",\"tong_phi\":30000,\"tk_thu_huong\":\"303794335041\","                  \
    "\"ma_nh_thu_huong\":\"970422\"}"
#define PAYMENT                                                                                                     \
    "{\"ma_tham_chieu\":\"dvc0000014H40260609000120260610011800\",\"ma_giao_dich\":\"PG348636108057\","            \
    "\"ma_ho_so\":\"000.00.14.H40-260609-0001\",\"so_tien\":30000,\"thoi_gian_gd\":\"20260610011800\","            \
    "\"trang_thai_gd\":1,\"tk_thu_huong\":\"303794335041\",\"ma_nh_thu_huong\":\"970422\"}"
#define CREDIT                                                                                                      \
    "{\"ma_giao_dich_nh\":\"NH000000001\",\"thoi_gian\":\"2026-06-10 02:36:12\",\"so_tien\":\"30000\","            \
    "\"tk_thu_huong\":\"303794335041\",\"noi_dung\":\"thanh toan \\\"le phi\\\" "                                  \
    "dvc0000014H40260609000120260610011800 \\\\ DO DUC AN\"}"
#define BAD_AMOUNT                                                                                                  \
    "{\"ma_giao_dich_nh\":\"NH000000002\",\"thoi_gian\":\"2026-06-10 03:00:00\",\"so_tien\":\"1.5\","              \
    "\"tk_thu_huong\":\"303794335041\",\"noi_dung\":\"le phi\"}"

/* The row of `source` and `id` in a reconcile_json answer. */
static const cJSON *find_row(const cJSON *answer, const char *source, const char *id) {
    const cJSON *r;
    cJSON_ArrayForEach(r, get(answer, "rows")) {
        if (streq(cJSON_GetStringValue(get(r, "source")), source) && streq(cJSON_GetStringValue(get(r, "id")), id))
            return r;
    }
    return NULL;
}

static const char *class_of(const cJSON *row) { return row ? cJSON_GetStringValue(get(row, "class")) : NULL; }

static void reconcile_memory(void) {
    const char *input = "{\"dossiers\":[" DOSSIER "],\"payments\":[" PAYMENT "],\"bank\":[" CREDIT "," BAD_AMOUNT
                        "],\"rules\":{\"window_hours\":96}}";
    char *out = NULL;
    int rc = motcua_reconcile_json(input, &out);
    cJSON *a = out ? cJSON_Parse(out) : NULL;
    CHECK(rc == MOTCUA_OK && a, "reconcile_json: rc %d, %s", rc, out ? out : "(null)");
    const cJSON *credit = find_row(a, "bank", "NH000000001");
    CHECK(streq(class_of(credit), "matched") &&
              streq(cJSON_GetStringValue(get(credit, "ma_tham_chieu")), "dvc0000014H40260609000120260610011800") &&
              streq(cJSON_GetStringValue(get(credit, "ma_ho_so")), "000.00.14.H40-260609-0001"),
          "reconcile_json: the credit naming the reference is matched: %s", out);
    const cJSON *payment = find_row(a, "payment", "dvc0000014H40260609000120260610011800");
    CHECK(streq(class_of(payment), "matched") && get(payment, "trang_thai_gd") &&
              get(payment, "trang_thai_gd")->valuedouble == 1,
          "reconcile_json: the successful attempt is matched");
    const cJSON *bad = find_row(a, "bank", "NH000000002");
    CHECK(streq(class_of(bad), "invalid_input") && get(get(bad, "error"), "code") &&
              get(get(bad, "error"), "code")->valuedouble == MOTCUA_ERR_RECON_AMOUNT &&
              streq(cJSON_GetStringValue(get(get(bad, "error"), "field")), "so_tien"),
          "reconcile_json: so_tien \"1.5\" is invalid_input 7003");
    const char *bank_in[] = {"summary", "input", "bank", "rows", NULL};
    CHECK(num_at(a, bank_in) == 2, "reconcile_json: summary counts 2 bank rows");
    /* The flat-row extractor agrees with cJSON on a row of the answer. */
    char *row_text = credit ? cJSON_PrintUnformatted(credit) : NULL;
    char cls[32], ref[128];
    CHECK(row_text && json_field(row_text, "class", cls, sizeof cls) == 1 && streq(cls, "matched") &&
              json_field(row_text, "ma_tham_chieu", ref, sizeof ref) == 1 &&
              streq(ref, "dvc0000014H40260609000120260610011800"),
          "extractor reads a reconcile_json row");
    free(row_text);
    cJSON_Delete(a);
    motcua_string_free(out);

    /* A dossier code of separators only names nothing: invalid_input 7002 on ma_ho_so. */
    out = NULL;
    rc = motcua_reconcile_json("{\"dossiers\":[{\"ma_ho_so\":\"--\",\"ngay_tiep_nhan\":\"20260609080000\","
                               "\"tong_phi\":30000,\"tk_thu_huong\":\"1\"}]}",
                               &out);
    a = out ? cJSON_Parse(out) : NULL;
    bad = find_row(a, "dossier", "--");
    CHECK(rc == MOTCUA_OK && streq(class_of(bad), "invalid_input") && get(get(bad, "error"), "code") &&
              get(get(bad, "error"), "code")->valuedouble == MOTCUA_ERR_RECON_FIELD &&
              streq(cJSON_GetStringValue(get(get(bad, "error"), "field")), "ma_ho_so"),
          "reconcile_json: ma_ho_so \"--\" is invalid_input 7002: %s", out ? out : "(null)");
    cJSON_Delete(a);
    motcua_string_free(out);

    /* A record that is not an object is a row, not an error; empty input is an empty answer. */
    out = NULL;
    rc = motcua_reconcile_json("{\"bank\":[42]}", &out);
    a = cJSON_Parse(out);
    CHECK(rc == MOTCUA_OK && streq(class_of(cJSON_GetArrayItem(get(a, "rows"), 0)), "invalid_input"),
          "reconcile_json: a non-object record is an invalid_input row: %s", out);
    cJSON_Delete(a);
    motcua_string_free(out);
    out = NULL;
    rc = motcua_reconcile_json("{}", &out);
    a = cJSON_Parse(out);
    CHECK(rc == MOTCUA_OK && cJSON_GetArraySize(get(a, "rows")) == 0, "reconcile_json: {} gives no rows");
    cJSON_Delete(a);
    motcua_string_free(out);

    /* Failures of the call: code returned, {"error": {...}} in *out. */
    const char *bad_inputs[] = {"{\"bank\": [", "\"bank\"", "{\"banks\": []}", "{\"rules\": {\"window_hours\": 0}}",
                                "{\"bank\": {}}"};
    for (size_t k = 0; k < sizeof bad_inputs / sizeof *bad_inputs; k++) {
        out = NULL;
        rc = motcua_reconcile_json(bad_inputs[k], &out);
        a = out ? cJSON_Parse(out) : NULL;
        const cJSON *code = get(get(a, "error"), "code");
        CHECK(rc == MOTCUA_ERR_INVALID_ARGUMENT && code && code->valuedouble == MOTCUA_ERR_INVALID_ARGUMENT,
              "reconcile_json(%s): rc %d, %s", bad_inputs[k], rc, out ? out : "(null)");
        cJSON_Delete(a);
        motcua_string_free(out);
    }
    out = NULL;
    CHECK(motcua_reconcile_json(NULL, &out) == MOTCUA_ERR_NULL_POINTER && out == NULL, "reconcile_json: NULL input");
    CHECK(motcua_reconcile_json("{}", NULL) == MOTCUA_ERR_NULL_POINTER, "reconcile_json: NULL out");
    CHECK(motcua_reconcile_json("{\"bank\":[{\"noi_dung\":\"\xff\"}]}", &out) == MOTCUA_ERR_INVALID_UTF8 && out == NULL,
          "reconcile_json: bad UTF-8");

    /* The same records as JSON Lines files: the format follows the extension. */
    char d[512], p[512], b[512], res[512];
    tmp_path(d, sizeof d, "dossiers.jsonl");
    tmp_path(p, sizeof p, "payments.jsonl");
    tmp_path(b, sizeof b, "bank.jsonl");
    tmp_path(res, sizeof res, "memory.jsonl");
    write_text(d, DOSSIER "\n");
    write_text(p, PAYMENT "\n");
    write_text(b, CREDIT "\n" BAD_AMOUNT "\n");
    char *summary = NULL;
    rc = motcua_reconcile_files(d, p, b, res, NULL, &summary);
    CHECK(rc == MOTCUA_OK, "reconcile_files over JSON Lines: rc %d, %s", rc, summary ? summary : "(null)");
    motcua_string_free(summary);
    Row *rows;
    size_t n = load_results(res, &rows);
    Row key = {.source = "bank", .id = "NH000000001"};
    Row *r = bsearch(&key, rows, n, sizeof *rows, row_cmp);
    CHECK(n == 3 && r && streq(r->class_, "matched"), "JSON Lines files: 3 rows, the credit matched");
    snprintf(key.id, sizeof key.id, "NH000000002");
    r = bsearch(&key, rows, n, sizeof *rows, row_cmp);
    CHECK(r && streq(r->class_, "invalid_input"), "JSON Lines files: bad amount is invalid_input");
    free(rows);
}

/* --- reconcile_files failures ------------------------------------------------------------------------------- */

static void reconcile_errors(const char *dir) {
    char d[512], p[512], b[512], missing[512], nocol[512], out[512], bad_out[512];
    snprintf(d, sizeof d, "%s/recon/dossiers.csv", dir);
    snprintf(p, sizeof p, "%s/recon/payments.csv", dir);
    snprintf(b, sizeof b, "%s/recon/bank.csv", dir);
    tmp_path(missing, sizeof missing, "no-such-file.csv");
    tmp_path(nocol, sizeof nocol, "bank_no_noi_dung.csv");
    tmp_path(out, sizeof out, "results.jsonl");
    tmp_path(bad_out, sizeof bad_out, "no-such-dir/results.jsonl");
    write_text(nocol, "ma_giao_dich_nh,thoi_gian,so_tien,tk_thu_huong\nNH1,2026-06-10 02:36:12,30000,303794335041\n");

    struct {
        const char *what, *d, *p, *b, *out, *rules, *field;
        int code;
    } cases[] = {
        {"missing bank file", d, p, missing, out, NULL, "bank", MOTCUA_ERR_INVALID_ARGUMENT},
        {"missing dossiers file", missing, p, b, out, NULL, "dossiers", MOTCUA_ERR_INVALID_ARGUMENT},
        {"bank without noi_dung", d, p, nocol, out, NULL, "noi_dung", MOTCUA_ERR_RECON_HEADER},
        {"unwritable out", d, p, b, bad_out, NULL, "out", MOTCUA_ERR_INVALID_ARGUMENT},
        {"malformed rules", d, p, b, out, "{\"window_hours\":", "rules", MOTCUA_ERR_INVALID_ARGUMENT},
        {"window_hours 0", d, p, b, out, "{\"window_hours\": 0}", "window_hours", MOTCUA_ERR_INVALID_ARGUMENT},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *summary = NULL;
        int rc = motcua_reconcile_files(cases[k].d, cases[k].p, cases[k].b, cases[k].out, cases[k].rules, &summary);
        cJSON *a = summary ? cJSON_Parse(summary) : NULL;
        const cJSON *err = get(a, "error");
        const cJSON *code = get(err, "code");
        const char *field = cJSON_GetStringValue(get(err, "field"));
        const char *message = cJSON_GetStringValue(get(err, "message"));
        CHECK(rc == cases[k].code && code && code->valuedouble == cases[k].code &&
                  ((field && strstr(field, cases[k].field)) || (message && strstr(message, cases[k].field))),
              "reconcile_files, %s: rc %d, %s", cases[k].what, rc, summary ? summary : "(null)");
        cJSON_Delete(a);
        motcua_string_free(summary);
    }
    char *summary = NULL;
    CHECK(motcua_reconcile_files(d, NULL, b, out, NULL, &summary) == MOTCUA_ERR_NULL_POINTER && summary == NULL,
          "reconcile_files: NULL payments");
    CHECK(motcua_reconcile_files(d, p, b, NULL, NULL, &summary) == MOTCUA_ERR_NULL_POINTER && summary == NULL,
          "reconcile_files: NULL out_path");
    CHECK(motcua_reconcile_files(d, p, b, out, NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "reconcile_files: NULL summary");
    CHECK(motcua_reconcile_files(d, p, b, out, "\xff", &summary) == MOTCUA_ERR_INVALID_UTF8 && summary == NULL,
          "reconcile_files: bad UTF-8 rules");
}

/* --- status parity ------------------------------------------------------------------------------------------ */

/* `want` matched as a subset of `got`: objects by the keys given, arrays element by element with the same length,
 * scalars equal (the rule of tests/vectors/parity.json). */
static int subset(const cJSON *want, const cJSON *got) {
    if (!got) return 0;
    if (cJSON_IsObject(want)) {
        const cJSON *w;
        if (!cJSON_IsObject(got)) return 0;
        cJSON_ArrayForEach(w, want) {
            if (!subset(w, get(got, w->string))) return 0;
        }
        return 1;
    }
    if (cJSON_IsArray(want)) {
        if (!cJSON_IsArray(got) || cJSON_GetArraySize(want) != cJSON_GetArraySize(got)) return 0;
        const cJSON *g = got->child, *w;
        cJSON_ArrayForEach(w, want) {
            if (!subset(w, g)) return 0;
            g = g->next;
        }
        return 1;
    }
    if (cJSON_IsString(want)) return cJSON_IsString(got) && strcmp(want->valuestring, got->valuestring) == 0;
    if (cJSON_IsNumber(want)) return cJSON_IsNumber(got) && want->valuedouble == got->valuedouble;
    if (cJSON_IsBool(want)) return cJSON_IsBool(got) && cJSON_IsTrue(want) == cJSON_IsTrue(got);
    return cJSON_IsNull(want) && cJSON_IsNull(got);
}

/* Each row of `rows` has exactly the keys of the same element of `keys` (an array of arrays of names), in any
 * order. */
static int keys_exact(const cJSON *keys, const cJSON *rows) {
    if (!cJSON_IsArray(rows) || cJSON_GetArraySize(keys) != cJSON_GetArraySize(rows)) return 0;
    const cJSON *row = rows->child, *want;
    cJSON_ArrayForEach(want, keys) {
        if (!cJSON_IsObject(row) || cJSON_GetArraySize(row) != cJSON_GetArraySize(want)) return 0;
        const cJSON *k;
        cJSON_ArrayForEach(k, want) {
            if (!cJSON_IsString(k) || !get(row, k->valuestring)) return 0;
        }
        row = row->next;
    }
    return 1;
}

/* A case's `expect` against what a run gave: every key of `want` a subset of the same key of `got`, but `keys`,
 * which names each row's keys exactly (the rule of tests/vectors/recon/cases.json). */
static int expect_run(const cJSON *want, const cJSON *got) {
    const cJSON *w;
    cJSON_ArrayForEach(w, want) {
        int ok = strcmp(w->string, "keys") == 0 ? keys_exact(w, get(got, "rows")) : subset(w, get(got, w->string));
        if (!ok) return 0;
    }
    return 1;
}

/* The JSON document `dir`/`name` (exits 2 when it cannot be parsed). */
static cJSON *load_json(const char *dir, const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = read_file(path, NULL);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    if (!doc) {
        fprintf(stderr, "cannot parse %s\n", path);
        exit(2);
    }
    return doc;
}

/* Every case of tests/vectors/recon/cases.json through motcua_reconcile_files: the rows of results.jsonl and the
 * control totals, or the error of the whole run, matched as a subset. */
static int recon_cases;

static void recon_case_vectors(const char *dir) {
    cJSON *doc = load_json(dir, "recon/cases.json");
    static const char *const inputs[] = {"dossiers", "payments", "bank"};
    char files[3][512], out[512];
    tmp_path(out, sizeof out, "results.jsonl");
    const cJSON *c;
    cJSON_ArrayForEach(c, get(doc, "cases")) {
        const char *name = cJSON_GetStringValue(get(c, "name"));
        const char *format = cJSON_GetStringValue(get(c, "format"));
        for (int k = 0; k < 3; k++) {
            char file[64];
            snprintf(file, sizeof file, "%s.%s", inputs[k], format);
            tmp_path(files[k], sizeof files[k], file);
            write_text(files[k], cJSON_GetStringValue(get(c, inputs[k])));
        }
        unlink(out);
        char *summary = NULL;
        /* The case's rules JSON as given (NULL: defaults). */
        char *rules = get(c, "rules") ? cJSON_PrintUnformatted(get(c, "rules")) : NULL;
        int rc = motcua_reconcile_files(files[0], files[1], files[2], out, rules, &summary);
        cJSON_free(rules);
        cJSON *got = cJSON_CreateObject();
        cJSON_AddItemToObject(got, "summary", summary ? cJSON_Parse(summary) : cJSON_CreateNull());
        const cJSON *want = get(c, "expect");
        if (get(want, "error")) {
            CHECK(rc != MOTCUA_OK && subset(get(want, "error"), get(get(got, "summary"), "error")),
                  "cases.json \"%s\": rc %d, %s", name, rc, summary ? summary : "(null)");
        } else {
            cJSON *rows = cJSON_AddArrayToObject(got, "rows");
            /* One row per line; an empty line (none is expected) parses to nothing and shortens the array. */
            char *results = rc == MOTCUA_OK ? read_file(out, NULL) : NULL;
            for (char *line = results; line && *line;) {
                char *nl = strchr(line, '\n');
                if (nl) *nl = '\0';
                cJSON_AddItemToArray(rows, cJSON_Parse(line));
                line = nl ? nl + 1 : NULL;
            }
            free(results);
            char *printed = cJSON_PrintUnformatted(got);
            CHECK(rc == MOTCUA_OK && expect_run(want, got), "cases.json \"%s\": rc %d, %s", name, rc, printed);
            free(printed);
        }
        cJSON_Delete(got);
        motcua_string_free(summary);
        recon_cases++;
    }
    cJSON_Delete(doc);
    CHECK(recon_cases >= 27, "cases.json: %d cases", recon_cases);
}

static int parity_cases;

static void parity_vectors(const char *dir) {
    cJSON *doc = load_json(dir, "parity.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, get(doc, "cases")) {
        const char *name = cJSON_GetStringValue(get(c, "name"));
        char *out = NULL;
        int rc = motcua_parity_json(cJSON_GetStringValue(get(c, "input")), cJSON_GetStringValue(get(c, "format")), &out);
        cJSON *got = out ? cJSON_Parse(out) : NULL;
        CHECK(rc == MOTCUA_OK && subset(get(c, "expect"), got), "parity.json \"%s\": rc %d, %s", name, rc,
              out ? out : "(null)");
        cJSON_Delete(got);
        motcua_string_free(out);
        parity_cases++;
    }
    cJSON_Delete(doc);
}

#define STATUS_HEADER "ma_ho_so,system,trang_thai,updated_at\n"

static void parity_inline(const char *root) {
    struct {
        const char *input, *class_, *extra;
    } cases[] = {
        {STATUS_HEADER "000.00.00.H56-250715-0001,portal,4,20250715080000\n"
                       "000.00.00.H56-250715-0001,coordination,4,20250715080500\n"
                       "000.00.00.H56-250715-0001,sectoral,4,2025-07-15 08:10:00\n",
         "consistent", "\"rows_in\":3"},
        {STATUS_HEADER "000.00.00.H56-250715-0002,portal,1,20250715090000\n"
                       "000.00.00.H56-250715-0002,sectoral,2,20250715080000\n",
         "lagging", "\"sync_actions\":1"},
        {STATUS_HEADER "000.00.00.H56-250715-0003,portal,3,20250715090000\n"
                       "000.00.00.H56-250715-0003,sectoral,9,20250715100000\n",
         "conflicting", "\"manual_reviews\":1"},
        {STATUS_HEADER "000.00.00.H56-250715-0004,portl,4,20250715080000\n", "invalid_input", "\"code\":7101"},
        {STATUS_HEADER "000.00.00.H56-250715-0005,portal,2,20250715080000\n"
                       "000.00.00.H56-250715-0005,portal,4,20250715091000\n",
         "superseded", "\"superseded_by\":3"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *out = NULL, want[64];
        snprintf(want, sizeof want, "\"class\":\"%s\"", cases[k].class_);
        int rc = motcua_parity_json(cases[k].input, "csv", &out);
        CHECK(rc == MOTCUA_OK && out && strstr(out, want) && strstr(out, cases[k].extra) &&
                  strstr(out, "\"balanced\":true"),
              "parity inline %s: rc %d, %s", cases[k].class_, rc, out ? out : "(null)");
        motcua_string_free(out);
    }
    char *out = NULL;
    int rc = motcua_parity_json(
        "{\"ma_ho_so\":\"000.00.00.H56-250715-0006\",\"system\":\"portal\",\"trang_thai\":4,\"updated_at\":\"20250715080000\"}\n",
        "jsonl", &out);
    CHECK(rc == MOTCUA_OK && out && strstr(out, "\"class\":\"consistent\""), "parity inline jsonl: %s", out ? out : "(null)");
    motcua_string_free(out);

    /* Failures of the call. */
    out = NULL;
    rc = motcua_parity_json(STATUS_HEADER, "xml", &out);
    CHECK(rc == MOTCUA_ERR_INVALID_ARGUMENT && out && strstr(out, "\"field\":\"format\"") && strstr(out, "\"code\":9004"),
          "parity_json: unknown format: rc %d, %s", rc, out ? out : "(null)");
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_parity_json(NULL, "csv", &out) == MOTCUA_ERR_NULL_POINTER && out == NULL, "parity_json: NULL input");
    CHECK(motcua_parity_json(STATUS_HEADER, NULL, &out) == MOTCUA_ERR_NULL_POINTER && out == NULL, "parity_json: NULL format");
    CHECK(motcua_parity_json(STATUS_HEADER, "csv", NULL) == MOTCUA_ERR_NULL_POINTER, "parity_json: NULL out");
    CHECK(motcua_parity_json(STATUS_HEADER "\xff,portal,4,20250715080000\n", "csv", &out) == MOTCUA_ERR_INVALID_UTF8 &&
              out == NULL,
          "parity_json: bad UTF-8");

    /* Over files. */
    char statuses[512], res[512], txt[512];
    snprintf(statuses, sizeof statuses, "%s/examples/parity/statuses.csv", root);
    tmp_path(res, sizeof res, "parity.jsonl");
    char *summary = NULL;
    rc = motcua_parity_files(statuses, res, &summary);
    cJSON *s = summary ? cJSON_Parse(summary) : NULL;
    const char *total[] = {"entries", "total", NULL}, *rows_in[] = {"rows_in", NULL};
    CHECK(rc == MOTCUA_OK && summary && strstr(summary, "\"balanced\":true") && cJSON_IsTrue(get(s, "balanced")) &&
              num_at(s, rows_in) > 0,
          "parity_files(statuses.csv): rc %d, %s", rc, summary ? summary : "(null)");
    if (rc == MOTCUA_OK) {
        char *written = read_file(res, NULL);
        double lines = 0, rows = 0;
        for (char *q = written; *q;) {
            char *nl = strchr(q, '\n');
            if (nl) *nl = '\0';
            char num[32];
            if (*q) {
                lines++;
                rows += json_field(q, "rows", num, sizeof num) == 2 ? atof(num) : -1e9;
            }
            if (!nl) break;
            q = nl + 1;
        }
        free(written);
        CHECK(lines == num_at(s, total) && rows == num_at(s, rows_in),
              "parity_files: %.0f entries written (summary %.0f) covering %.0f rows (rows_in %.0f)", lines,
              num_at(s, total), rows, num_at(s, rows_in));
    }
    cJSON_Delete(s);
    motcua_string_free(summary);

    char missing[512];
    tmp_path(missing, sizeof missing, "no-such-file.csv");
    tmp_path(txt, sizeof txt, "statuses.txt");
    write_text(txt, STATUS_HEADER);
    const char *bad[] = {missing, txt};
    for (int k = 0; k < 2; k++) {
        summary = NULL;
        rc = motcua_parity_files(bad[k], res, &summary);
        CHECK(rc == MOTCUA_ERR_INVALID_ARGUMENT && summary && strstr(summary, "\"field\":\"statuses\""),
              "parity_files(%s): rc %d, %s", bad[k], rc, summary ? summary : "(null)");
        motcua_string_free(summary);
    }
    summary = NULL;
    CHECK(motcua_parity_files(statuses, NULL, &summary) == MOTCUA_ERR_NULL_POINTER && summary == NULL,
          "parity_files: NULL out_path");
    CHECK(motcua_parity_files(statuses, res, NULL) == MOTCUA_ERR_NULL_POINTER, "parity_files: NULL summary");
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    char root[512];
    snprintf(root, sizeof root, "%s/../..", dir);
    const char *base = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/motcua-recon-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 2;
    }
    extractor();
    reconcile_sample(dir);
    reconcile_memory();
    reconcile_errors(dir);
    recon_case_vectors(dir);
    parity_vectors(dir);
    parity_inline(root);
    tmp_cleanup();
    printf("recon: %d reconciliation cases, %d parity cases; %d passed, %d failed\n", recon_cases, parity_cases, passed,
           failed);
    return failed ? 1 : 0;
}
