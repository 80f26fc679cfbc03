/* C suite for the procedure catalogue (danh mục thủ tục): loads tests/vectors/catalog/seeded.csv and holds
 * motcua_catalog_check to checks.json; runs every case of search.json over procedures.csv through
 * motcua_catalog_search and motcua_catalog_search_many; loads every case of inputs.json; checks the error paths (unreadable catalogue, bad
 * synonyms, bad options, NULL, bad UTF-8). Built with -Wall -Wextra -Werror under AddressSanitizer + UBSan and
 * run under valgrind by tests/c/run.sh. */
#define _POSIX_C_SOURCE 200809L
#include "motcua.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const cJSON *get(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

static const char *str(const cJSON *o, const char *key) {
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *vec_path(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 16;
    char *p = malloc(n);
    snprintf(p, n, "%s/catalog/%s", dir, name);
    return p;
}

static cJSON *read_json(const char *dir, const char *name) {
    char *p = vec_path(dir, name);
    char *text = read_file(p, NULL);
    cJSON *j = cJSON_Parse(text);
    free(text);
    free(p);
    if (!j) exit(2);
    return j;
}

static MotcuaCatalog *load(const char *dir, const char *name) {
    char *p = vec_path(dir, name);
    char *text = read_file(p, NULL);
    MotcuaCatalog *c = NULL;
    char *msg = NULL;
    int rc = motcua_catalog_new(text, "csv", NULL, &c, &msg);
    CHECK(rc == MOTCUA_OK && c, "load %s: %d %s", name, rc, msg ? msg : "");
    motcua_string_free(msg);
    free(text);
    free(p);
    return c;
}

static void seeded_misconfigurations(const char *dir) {
    cJSON *want = read_json(dir, "checks.json");
    MotcuaCatalog *c = load(dir, str(want, "catalog"));
    char *out = NULL;
    CHECK(motcua_catalog_check(c, &out) == MOTCUA_OK, "check");
    cJSON *got = cJSON_Parse(out);
    const cJSON *gp = get(got, "problems"), *wp = get(want, "problems");
    CHECK(cJSON_GetArraySize(gp) == cJSON_GetArraySize(wp), "problem count %d vs %d", cJSON_GetArraySize(gp),
          cJSON_GetArraySize(wp));
    for (int i = 0; i < cJSON_GetArraySize(wp) && i < cJSON_GetArraySize(gp); i++) {
        const cJSON *g = cJSON_GetArrayItem(gp, i), *w = cJSON_GetArrayItem(wp, i);
        CHECK(get(g, "line")->valueint == get(w, "line")->valueint && get(g, "code")->valueint == get(w, "code")->valueint &&
                  strcmp(str(g, "field"), str(w, "field")) == 0 && strcmp(str(g, "ma_thu_tuc"), str(w, "ma_thu_tuc")) == 0,
              "problem %d: got line %d code %d field %s", i, get(g, "line")->valueint, get(g, "code")->valueint,
              str(g, "field"));
    }
    CHECK(get(got, "procedures_with_problems")->valueint == get(want, "procedures_with_problems")->valueint,
          "procedures with problems");
    size_t n = 0;
    CHECK(motcua_catalog_len(c, &n) == MOTCUA_OK && (int)n == get(want, "procedures")->valueint, "len %zu", n);
    cJSON_Delete(got);
    motcua_string_free(out);
    motcua_catalog_free(c);
    cJSON_Delete(want);
}

/* The codes of a result array, joined by spaces (for same_as comparisons). */
static void codes_of(const cJSON *hits, char *buf, size_t cap) {
    buf[0] = '\0';
    const cJSON *h;
    cJSON_ArrayForEach(h, hits) {
        strncat(buf, str(h, "code"), cap - strlen(buf) - 2);
        strncat(buf, " ", cap - strlen(buf) - 1);
    }
}

static cJSON *search(MotcuaCatalog *c, const char *q, const char *opts, int *rc) {
    char *out = NULL;
    *rc = motcua_catalog_search(c, q, opts, &out);
    cJSON *j = cJSON_Parse(out);
    motcua_string_free(out);
    return j;
}

static void search_vectors(const char *dir) {
    cJSON *v = read_json(dir, "search.json");
    MotcuaCatalog *c = load(dir, str(v, "catalog"));
    cJSON *queries = cJSON_CreateArray();
    const cJSON *cs;
    cJSON_ArrayForEach(cs, get(v, "cases")) {
        const char *q = str(cs, "query");
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "limit", get(cs, "limit") ? get(cs, "limit")->valueint : 10);
        if (str(cs, "level")) cJSON_AddStringToObject(o, "level", str(cs, "level"));
        char *opts = cJSON_PrintUnformatted(o);
        int rc;
        cJSON *hits = search(c, q, opts, &rc);
        if (get(cs, "error")) {
            CHECK(rc == get(cs, "error")->valueint, "%s: rc %d", q, rc);
            CHECK(get(get(hits, "error"), "code")->valueint == rc, "%s: error object", q);
        } else {
            CHECK(rc == MOTCUA_OK && cJSON_IsArray(hits), "%s: rc %d", q, rc);
            cJSON_AddItemToArray(queries, cJSON_CreateString(q));
            const cJSON *first = cJSON_GetArrayItem(hits, 0);
            if (str(cs, "top")) CHECK(first && strcmp(str(first, "code"), str(cs, "top")) == 0, "%s: top", q);
            if (get(cs, "score")) CHECK(first && get(first, "score")->valuedouble == get(cs, "score")->valuedouble, "%s: score", q);
            if (str(cs, "matched")) CHECK(first && strcmp(str(first, "matched"), str(cs, "matched")) == 0, "%s: matched", q);
            if (get(cs, "in_top")) {
                const char *code = cJSON_GetArrayItem(get(cs, "in_top"), 0)->valuestring;
                int k = cJSON_GetArrayItem(get(cs, "in_top"), 1)->valueint, found = 0;
                for (int i = 0; i < k && i < cJSON_GetArraySize(hits); i++)
                    found |= strcmp(str(cJSON_GetArrayItem(hits, i), "code"), code) == 0;
                CHECK(found, "%s: %s not in the first %d", q, code, k);
            }
            if (str(cs, "same_as")) {
                int rc2;
                cJSON *other = search(c, str(cs, "same_as"), opts, &rc2);
                char a[4096], b[4096];
                codes_of(hits, a, sizeof a);
                codes_of(other, b, sizeof b);
                CHECK(rc2 == MOTCUA_OK && a[0] && strcmp(a, b) == 0, "%s: [%s] vs [%s]", q, a, b);
                cJSON_Delete(other);
            }
            if (get(cs, "count")) CHECK(cJSON_GetArraySize(hits) == get(cs, "count")->valueint, "%s: count", q);
            double prev = 2;
            const cJSON *h;
            cJSON_ArrayForEach(h, hits) {
                CHECK(get(h, "score")->valuedouble <= prev, "%s: not best first", q);
                prev = get(h, "score")->valuedouble;
            }
        }
        cJSON_Delete(hits);
        free(opts);
        cJSON_Delete(o);
    }
    /* The batch form gives the same answers, in order. */
    char *qs = cJSON_PrintUnformatted(queries), *many = NULL;
    CHECK(motcua_catalog_search_many(c, qs, NULL, &many) == MOTCUA_OK, "search_many");
    cJSON *m = cJSON_Parse(many);
    CHECK(cJSON_GetArraySize(m) == cJSON_GetArraySize(queries), "search_many size");
    for (int i = 0; i < cJSON_GetArraySize(queries); i++) {
        int rc;
        cJSON *one = search(c, cJSON_GetArrayItem(queries, i)->valuestring, NULL, &rc);
        char a[4096], b[4096];
        codes_of(one, a, sizeof a);
        codes_of(cJSON_GetArrayItem(m, i), b, sizeof b);
        CHECK(strcmp(a, b) == 0, "search_many %d", i);
        cJSON_Delete(one);
    }
    cJSON_Delete(m);
    motcua_string_free(many);
    free(qs);
    cJSON_Delete(queries);
    motcua_catalog_free(c);
    cJSON_Delete(v);
}

