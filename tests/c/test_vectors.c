/* C suite: runs the shared vectors (tests/vectors) through libmotcua, plus boundary tests (NULL, bad UTF-8,
 * panics, handles). Built with -Wall -Wextra -Werror under AddressSanitizer by tests/c/run.sh. */
#include "motcua.h"

#include <cjson/cJSON.h>
#include <pthread.h>
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

static const char *str(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *config_of(const cJSON *c, const cJSON *file) {
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(c, "config");
    if (!cfg) cfg = cJSON_GetObjectItemCaseSensitive(file, "config");
    return cJSON_PrintUnformatted(cfg);
}

static void identifiers(const char *dir) {
    cJSON *file = load(dir, "identifiers.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        char *cfg = config_of(c, file);
        char *out = NULL;
        const char *kind = str(c, "kind"), *value = str(c, "value");
        int32_t rc = motcua_check(kind, value, cfg, &out);
        cJSON *r = cJSON_Parse(out);
        int want_valid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "valid"));
        CHECK(r != NULL, "%s %s: output is JSON", kind, value);
        CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "valid")) == want_valid, "%s %s: valid", kind, value);
        if (want_valid) {
            CHECK(rc == MOTCUA_OK, "%s %s: rc %d", kind, value, rc);
            CHECK(strcmp(str(r, "canonical"), str(c, "canonical")) == 0, "%s %s: canonical", kind, value);
            const cJSON *want;
            cJSON_ArrayForEach(want, cJSON_GetObjectItemCaseSensitive(c, "parsed")) {
                const cJSON *got = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "parsed"), want->string);
                int same = got ? cJSON_Compare(got, want, 1) : cJSON_IsNull(want);
                CHECK(same, "%s %s: parsed.%s", kind, value, want->string);
            }
        } else {
            int want_code = cJSON_GetObjectItemCaseSensitive(c, "error_code")->valueint;
            CHECK(rc == want_code, "%s %s: rc %d, want %d", kind, value, rc, want_code);
            const cJSON *err = cJSON_GetObjectItemCaseSensitive(r, "error");
            CHECK(cJSON_GetObjectItemCaseSensitive(err, "code")->valueint == want_code, "%s %s: error.code", kind, value);
        }
        cJSON_Delete(r);
        motcua_string_free(out);
        cJSON_free(cfg);
    }
    cJSON_Delete(file);
}

static void money(const char *dir) {
    cJSON *file = load(dir, "money.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        int64_t v = 0;
        const char *input = str(c, "input");
        int32_t rc = motcua_vnd_parse(input, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "non_negative")), &v);
        const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "value");
        if (want) {
            /* cJSON holds numbers as double: exact beyond 2^53 is checked by the Rust and Python suites. */
            CHECK(rc == MOTCUA_OK && (double)v == want->valuedouble, "money %s: got %lld rc %d", input, (long long)v, rc);
        } else {
            CHECK(rc == cJSON_GetObjectItemCaseSensitive(c, "error_code")->valueint, "money %s: rc %d", input, rc);
        }
    }
    int64_t sum = 0;
    CHECK(motcua_vnd_add(INT64_MAX, 1, &sum) == MOTCUA_ERR_MONEY_OVERFLOW, "overflow is an error");
    CHECK(motcua_vnd_add(50000, 25000, &sum) == MOTCUA_OK && sum == 75000, "add");
    cJSON_Delete(file);
}

static void transitions(const char *dir) {
    cJSON *file = load(dir, "transitions.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        char *out = NULL;
        const char *policy = str(c, "policy");
        int32_t rc = motcua_transition(str(c, "machine"), str(c, "from"), str(c, "paused_from"), str(c, "to"), str(c, "reason"),
                                       cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "admin")),
                                       policy && strcmp(policy, "restart") == 0 ? MOTCUA_RESTART : MOTCUA_RESUME, &out);
        cJSON *r = cJSON_Parse(out);
        const char *want = str(c, "to_state");
        if (want) {
            CHECK(rc == MOTCUA_OK && strcmp(str(r, "state"), want) == 0, "%s %s->%s: %s", str(c, "machine"), str(c, "from"), str(c, "to"), out);
            const char *pf = str(c, "paused_from_after"), *got_pf = str(r, "paused_from");
            CHECK((pf == NULL && got_pf == NULL) || (pf && got_pf && strcmp(pf, got_pf) == 0), "paused_from_after %s", out);
        } else {
            CHECK(rc == cJSON_GetObjectItemCaseSensitive(c, "error_code")->valueint, "%s %s->%s: rc %d %s", str(c, "machine"), str(c, "from"), str(c, "to"), rc, out);
        }
        cJSON_Delete(r);
        motcua_string_free(out);
    }
    cJSON_Delete(file);
}

