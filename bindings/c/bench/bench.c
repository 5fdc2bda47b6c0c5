/* bench: cases per second through the C API of putokaz, single thread.
 *
 *   bench CASES.jsonl [AS_OF]
 *
 * CASES.jsonl is what `putokaz synth --seed S --count N` writes. The file is read into
 * memory first (not timed). Then, on one thread:
 *
 *   json      putokaz_assess_json on each line: JSON parse, assessment with the C API's
 *             options (full trace, ranked unknowns, text), JSON out, string freed
 *   json 0    putokaz_assess_json_with, flags 0: the same without the trace, the ranking
 *             of unknowns and the text
 *   screen    putokaz_screen_json, without and with rank_unknowns: JSON parse, the
 *             outcome without words, one line of JSON out
 *   typed     each case built with the typed builder (putokaz_case_new, _observe_*,
 *             _add_event, ...) from a pre-parsed form, putokaz_assess, level,
 *             classification and score read back, case and assessment freed
 *   assess    putokaz_assess alone on cases built beforehand (the builder not timed),
 *             and putokaz_assess_with, flags 0, on the same cases
 *   texts     every text of every obligation (id, label, roles, institutions, due time)
 *             of assessments made beforehand, copied into a buffer and then lent
 *             (the _str accessors: the first read makes the assessment's C strings)
 *
 * Prints cases per second and microseconds per case for each. Pin it to one core with
 * `taskset -c 0`. C99 and POSIX (clock_gettime); no library but putokaz and libc. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "putokaz.h"

/* ---- a small JSON reader, enough for the case format ---- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jval {
    enum jtype type;
    int b;
    double num;
    char *str;           /* J_STR */
    struct jval *items;  /* J_ARR, J_OBJ (values) */
    char **keys;         /* J_OBJ */
    size_t n;
} jval;

static const char *ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static const char *parse(const char *p, jval *v);

static const char *parse_str(const char *p, char **out) {
    /* p at the opening quote; \uXXXX is kept only for ASCII, which is all synth writes. */
    size_t cap = 16, len = 0;
    char *s = malloc(cap);
    p++;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            char e = *p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                unsigned u = 0;
                sscanf(p, "%4x", &u);
                p += 4;
                c = (char)(u < 0x80 ? u : '?');
                break;
            }
            default: c = e;
            }
        }
        if (len + 2 > cap) s = realloc(s, cap *= 2);
        s[len++] = c;
    }
    s[len] = '\0';
    *out = s;
    return *p == '"' ? p + 1 : NULL;
}

static const char *parse(const char *p, jval *v) {
    memset(v, 0, sizeof *v);
    p = ws(p);
    if (*p == '{' || *p == '[') {
        int obj = *p == '{';
        size_t cap = 8;
        v->type = obj ? J_OBJ : J_ARR;
        v->items = malloc(cap * sizeof *v->items);
        if (obj) v->keys = malloc(cap * sizeof *v->keys);
        p = ws(p + 1);
        if (*p == (obj ? '}' : ']')) return p + 1;
        for (;;) {
            if (v->n == cap) {
                cap *= 2;
                v->items = realloc(v->items, cap * sizeof *v->items);
                if (obj) v->keys = realloc(v->keys, cap * sizeof *v->keys);
            }
            if (obj) {
                p = ws(p);
                if (*p != '"' || !(p = parse_str(p, &v->keys[v->n]))) return NULL;
                p = ws(p);
                if (*p++ != ':') return NULL;
            }
            if (!(p = parse(p, &v->items[v->n]))) return NULL;
            v->n++;
            p = ws(p);
            if (*p == ',') { p++; continue; }
            if (*p == (obj ? '}' : ']')) return p + 1;
            return NULL;
        }
    }
    if (*p == '"') { v->type = J_STR; return parse_str(p, &v->str); }
    if (!strncmp(p, "true", 4)) { v->type = J_BOOL; v->b = 1; return p + 4; }
    if (!strncmp(p, "false", 5)) { v->type = J_BOOL; return p + 5; }
    if (!strncmp(p, "null", 4)) { v->type = J_NULL; return p + 4; }
    {
        char *end;
        v->type = J_NUM;
        v->num = strtod(p, &end);
        return end == p ? NULL : end;
    }
}