/* inputs.json: each text loads with its number of procedures, or fails with its code and field (the field read
 * from motcua_last_error). */
static void input_vectors(const char *dir) {
    cJSON *v = read_json(dir, "inputs.json");
    const cJSON *cases = cJSON_GetObjectItem(v, "cases"), *k;
    int n = 0;
    cJSON_ArrayForEach(k, cases) {
        const char *name = cJSON_GetObjectItem(k, "name")->valuestring;
        const cJSON *expect = cJSON_GetObjectItem(k, "expect"), *err = cJSON_GetObjectItem(expect, "error");
        MotcuaCatalog *c = NULL;
        int rc = motcua_catalog_new(cJSON_GetObjectItem(k, "text")->valuestring,
                                    cJSON_GetObjectItem(k, "format")->valuestring, NULL, &c, NULL);
        if (err) {
            char *last = motcua_last_error();
            cJSON *l = last ? cJSON_Parse(last) : NULL;
            const cJSON *field = cJSON_GetObjectItem(l, "field");
            CHECK(rc == cJSON_GetObjectItem(err, "code")->valueint && !c, "%s: rc %d", name, rc);
            CHECK(cJSON_IsString(field) && strcmp(field->valuestring, cJSON_GetObjectItem(err, "field")->valuestring) == 0,
                  "%s: last error %s", name, last ? last : "(null)");
            cJSON_Delete(l);
            motcua_string_free(last);
        } else {
            size_t len = 0;
            CHECK(rc == MOTCUA_OK && motcua_catalog_len(c, &len) == MOTCUA_OK &&
                      (int)len == cJSON_GetObjectItem(expect, "procedures")->valueint,
                  "%s: rc %d, %zu procedures", name, rc, len);
        }
        motcua_catalog_free(c);
        n++;
    }
    CHECK(n >= 9, "inputs.json has its cases (%d)", n);
    cJSON_Delete(v);
}

