/* The malformed-input catalogue (tests/malformed/catalogue.json) from C, through the
 * JSON entry point (and the lean putokaz_assess_json_with and putokaz_screen_json) and
 * putokaz_protocol_from_toml: every entry is refused with the error
 * kind the catalogue gives, the diagnostic's code, kind and result name agree, nothing
 * is written to `out`, and no diagnostic text repeats the marker planted in personal
 * fields. core/tests/malformed.rs and the Python suite run the same catalogue.
 *
 * tests/c/make_fixtures.py writes malformed.txt (see fixture.h):
 *
 *   marker / as_of / pack / base_pack / count CASES PACKS AS_OF_ERRORS
 *   case NAME EXPECT input TEXT utf8|not_utf8
 *   case NAME EXPECT generate KIND FIELD N       built here, as the Rust runner does
 *   case NAME EXPECT not_for_c LANGUAGES         announced, not run
 *   pack_entry NAME EXPECT PACK_TOML             base-pack.toml with the entry's edit
 *   as_of_error NAME AS_OF EXPECT
 *
 * Case JSON that is not UTF-8 is not JSON: it gives the catalogue's `case.syntax` here as
 * in Rust and Python (PUTOKAZ_RESULT_INVALID_UTF8 is for the other text arguments). */
#include "fixture.h"
#include "harness.h"

#include <stdlib.h>

/* Refused case texts longer than this in a diagnostic would echo the input. */
#define MAX_CASE_DIAGNOSTIC 4096

typedef struct {
    char *marker, *as_of, *pack, *base_pack;
    unsigned long long n_cases, n_packs, n_as_of;
} catalogue_head;

static void head_free(catalogue_head *h) {
    free(h->marker);
    free(h->as_of);
    free(h->pack);
    free(h->base_pack);
    memset(h, 0, sizeof *h);
}

/* Reads the header lines; leaves the first entry line in fx. Returns 0 on failure. */
static int read_head(fixture *fx, catalogue_head *h) {
    memset(h, 0, sizeof *h);
    while (fixture_next(fx) > 0) {
        const char *op = fx->tok[0];
        if (strcmp(op, "marker") == 0) fixture_text(fx, 1, &h->marker, NULL);
        else if (strcmp(op, "as_of") == 0) fixture_text(fx, 1, &h->as_of, NULL);
        else if (strcmp(op, "pack") == 0) fixture_text(fx, 1, &h->pack, NULL);
        else if (strcmp(op, "base_pack") == 0) fixture_text(fx, 1, &h->base_pack, NULL);
        else if (strcmp(op, "count") == 0) {
            fixture_number(fx, 1, &h->n_cases);
            fixture_number(fx, 2, &h->n_packs);
            fixture_number(fx, 3, &h->n_as_of);
            return h->marker != NULL && h->as_of != NULL && h->pack != NULL && h->base_pack != NULL;
        }
    }
    harness_fail(__FILE__, __LINE__, "malformed.txt has no complete header");
    return 0;
}

/* A diagnostic string, allocated to its size (a size query first, as callers do). */
static char *diag_string(const putokaz_diagnostic *d,
                         putokaz_result (*get)(const putokaz_diagnostic *, char *, size_t, size_t *)) {
    size_t n = 0;
    char *buf;
    putokaz_result rc = get(d, NULL, 0, &n);
    if (rc == PUTOKAZ_RESULT_NO_VALUE) return NULL;
    if (rc != PUTOKAZ_RESULT_BUFFER_TOO_SMALL) {
        harness_fail(__FILE__, __LINE__, "a diagnostic size query did not give buffer_too_small");
        return NULL;
    }
    buf = malloc(n + 1);
    if (buf == NULL) return NULL;
    if (get(d, buf, n + 1, &n) != PUTOKAZ_RESULT_OK) {
        harness_fail(__FILE__, __LINE__, "a diagnostic string could not be copied at its size");
        free(buf);
        return NULL;
    }
    return buf;
}

/* Checks a failed call's result against the expected kind name: the code's name, the
 * diagnostic's code and its kind must all say `expect`, and no text of the diagnostic
 * may contain `marker`. Returns 1 when all hold. */