static const jval *get(const jval *o, const char *key) {
    size_t i;
    if (!o || o->type != J_OBJ) return NULL;
    for (i = 0; i < o->n; i++)
        if (!strcmp(o->keys[i], key)) return &o->items[i];
    return NULL;
}

static const char *str_or_null(const jval *v) { return v && v->type == J_STR ? v->str : NULL; }

/* ---- the typed builder from a parsed case ---- */

static putokaz_case *build(const jval *c) {
    putokaz_case *k = NULL;
    const jval *s, *v, *list;
    size_t i;
    if (putokaz_case_new(str_or_null(get(c, "id")), str_or_null(get(c, "reported_at")), &k) != PUTOKAZ_RESULT_OK)
        return NULL;
    if ((v = get(c, "municipality")) && v->type == J_STR) putokaz_case_set_municipality(k, v->str);
    if ((v = get(c, "reporter")) && v->type == J_STR) putokaz_case_set_reporter(k, v->str);
    if ((s = get(c, "subject"))) {
        if ((v = get(s, "birth_date")) && v->type == J_STR) putokaz_case_set_birth_date(k, v->str);
        if ((v = get(s, "age")) && v->type == J_NUM) putokaz_case_set_age(k, (uint32_t)v->num);
        if ((v = get(s, "age_range")) && v->type == J_OBJ)
            putokaz_case_set_age_range(k, (uint32_t)get(v, "min")->num, (uint32_t)get(v, "max")->num);
        if ((v = get(s, "appears_minor")) && v->type == J_BOOL) putokaz_case_set_appears_minor(k, v->b);
        if ((v = get(s, "sex")) && v->type == J_STR) putokaz_case_set_sex(k, v->str);
        if ((v = get(s, "citizenship")) && v->type == J_STR) putokaz_case_set_citizenship(k, v->str);
    }
    if ((list = get(c, "observations")))
        for (i = 0; i < list->n; i++) {
            const char *ind = str_or_null(get(&list->items[i], "indicator"));
            v = get(&list->items[i], "value");
            if (!v || v->type == J_NULL) putokaz_case_observe_unknown(k, ind);
            else if (v->type == J_BOOL) putokaz_case_observe_bool(k, ind, v->b);
            else if (v->type == J_NUM) putokaz_case_observe_count(k, ind, (uint64_t)v->num);
            else if (v->type == J_STR) putokaz_case_observe_enum(k, ind, v->str);
        }
    if ((list = get(c, "events")))
        for (i = 0; i < list->n; i++)
            putokaz_case_add_event(k, str_or_null(get(&list->items[i], "kind")), str_or_null(get(&list->items[i], "at")),
                                   str_or_null(get(&list->items[i], "by")));
    if ((list = get(c, "consents")))
        for (i = 0; i < list->n; i++) {
            v = get(&list->items[i], "given");
            putokaz_case_add_consent(k, str_or_null(get(&list->items[i], "scope")), v && v->b,
                                     str_or_null(get(&list->items[i], "at")));
        }
    return k;
}

/* ---- timing ---- */

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void report(const char *label, size_t n, double seconds) {
    printf("%-58s %8zu cases %9.3f s %10.0f cases/s %9.1f us/case\n", label, n, seconds, (double)n / seconds,
           seconds * 1e6 / (double)n);
}

static void fail(const char *what, putokaz_result r, putokaz_diagnostic *d, size_t i) {
    char msg[512];
    size_t w = 0;
    if (d && putokaz_diagnostic_text(d, msg, sizeof msg, &w) == PUTOKAZ_RESULT_OK)
        fprintf(stderr, "%s failed on case %zu: %s\n", what, i, msg);
    else
        fprintf(stderr, "%s failed on case %zu: %s\n", what, i, putokaz_result_name(r));
    exit(1);
}