static int issue_matches(const cJSON *got, const cJSON *want) {
    return cJSON_GetObjectItemCaseSensitive(got, "code")->valueint == cJSON_GetObjectItemCaseSensitive(want, "code")->valueint &&
           strcmp(str(got, "path"), str(want, "path")) == 0;
}

static void sync_payloads(const char *dir) {
    cJSON *file = load(dir, "sync.json");
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        char *cfg = config_of(c, file), *msg = NULL, *out = NULL;
        MotcuaValidator *v = NULL;
        CHECK(motcua_validator_new(cfg, &v, &msg) == MOTCUA_OK, "validator: %s", msg ? msg : "");
        const char *raw = str(c, "raw");
        char *doc = raw ? NULL : cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c, "document"));
        const char *text = raw ? raw : doc;
        size_t records = 0, invalid = 0;
        CHECK(motcua_validator_validate(v, (const uint8_t *)text, strlen(text), 1, &records, &invalid, &out) == MOTCUA_OK, "validate");
        cJSON *reports = cJSON_Parse(out);
        const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "issues");
        const cJSON *got = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(reports, 0), "issues");
        CHECK(records == 1 && cJSON_GetArraySize(reports) == 1, "%s: one record", str(c, "name"));
        CHECK(invalid == (cJSON_GetArraySize(want) > 0 ? 1u : 0u), "%s: invalid count", str(c, "name"));
        CHECK(cJSON_GetArraySize(got) == cJSON_GetArraySize(want), "%s: %d issues, want %d: %s", str(c, "name"),
              cJSON_GetArraySize(got), cJSON_GetArraySize(want), out);
        const cJSON *w;
        cJSON_ArrayForEach(w, want) {
            int found = 0;
            const cJSON *g;
            cJSON_ArrayForEach(g, got) found |= issue_matches(g, w);
            CHECK(found, "%s: missing issue %d at %s", str(c, "name"), cJSON_GetObjectItemCaseSensitive(w, "code")->valueint, str(w, "path"));
        }
        cJSON_Delete(reports);
        motcua_string_free(out);
        motcua_string_free(msg);
        cJSON_free(doc);
        cJSON_free(cfg);
        motcua_validator_free(v);
    }
    cJSON_Delete(file);
}

/* Whether motcua_last_error() holds `code` and `field` (NULL: holds nothing). */
static int last_error_is(int code, const char *field) {
    char *j = motcua_last_error();
    if (!field) {
        int none = j == NULL;
        motcua_string_free(j);
        return none;
    }
    cJSON *o = j ? cJSON_Parse(j) : NULL;
    cJSON *c = cJSON_GetObjectItem(o, "code"), *f = cJSON_GetObjectItem(o, "field"), *m = cJSON_GetObjectItem(o, "message");
    int ok = cJSON_IsNumber(c) && c->valueint == code && cJSON_IsString(f) && strcmp(f->valuestring, field) == 0 &&
             cJSON_IsString(m) && strlen(m->valuestring) > 0;
    if (!ok) fprintf(stderr, "last error: %s\n", j ? j : "(null)");
    cJSON_Delete(o);
    motcua_string_free(j);
    return ok;
}

/* A call from a thread-exit destructor (pthread key), after the library's per-thread storage is gone,
 * still answers (it used to abort the process). */
static pthread_key_t exit_key;
static int rc_at_exit = -1;
static void at_thread_exit(void *p) {
    (void)p;
    int64_t v = 0;
    rc_at_exit = motcua_vnd_parse("x", false, &v);
}
static void *thread_main(void *p) {
    (void)p;
    int64_t v = 0;
    motcua_vnd_parse("x", false, &v); /* sets this thread's last error */
    pthread_setspecific(exit_key, &exit_key);
    return NULL;
}