static int check_refusal(const char *entry, putokaz_result rc, const putokaz_diagnostic *d, const char *expect,
                         const char *marker, size_t max_text) {
    int before = harness_failures;
    char msg[1536];
    char *kind = NULL, *message = NULL, *path = NULL, *text = NULL;
    if (rc == PUTOKAZ_RESULT_OK) {
        snprintf(msg, sizeof msg, "%s: accepted, expected %s", entry, expect);
        harness_fail(__FILE__, __LINE__, msg);
        return 0;
    }
    if (rc == PUTOKAZ_RESULT_PANIC) {
        snprintf(msg, sizeof msg, "%s: the library panicked", entry);
        harness_fail(__FILE__, __LINE__, msg);
    }
    if (d == NULL) {
        snprintf(msg, sizeof msg, "%s: %s without a diagnostic", entry, harness_code(rc));
        harness_fail(__FILE__, __LINE__, msg);
        return 0;
    }
    kind = diag_string(d, putokaz_diagnostic_kind);
    message = diag_string(d, putokaz_diagnostic_message);
    path = diag_string(d, putokaz_diagnostic_path);
    text = diag_string(d, putokaz_diagnostic_text);
    if (strcmp(putokaz_result_name(rc), expect) != 0 || kind == NULL || strcmp(kind, expect) != 0 ||
        putokaz_diagnostic_code(d) != rc) {
        snprintf(msg, sizeof msg, "%s: %s, diagnostic kind %s (code %u), expected %s: %.600s", entry,
                 harness_code(rc), kind ? kind : "(none)", (unsigned)putokaz_diagnostic_code(d), expect,
                 text ? text : "");
        harness_fail(__FILE__, __LINE__, msg);
    }
    if (marker != NULL) {
        const char *texts[4];
        int i;
        texts[0] = kind;
        texts[1] = message;
        texts[2] = path;
        texts[3] = text;
        for (i = 0; i < 4; i++) {
            if (texts[i] != NULL && strstr(texts[i], marker) != NULL) {
                snprintf(msg, sizeof msg, "%s: a diagnostic text repeats the personal-field marker: %.600s", entry,
                         texts[i]);
                harness_fail(__FILE__, __LINE__, msg);
            }
        }
    }
    if (max_text > 0 && text != NULL && strlen(text) > max_text) {
        snprintf(msg, sizeof msg, "%s: the diagnostic text is %lu bytes (more than %lu): it echoes the input?",
                 entry, (unsigned long)strlen(text), (unsigned long)max_text);
        harness_fail(__FILE__, __LINE__, msg);
    }
    free(kind);
    free(message);
    free(path);
    free(text);
    return harness_failures == before;
}

/* Builds a `generate` input exactly as core/tests/malformed.rs does. 0 for an unknown
 * kind. */
static int generate(sbuf *b, const char *kind, const char *field, size_t n) {
    static const char head[] = "{\"id\":\"m\",\"reported_at\":\"2026-03-02T09:00:00+01:00\","
                               "\"municipality\":\"Jajce\",\"subject\":{\"age\":10}";
    if (strcmp(kind, "deep_nesting") == 0) {
        sbuf_str(b, head);
        sbuf_str(b, ",\"observations\":[{\"indicator\":\"forced_begging\",\"value\":");
        sbuf_repeat(b, "[", n, NULL);
        sbuf_repeat(b, "]", n, NULL);
        sbuf_str(b, "}]}");
    } else if (strcmp(kind, "big_string") == 0 && field != NULL) {
        if (strcmp(field, "id") == 0) {
            sbuf_str(b, "{\"id\":\"");
            sbuf_repeat(b, "x", n, NULL);
            sbuf_str(b, "\",\"reported_at\":\"2026-03-02T09:00:00+01:00\"}");
        } else {
            sbuf_str(b, "{\"id\":\"m\",\"reported_at\":\"2026-03-02T09:00:00+01:00\",\"");
            sbuf_str(b, field);
            sbuf_str(b, "\":\"");
            sbuf_repeat(b, "x", n, NULL);
            sbuf_str(b, "\"}");
        }
    } else if (strcmp(kind, "whitespace") == 0) {
        sbuf_repeat(b, " ", n, NULL);
        sbuf_str(b, head);
        sbuf_str(b, "}");
    } else if (strcmp(kind, "many_observations") == 0) {
        sbuf_str(b, head);
        sbuf_str(b, ",\"observations\":[");
        sbuf_repeat(b, "{\"indicator\":\"forced_begging\",\"value\":true}", n, ",");
        sbuf_str(b, "]}");
    } else if (strcmp(kind, "many_events") == 0) {
        sbuf_str(b, head);
        sbuf_str(b, ",\"events\":[");
        sbuf_repeat(b, "{\"kind\":\"csw_notified\",\"at\":\"2026-03-02T10:00:00+01:00\"}", n, ",");
        sbuf_str(b, "]}");
    } else {
        return 0;
    }
    return 1;
}