static void error_paths(void) {
    MotcuaCatalog *c = NULL;
    char *msg = NULL, *out = NULL;
    CHECK(motcua_catalog_new("ma_thu_tuc,linh_vuc\n1.000757,x\n", NULL, NULL, &c, &msg) == MOTCUA_ERR_CATALOG_INPUT && !c,
          "missing column");
    CHECK(msg && strstr(msg, "ten_thu_tuc"), "message names the column: %s", msg ? msg : "");
    motcua_string_free(msg);
    msg = NULL;
    CHECK(motcua_catalog_new("ma_thu_tuc,ten_thu_tuc\n", "xml", NULL, &c, &msg) == MOTCUA_ERR_CATALOG_INPUT, "format");
    motcua_string_free(msg);
    CHECK(motcua_catalog_new("ma_thu_tuc,ten_thu_tuc\n", NULL, "nonsense", &c, NULL) == MOTCUA_ERR_SEARCH_SYNONYMS,
          "synonyms");
    CHECK(motcua_catalog_new(NULL, NULL, NULL, &c, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL text");
    CHECK(motcua_catalog_new("\xff", NULL, NULL, &c, NULL) == MOTCUA_ERR_INVALID_UTF8, "bad UTF-8");
    const char *small = "ma_thu_tuc,ten_thu_tuc\n1.000001,Cấp giấy phép khai thác khoáng sản\n";
    CHECK(motcua_catalog_new(small, NULL, "tu_go,thay_bang\ngpks,giấy phép khai thác khoáng sản\n", &c, NULL) ==
              MOTCUA_OK,
          "with synonyms");
    CHECK(motcua_catalog_search(c, "gpks", NULL, &out) == MOTCUA_OK && strstr(out, "1.000001"), "extended synonyms");
    motcua_string_free(out);
    CHECK(motcua_catalog_search(c, "x", "{\"limit\": 0}", &out) == MOTCUA_ERR_SEARCH_ARGUMENT, "limit 0");
    motcua_string_free(out);
    CHECK(motcua_catalog_search(c, "x", "{\"colour\": 1}", &out) == MOTCUA_ERR_SEARCH_ARGUMENT, "unknown option");
    motcua_string_free(out);
    CHECK(motcua_catalog_search_many(c, "[1]", NULL, &out) == MOTCUA_ERR_INVALID_ARGUMENT, "queries not strings");
    motcua_string_free(out);
    CHECK(motcua_catalog_search(NULL, "x", NULL, &out) == MOTCUA_ERR_NULL_POINTER, "NULL catalogue");
    CHECK(motcua_catalog_search(c, "x", NULL, NULL) == MOTCUA_ERR_NULL_POINTER, "NULL out");
    CHECK(motcua_catalog_check(NULL, &out) == MOTCUA_ERR_NULL_POINTER, "check NULL");
    motcua_catalog_free(c);
    motcua_catalog_free(NULL);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    seeded_misconfigurations(dir);
    search_vectors(dir);
    input_vectors(dir);
    error_paths();
    printf("catalog: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