/* motcua_last_error: the argument a NULL or non-UTF-8 error is about, the field of any other, nothing after a success. */
static void last_error(void) {
    char *out = NULL;
    CHECK(motcua_check(NULL, "1", "{\"today\":\"2026-11-24\"}", &out) == MOTCUA_ERR_NULL_POINTER, "NULL kind");
    CHECK(last_error_is(MOTCUA_ERR_NULL_POINTER, "kind"), "last error names kind");
    CHECK(last_error_is(MOTCUA_ERR_NULL_POINTER, "kind"), "reading it does not clear it");
    CHECK(motcua_check("cccd", "\xff", "{\"today\":\"2026-11-24\"}", &out) == MOTCUA_ERR_INVALID_UTF8, "bad UTF-8");
    CHECK(last_error_is(MOTCUA_ERR_INVALID_UTF8, "value"), "last error names value");
    CHECK(motcua_vnd_parse("1", false, NULL) == MOTCUA_ERR_NULL_POINTER && last_error_is(MOTCUA_ERR_NULL_POINTER, "out"), "NULL out");
    int64_t v = 0;
    CHECK(motcua_vnd_parse("1", false, &v) == MOTCUA_OK && last_error_is(0, NULL), "a success clears it");
    int rc = motcua_vnd_parse("1,5", false, &v);
    CHECK(rc >= 2001 && rc <= 2099 && last_error_is(rc, "amount"), "a money error names the amount: %d", rc);
    rc = motcua_check("cccd", "03809000000", "{\"today\":\"2026-11-24\"}", &out);
    CHECK(rc != MOTCUA_OK && last_error_is(rc, "cccd"), "an invalid identifier: %d", rc);
    motcua_string_free(out);
    out = NULL;
    CHECK(motcua_reconcile_json("{\"bank\":", &out) == MOTCUA_ERR_INVALID_ARGUMENT && last_error_is(MOTCUA_ERR_INVALID_ARGUMENT, "request"), "an error answered in JSON is the last error too");
    motcua_string_free(out);
    pthread_t t;
    CHECK(pthread_key_create(&exit_key, at_thread_exit) == 0, "pthread key");
    CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0 && pthread_join(t, NULL) == 0, "thread");
    CHECK(rc_at_exit >= 2001 && rc_at_exit <= 2099, "a call from a thread-exit destructor answers: %d", rc_at_exit);
    pthread_key_delete(exit_key);
}