void test_malformed_cases_give_their_kind(void) {
    fixture fx;
    catalogue_head h;
    const putokaz_protocol *p = NULL;
    putokaz_diagnostic *d = NULL;
    unsigned long long entries = 0;
    int checked = 0, right = 0, not_for_c = 0, utf8_rule = 0, lean_checked = 0, lean_right = 0;
    if (!fixture_open(&fx, "malformed.txt")) return;
    if (!read_head(&fx, &h)) {
        fixture_close(&fx);
        head_free(&h);
        return;
    }
    CHECK_OK(putokaz_protocol_bundled(h.pack, &p, &d));
    FREE_DIAGNOSTIC(d);
    d = NULL;
    while (p != NULL && fixture_next(&fx) > 0) {
        char *name = NULL, *expect = NULL, *input = NULL, *kind = NULL, *field = NULL;
        const char *want;
        char label[512];
        char *sentinel = (char *)&fx; /* any non-NULL: must stay as it is on failure */
        char *out = sentinel;
        sbuf built = {NULL, 0, 0};
        const char *text = NULL;
        putokaz_result rc;
        if (strcmp(fx.tok[0], "case") != 0) continue;
        entries++;
        if (!fixture_text(&fx, 1, &name, NULL) || !fixture_text(&fx, 2, &expect, NULL) || name == NULL ||
            expect == NULL || fx.ntok < 4) {
            harness_fail(__FILE__, __LINE__, "a case line without name, expectation or input");
        } else if (strcmp(fx.tok[3], "not_for_c") == 0) {
            char *langs = NULL;
            fixture_text(&fx, 4, &langs, NULL);
            printf("  note: \"%s\" is only for %s (catalogue `languages`)\n", name, langs ? langs : "?");
            free(langs);
            not_for_c++;
        } else if (strcmp(fx.tok[3], "input") == 0) {
            if (fixture_text(&fx, 4, &input, NULL)) text = input;
        } else if (strcmp(fx.tok[3], "generate") == 0) {
            unsigned long long n = 0;
            if (fixture_text(&fx, 4, &kind, NULL) && fixture_text(&fx, 5, &field, NULL) && fixture_number(&fx, 6, &n)) {
                if (kind != NULL && generate(&built, kind, field, (size_t)n)) {
                    text = sbuf_cstr(&built);
                } else {
                    snprintf(label, sizeof label, "%s: a generate kind this test cannot build: %s", name,
                             kind ? kind : "?");
                    harness_fail(__FILE__, __LINE__, label);
                }
            }
        } else {
            harness_fail(__FILE__, __LINE__, "a case line of an unknown form");
        }
        if (text != NULL) {
            want = expect;
            snprintf(label, sizeof label, "\"%s\"", name);
            /* Bytes that are not UTF-8 are not JSON: the catalogue's `case.syntax`, the
             * same kind as in Rust and Python. */
            if (fx.ntok > 5 && strcmp(fx.tok[5], "not_utf8") == 0) utf8_rule++;
            checked++;
            rc = putokaz_assess_json(p, text, h.as_of, NULL, &out, &d);
            if (check_refusal(label, rc, d, want, h.marker, MAX_CASE_DIAGNOSTIC)) right++;
            if (out != sentinel) {
                harness_fail(__FILE__, __LINE__, "a refused case wrote `out`");
                if (rc == PUTOKAZ_RESULT_OK) putokaz_string_free(out);
            }
            FREE_DIAGNOSTIC(d);
            d = NULL;
            /* The same without a diagnostic: the same code, nothing else (not repeated for
             * the large generated inputs, which cost seconds under valgrind). */
            out = sentinel;
            if (built.len == 0 && (putokaz_assess_json(p, text, h.as_of, NULL, &out, NULL) != rc || out != sentinel)) {
                snprintf(label, sizeof label, "\"%s\": another result without a diagnostic", name);
                harness_fail(__FILE__, __LINE__, label);
            }
            /* The lean entries refuse it alike: putokaz_assess_json_with without trace,
             * unknowns and text, and putokaz_screen_json (not repeated for the large
             * generated inputs either). */
            if (built.len == 0) {
                int entry;
                for (entry = 0; entry < 2; entry++) {
                    putokaz_result lean_rc;
                    char lean_label[600];
                    out = sentinel;
                    d = NULL;
                    if (entry == 0) lean_rc = putokaz_assess_json_with(p, text, h.as_of, NULL, 0, &out, &d);
                    else lean_rc = putokaz_screen_json(p, text, h.as_of, false, &out, &d);
                    snprintf(lean_label, sizeof lean_label, "\"%s\" through %s", name,
                             entry == 0 ? "putokaz_assess_json_with(0)" : "putokaz_screen_json");
                    if (check_refusal(lean_label, lean_rc, d, want, h.marker, MAX_CASE_DIAGNOSTIC)) lean_right++;
                    if (out != sentinel) {
                        harness_fail(__FILE__, __LINE__, "a refused case wrote `out` of a lean entry");
                        if (lean_rc == PUTOKAZ_RESULT_OK) putokaz_string_free(out);
                    }
                    FREE_DIAGNOSTIC(d);
                    d = NULL;
                    lean_checked++;
                }
            }
        }
        sbuf_free(&built);
        free(name);
        free(expect);
        free(input);
        free(kind);
        free(field);
    }
    printf("  malformed cases: %d of %d run from C give their kind (%d of them not UTF-8), %d not for C\n", right,
           checked, utf8_rule, not_for_c);
    printf("  malformed cases: %d of %d refusals alike through putokaz_assess_json_with(0) and putokaz_screen_json\n",
           lean_right, lean_checked);
    CHECK(lean_right == lean_checked);
    CHECK(lean_checked > 0);
    CHECK(entries == h.n_cases);
    CHECK(checked + not_for_c == (int)entries);
    CHECK(checked >= 60);
    putokaz_protocol_free(p);
    fixture_close(&fx);
    head_free(&h);
}