int main(int argc, char **argv) {
    const char *as_of = argc > 2 ? argv[2] : "2026-12-31T12:00:00+01:00";
    const putokaz_protocol *bih = NULL;
    putokaz_diagnostic *d = NULL;
    char **lines = NULL;
    jval *parsed;
    putokaz_case **built;
    size_t n = 0, cap = 0, i, chk = 0;
    char *line = NULL;
    size_t linecap = 0;
    ssize_t len;
    double t0, t1;
    FILE *f;

    if (argc < 2) {
        fprintf(stderr, "usage: bench CASES.jsonl [AS_OF]\n");
        return 2;
    }
    if (!(f = fopen(argv[1], "r"))) {
        perror(argv[1]);
        return 1;
    }
    while ((len = getline(&line, &linecap, f)) > 0) {
        if (len <= 1) continue;
        if (n == cap) lines = realloc(lines, (cap = cap ? cap * 2 : 1024) * sizeof *lines);
        lines[n++] = strdup(line);
    }
    free(line);
    fclose(f);

    t0 = now();
    if (putokaz_protocol_bundled("bih", &bih, &d) != PUTOKAZ_RESULT_OK) fail("loading bih", 0, d, 0);
    t1 = now();
    printf("putokaz %s, pack bih, %zu cases from %s, as_of %s\n", putokaz_version(), n, argv[1], as_of);
    printf("%-58s %9.3f ms\n", "putokaz_protocol_bundled(\"bih\") (load and check)", (t1 - t0) * 1e3);

    parsed = malloc(n * sizeof *parsed);
    built = malloc(n * sizeof *built);
    for (i = 0; i < n; i++)
        if (!parse(lines[i], &parsed[i])) {
            fprintf(stderr, "line %zu: not JSON this reader understands\n", i + 1);
            return 1;
        }

    /* The JSON entry. */
    t0 = now();
    for (i = 0; i < n; i++) {
        char *out = NULL;
        putokaz_result r = putokaz_assess_json(bih, lines[i], as_of, NULL, &out, &d);
        if (r != PUTOKAZ_RESULT_OK) fail("putokaz_assess_json", r, d, i);
        chk += strlen(out);
        putokaz_string_free(out);
    }
    t1 = now();
    report("putokaz_assess_json (parse, full assessment, JSON out)", n, t1 - t0);

    /* The JSON entry without trace, ranked unknowns and text. */
    t0 = now();
    for (i = 0; i < n; i++) {
        char *out = NULL;
        putokaz_result r = putokaz_assess_json_with(bih, lines[i], as_of, NULL, 0, &out, &d);
        if (r != PUTOKAZ_RESULT_OK) fail("putokaz_assess_json_with", r, d, i);
        chk += strlen(out);
        putokaz_string_free(out);
    }
    t1 = now();
    report("putokaz_assess_json_with, flags 0 (no trace/unknowns/text)", n, t1 - t0);

    /* Screening, without and with the most decisive unknown. */
    {
        int rank;
        for (rank = 0; rank < 2; rank++) {
            t0 = now();
            for (i = 0; i < n; i++) {
                char *out = NULL;
                putokaz_result r = putokaz_screen_json(bih, lines[i], as_of, rank != 0, &out, &d);
                if (r != PUTOKAZ_RESULT_OK) fail("putokaz_screen_json", r, d, i);
                chk += strlen(out);
                putokaz_string_free(out);
            }
            t1 = now();
            report(rank ? "putokaz_screen_json, rank_unknowns true (parse, JSON out)"
                        : "putokaz_screen_json, rank_unknowns false (parse, JSON out)",
                   n, t1 - t0);
        }
    }

    /* The typed builder and putokaz_assess, end to end. */
    t0 = now();
    for (i = 0; i < n; i++) {
        putokaz_case *k = build(&parsed[i]);
        putokaz_assessment *a = NULL;
        putokaz_level level;
        putokaz_classification cls;
        int64_t score;
        uint32_t scale;
        putokaz_result r;
        if (!k) fail("putokaz_case_new", 0, NULL, i);
        r = putokaz_assess(bih, k, as_of, NULL, &a, &d);
        if (r != PUTOKAZ_RESULT_OK) fail("putokaz_assess", r, d, i);
        putokaz_assessment_level(a, &level);
        putokaz_assessment_classification(a, &cls);
        putokaz_assessment_score_scaled(a, &score, &scale);
        chk += level + cls + (size_t)score;
        putokaz_assessment_free(a);
        putokaz_case_free(k);
    }
    t1 = now();
    report("typed builder + putokaz_assess + level/class/score + free", n, t1 - t0);

    /* putokaz_assess alone. */
    for (i = 0; i < n; i++) built[i] = build(&parsed[i]);
    t0 = now();
    for (i = 0; i < n; i++) {
        putokaz_assessment *a = NULL;
        putokaz_result r = putokaz_assess(bih, built[i], as_of, NULL, &a, &d);
        if (r != PUTOKAZ_RESULT_OK) fail("putokaz_assess", r, d, i);
        putokaz_assessment_free(a);
    }
    t1 = now();
    report("putokaz_assess alone (cases built beforehand)", n, t1 - t0);

    /* putokaz_assess_with, flags 0, on the same cases. */
    t0 = now();
    for (i = 0; i < n; i++) {
        putokaz_assessment *a = NULL;
        putokaz_result r = putokaz_assess_with(bih, built[i], as_of, NULL, 0, &a, &d);
        if (r != PUTOKAZ_RESULT_OK) fail("putokaz_assess_with", r, d, i);
        putokaz_assessment_free(a);
    }
    t1 = now();
    report("putokaz_assess_with, flags 0 (cases built beforehand)", n, t1 - t0);

    /* Reading every obligation's texts: copied, then lent. */
    {
        putokaz_assessment **made = malloc(n * sizeof *made);
        size_t total = 0;
        int lent;
        typedef putokaz_result (*copy_fn)(const putokaz_assessment *, size_t, char *, size_t, size_t *);
        typedef putokaz_result (*lend_fn)(const putokaz_assessment *, size_t, const char **);
        static const copy_fn copies[] = {
            putokaz_assessment_obligation_id, putokaz_assessment_obligation_label,
            putokaz_assessment_obligation_actor_role, putokaz_assessment_obligation_actor_institution,
            putokaz_assessment_obligation_recipient_role, putokaz_assessment_obligation_recipient_institution,
            putokaz_assessment_obligation_due};
        static const lend_fn lends[] = {
            putokaz_assessment_obligation_id_str, putokaz_assessment_obligation_label_str,
            putokaz_assessment_obligation_actor_role_str, putokaz_assessment_obligation_actor_institution_str,
            putokaz_assessment_obligation_recipient_role_str, putokaz_assessment_obligation_recipient_institution_str,
            putokaz_assessment_obligation_due_str};
        for (i = 0; i < n; i++) {
            putokaz_result r = putokaz_assess_with(bih, built[i], as_of, NULL, 0, &made[i], &d);
            if (r != PUTOKAZ_RESULT_OK) fail("putokaz_assess_with", r, d, i);
        }
        for (lent = 0; lent < 2; lent++) {
            t0 = now();
            for (i = 0; i < n; i++) {
                size_t count = 0, o, k, w;
                char buf[1024];
                const char *text;
                putokaz_assessment_obligation_count(made[i], &count);
                for (o = 0; o < count; o++)
                    for (k = 0; k < sizeof copies / sizeof copies[0]; k++) {
                        if (lent) {
                            if (lends[k](made[i], o, &text) == PUTOKAZ_RESULT_OK) chk += (unsigned char)text[0];
                        } else if (copies[k](made[i], o, buf, sizeof buf, &w) == PUTOKAZ_RESULT_OK) {
                            chk += w;
                        }
                        total++;
                    }
            }
            t1 = now();
            report(lent ? "every obligation text, lent (_str; first read makes them)"
                        : "every obligation text, copied into a buffer",
                   n, t1 - t0);
        }
        printf("  (%zu texts per pass, %.1f per case)\n", total / 2, (double)total / 2 / (double)n);
        for (i = 0; i < n; i++) putokaz_assessment_free(made[i]);
        free(made);
    }

    /* The builder alone. */
    t0 = now();
    for (i = 0; i < n; i++) putokaz_case_free(build(&parsed[i]));
    t1 = now();
    report("typed builder alone (build and free)", n, t1 - t0);

    for (i = 0; i < n; i++) putokaz_case_free(built[i]);
    putokaz_protocol_free(bih);
    fprintf(stderr, "(checksum %zu)\n", chk);
    return 0;
}