static void boundary(void) {
    char *out = NULL;
    CHECK(motcua_debug_panic() == MOTCUA_ERR_PANIC, "a panic becomes MOTCUA_ERR_PANIC");
    CHECK(motcua_check(NULL, "1", "{\"today\":\"2026-11-24\"}", &out) == MOTCUA_ERR_NULL_POINTER, "NULL kind");
    CHECK(motcua_check("cccd", NULL, "{\"today\":\"2026-11-24\"}", &out) == MOTCUA_ERR_NULL_POINTER, "NULL value");
    CHECK(motcua_check("cccd", "\xff\xfe", "{\"today\":\"2026-11-24\"}", &out) == MOTCUA_ERR_INVALID_UTF8, "bad UTF-8");
    CHECK(motcua_check("vin", "1", "{\"today\":\"2026-11-24\"}", &out) == MOTCUA_ERR_ID_UNKNOWN_KIND, "unknown kind");
    CHECK(motcua_check("cccd", "038090000001", "{}", &out) == MOTCUA_ERR_INVALID_ARGUMENT, "config without today");
    CHECK(motcua_check("cccd", "038090000001", "{\"today\":\"2026-11-24\"}", NULL) == MOTCUA_OK, "NULL out is allowed");
    CHECK(motcua_vnd_parse("1", false, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL out for money");
    CHECK(strcmp(motcua_error_name(MOTCUA_ERR_ID_CHECKSUM), "id_checksum") == 0, "error name");
    CHECK(strcmp(motcua_error_name(42), "unknown") == 0, "unknown error name");
    CHECK(strlen(motcua_error_description(MOTCUA_ERR_PANIC)) > 0, "error description");
    CHECK(strlen(motcua_version()) > 0, "version");
    motcua_string_free(NULL);
    motcua_dossier_free(NULL);
    motcua_validator_free(NULL);

    MotcuaDossier *d = NULL;
    CHECK(motcua_dossier_new(11, &d) == MOTCUA_ERR_STATUS_UNKNOWN && d == NULL, "status 11 rejected");
    CHECK(motcua_dossier_new(MOTCUA_DOSSIER_PROCESSING, &d) == MOTCUA_OK, "new dossier");
    CHECK(motcua_dossier_transition(d, MOTCUA_DOSSIER_SUPPLEMENT_REQUESTED, NULL, false, MOTCUA_RESUME, NULL) == MOTCUA_OK, "4->5");
    CHECK(motcua_dossier_paused_from(d) == MOTCUA_DOSSIER_PROCESSING, "pause remembers 4");
    char *msg = NULL;
    CHECK(motcua_dossier_transition(d, MOTCUA_DOSSIER_RECEIVED, NULL, false, MOTCUA_RESUME, &msg) == MOTCUA_ERR_TRANSITION_RESUME_MISMATCH, "5->2 mismatch");
    CHECK(msg != NULL && strstr(msg, "must return") != NULL, "message names the rule: %s", msg ? msg : "(null)");
    motcua_string_free(msg);
    CHECK(motcua_dossier_status(d) == MOTCUA_DOSSIER_SUPPLEMENT_REQUESTED, "unchanged after a failed transition");
    CHECK(motcua_dossier_transition(d, MOTCUA_DOSSIER_PROCESSING, NULL, false, MOTCUA_RESUME, NULL) == MOTCUA_OK, "5->4");
    CHECK(motcua_dossier_transition(d, MOTCUA_DOSSIER_STOPPED, "", false, MOTCUA_RESUME, NULL) == MOTCUA_ERR_TRANSITION_REASON_REQUIRED, "stop needs reason");
    CHECK(motcua_dossier_transition(d, MOTCUA_DOSSIER_STOPPED, "Không đủ điều kiện", false, MOTCUA_RESUME, NULL) == MOTCUA_OK, "stop with reason");
    CHECK(motcua_dossier_transition(NULL, 4, NULL, false, MOTCUA_RESUME, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL handle");
    motcua_dossier_free(d);

    char *mermaid = NULL;
    CHECK(motcua_states("dossier", "mermaid", &mermaid) == MOTCUA_OK && strstr(mermaid, "stateDiagram-v2") != NULL, "mermaid");
    motcua_string_free(mermaid);
    CHECK(motcua_states("dossier", "svg", &mermaid) == MOTCUA_ERR_INVALID_ARGUMENT, "bad format");

    /* JSON Lines: every record reported, a broken line included. */
    MotcuaValidator *v = NULL;
    CHECK(motcua_validator_new("{\"today\":\"2026-11-24\",\"bogus\":1}", &v, &msg) == MOTCUA_ERR_INVALID_ARGUMENT, "unknown config key");
    motcua_string_free(msg);
    CHECK(motcua_validator_new("{\"today\":\"2026-11-24\"}", &v, NULL) == MOTCUA_OK, "validator");
    const char *jsonl = "{\"MaHoSo\":\"x\"}\n\n{not json\n[1]\n";
    size_t records = 0, invalid = 0;
    CHECK(motcua_validator_validate(v, (const uint8_t *)jsonl, strlen(jsonl), 0, &records, &invalid, NULL) == MOTCUA_OK, "jsonl");
    CHECK(records == 3 && invalid == 3, "3 records, 3 invalid (got %zu, %zu)", records, invalid);
    CHECK(motcua_validator_validate(v, NULL, 0, 2, &records, &invalid, NULL) == MOTCUA_OK && records == 0, "empty input");

    /* A large input split across threads gives the same reports as one thread. */
    /* 20,000 lines of ~130 bytes: over the 1 MiB threshold above which the input is split. */
    size_t n_lines = 20000, cap = n_lines * 160 + 1, used = 0;
    char *big = malloc(cap);
    for (size_t i = 0; i < n_lines; i++)
        used += (size_t)snprintf(big + used, cap - used, i % 9 == 4 ? "{bad json\n" : "{\"MaHoSo\":%zu,\"TrichYeuHoSo\":\"Đăng ký khai sinh cho con, hồ sơ trực tuyến, nộp qua Cổng Dịch vụ công quốc gia\"}\n", i);
    char *one = NULL, *two = NULL;
    size_t records2 = 0, invalid2 = 0;
    CHECK(motcua_validator_validate(v, (const uint8_t *)big, used, 1, &records, &invalid, &one) == MOTCUA_OK, "1 thread");
    CHECK(motcua_validator_validate(v, (const uint8_t *)big, used, 2, &records2, &invalid2, &two) == MOTCUA_OK, "2 threads");
    CHECK(used > (1u << 20), "input is large enough to split (%zu bytes)", used);
    CHECK(records == n_lines && records2 == n_lines && invalid == invalid2 && strcmp(one, two) == 0, "threads agree");
    motcua_string_free(one);
    motcua_string_free(two);
    free(big);
    motcua_validator_free(v);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    identifiers(dir);
    money(dir);
    transitions(dir);
    sync_payloads(dir);
    boundary();
    last_error();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