void test_malformed_as_of_gives_its_kind(void) {
    fixture fx;
    catalogue_head h;
    const putokaz_protocol *p = NULL;
    int checked = 0;
    if (!fixture_open(&fx, "malformed.txt")) return;
    if (!read_head(&fx, &h)) {
        fixture_close(&fx);
        head_free(&h);
        return;
    }
    CHECK_OK(putokaz_protocol_bundled("bih", &p, NULL));
    while (p != NULL && fixture_next(&fx) > 0) {
        char *name = NULL, *as_of = NULL, *expect = NULL;
        if (strcmp(fx.tok[0], "as_of_error") != 0) continue;
        if (fixture_text(&fx, 1, &name, NULL) && fixture_text(&fx, 2, &as_of, NULL) &&
            fixture_text(&fx, 3, &expect, NULL) && name && as_of && expect) {
            char *out = NULL;
            putokaz_diagnostic *d = NULL;
            char label[512];
            /* The case core/tests/malformed.rs uses. */
            putokaz_result rc = putokaz_assess_json(p, "{\"id\":\"m\",\"reported_at\":\"2024-03-02T09:00:00+01:00\"}",
                                                    as_of, NULL, &out, &d);
            snprintf(label, sizeof label, "\"%s\"", name);
            check_refusal(label, rc, d, expect, NULL, 0);
            CHECK(out == NULL);
            if (rc == PUTOKAZ_RESULT_OK) putokaz_string_free(out);
            FREE_DIAGNOSTIC(d);
            /* The same through the lean entries. */
            d = NULL;
            rc = putokaz_assess_json_with(p, "{\"id\":\"m\",\"reported_at\":\"2024-03-02T09:00:00+01:00\"}", as_of, NULL,
                                          0, &out, &d);
            snprintf(label, sizeof label, "\"%s\" through putokaz_assess_json_with(0)", name);
            check_refusal(label, rc, d, expect, NULL, 0);
            CHECK(out == NULL);
            if (rc == PUTOKAZ_RESULT_OK) putokaz_string_free(out);
            FREE_DIAGNOSTIC(d);
            d = NULL;
            rc = putokaz_screen_json(p, "{\"id\":\"m\",\"reported_at\":\"2024-03-02T09:00:00+01:00\"}", as_of, true,
                                     &out, &d);
            snprintf(label, sizeof label, "\"%s\" through putokaz_screen_json", name);
            check_refusal(label, rc, d, expect, NULL, 0);
            CHECK(out == NULL);
            if (rc == PUTOKAZ_RESULT_OK) putokaz_string_free(out);
            FREE_DIAGNOSTIC(d);
            checked++;
        }
        free(name);
        free(as_of);
        free(expect);
    }
    CHECK((unsigned long long)checked == h.n_as_of);
    CHECK(checked > 0);
    putokaz_protocol_free(p);
    fixture_close(&fx);
    head_free(&h);
}

void test_malformed_packs_give_their_kind(void) {
    fixture fx;
    catalogue_head h;
    const putokaz_protocol *p = NULL;
    putokaz_diagnostic *d = NULL;
    int checked = 0, right = 0;
    if (!fixture_open(&fx, "malformed.txt")) return;
    if (!read_head(&fx, &h)) {
        fixture_close(&fx);
        head_free(&h);
        return;
    }
    /* The base pack itself loads. */
    CHECK_OK(putokaz_protocol_from_toml(h.base_pack, &p, &d));
    if (d != NULL) fprintf(stderr, "    %s\n", diag_text(d));
    FREE_DIAGNOSTIC(d);
    putokaz_protocol_free(p);
    while (fixture_next(&fx) > 0) {
        char *name = NULL, *expect = NULL, *toml = NULL;
        if (strcmp(fx.tok[0], "pack_entry") != 0) continue;
        if (fixture_text(&fx, 1, &name, NULL) && fixture_text(&fx, 2, &expect, NULL) &&
            fixture_text(&fx, 3, &toml, NULL) && name && expect && toml) {
            const putokaz_protocol *sentinel = (const putokaz_protocol *)&fx, *got = sentinel;
            char label[512];
            putokaz_result rc;
            d = NULL;
            rc = putokaz_protocol_from_toml(toml, &got, &d);
            snprintf(label, sizeof label, "pack \"%s\"", name);
            checked++;
            if (check_refusal(label, rc, d, expect, NULL, 0)) right++;
            if (got != sentinel) {
                harness_fail(__FILE__, __LINE__, "a refused pack wrote `out`");
                if (rc == PUTOKAZ_RESULT_OK) putokaz_protocol_free(got);
            }
            /* Every issue has a location, but for the kinds that can have none (as in
             * core/tests/malformed.rs). */
            if (d != NULL && strcmp(expect, "pack.schema") != 0 && strcmp(expect, "pack.missing_file") != 0 &&
                strcmp(expect, "pack.limit") != 0) {
                size_t issues = 0, i;
                CHECK_OK(putokaz_diagnostic_issue_count(d, &issues));
                CHECK(issues > 0);
                for (i = 0; i < issues; i++) {
                    char file[256];
                    size_t n = 0;
                    uint32_t line = 0, column = 0;
                    putokaz_result lrc = putokaz_diagnostic_issue_location(d, i, file, sizeof file, &n, &line, &column);
                    if (lrc != PUTOKAZ_RESULT_OK || line == 0 || column == 0) {
                        snprintf(label, sizeof label, "pack \"%s\": issue %lu has no location (%s)", name,
                                 (unsigned long)i, harness_code(lrc));
                        harness_fail(__FILE__, __LINE__, label);
                    }
                }
            }
            FREE_DIAGNOSTIC(d);
            d = NULL;
        }
        free(name);
        free(expect);
        free(toml);
    }
    printf("  malformed packs: %d of %d give their kind through putokaz_protocol_from_toml\n", right, checked);
    CHECK((unsigned long long)checked == h.n_packs);
    CHECK(checked > 0);
    fixture_close(&fx);
    head_free(&h);
}
