/* The lean entries: putokaz_assess_json_with and putokaz_assess_with, whose flags leave
 * out the trace, the ranked unknowns and the text, and putokaz_screen_json, the outcome
 * without words. Whatever they leave out, what they keep must be byte for byte what the
 * full assessment says. (The vectors are run through them in test_vectors.c, the
 * malformed catalogue in test_malformed.c, NULL arguments in test_misuse.c.) */
#include "harness.h"

#include <stdlib.h>

/* Act, forced begging and daily begging are established; whether there is a money quota
 * is unknown and decides the classification (as in test_assessment_unknowns): a case
 * whose full assessment has a trace, ranked unknowns and a text. */
static const char *const UNKNOWNS_CASE_JSON =
    "{\"id\":\"unknowns-1\",\"reported_at\":\"2026-03-02T09:00:00+01:00\","
    "\"subject\":{\"age_range\":{\"min\":14,\"max\":19}},\"observations\":["
    "{\"indicator\":\"recruited_transported_or_harboured\",\"value\":true},"
    "{\"indicator\":\"forced_begging\",\"value\":true},"
    "{\"indicator\":\"begging_frequency\",\"value\":\"daily\"},"
    "{\"indicator\":\"daily_money_quota\",\"value\":null}]}";

/* The keys of a screening, in the order the header documents them. */
static const char *const SCREEN_KEYS[] = {"case_id", "level", "level_min", "level_max", "level_settled",
                                          "classification", "classification_settled", "score", "score_min",
                                          "score_max", "is_child", "child_basis", "overdue", "pending", "offered",
                                          "depends_on_unknown", "met", "next_due", "next_due_unix", "first_unknown"};

#define UNKNOWN_FLAGS_COUNT 5
static const putokaz_assess_flags UNKNOWN_FLAGS[UNKNOWN_FLAGS_COUNT] = {8, 16, PUTOKAZ_ASSESS_FULL | 8, 0x80000000u,
                                                                        0xFFFFFFFFu};

/* putokaz_assess_json_with, checked to succeed; a new string or NULL. */
static char *assess_with_flags(const putokaz_protocol *p, const char *case_json, const char *language,
                               putokaz_assess_flags flags) {
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    CHECK_OK(putokaz_assess_json_with(p, case_json, AS_OF, language, flags, &json, &d));
    if (d != NULL) fprintf(stderr, "    flags %u: %s\n", (unsigned)flags, diag_text(d));
    FREE_DIAGNOSTIC(d);
    return json;
}

static char *assess_full(const putokaz_protocol *p, const char *case_json, const char *language) {
    char *json = NULL;
    CHECK_OK(putokaz_assess_json(p, case_json, AS_OF, language, &json, NULL));
    return json;
}

static char *screen(const putokaz_protocol *p, const char *case_json, bool rank_unknowns) {
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    CHECK_OK(putokaz_screen_json(p, case_json, AS_OF, rank_unknowns, &json, &d));
    if (d != NULL) fprintf(stderr, "    screen: %s\n", diag_text(d));
    FREE_DIAGNOSTIC(d);
    return json;
}

/* Two texts must be equal; says where they part when not. */
static void check_same(const char *what, const char *got, const char *want) {
    size_t i = 0;
    char msg[1024];
    if (got != NULL && want != NULL && strcmp(got, want) == 0) return;
    if (got != NULL && want != NULL)
        while (got[i] != '\0' && got[i] == want[i]) i++;
    snprintf(msg, sizeof msg, "%s: differ at byte %lu:\n      got  ...%.100s\n      want ...%.100s", what,
             (unsigned long)i, got ? got + (i < 30 ? 0 : i - 30) : "(null)", want ? want + (i < 30 ? 0 : i - 30) : "(null)");
    harness_fail(__FILE__, __LINE__, msg);
}

void test_assess_json_with_full_is_assess_json(void) {
    static const char *const languages[] = {NULL, "en", "bs"};
    const char *cases[2];
    const putokaz_protocol *p = load_demo();
    size_t i, l;
    if (p == NULL) return;
    cases[0] = DEMO_CASE_JSON;
    cases[1] = UNKNOWNS_CASE_JSON;
    for (i = 0; i < 2; i++) {
        for (l = 0; l < 3; l++) {
            char *full = assess_full(p, cases[i], languages[l]);
            char *with = assess_with_flags(p, cases[i], languages[l], PUTOKAZ_ASSESS_FULL);
            check_same("putokaz_assess_json_with(FULL) and putokaz_assess_json", with, full);
            putokaz_string_free(full);
            putokaz_string_free(with);
        }
    }
    /* The flags are what the full assessment is made of. */
    CHECK((PUTOKAZ_ASSESS_TRACE | PUTOKAZ_ASSESS_UNKNOWNS | PUTOKAZ_ASSESS_TEXT) == PUTOKAZ_ASSESS_FULL);
    CHECK((PUTOKAZ_ASSESS_TRACE & PUTOKAZ_ASSESS_UNKNOWNS) == 0 && (PUTOKAZ_ASSESS_TRACE & PUTOKAZ_ASSESS_TEXT) == 0 &&
          (PUTOKAZ_ASSESS_UNKNOWNS & PUTOKAZ_ASSESS_TEXT) == 0);
    putokaz_protocol_free(p);
}

void test_assess_json_with_flag_combinations(void) {
    const char *cases[2];
    const putokaz_protocol *p = load_demo();
    size_t i;
    unsigned flags;
    if (p == NULL) return;
    cases[0] = DEMO_CASE_JSON;
    cases[1] = UNKNOWNS_CASE_JSON;
    for (i = 0; i < 2; i++) {
        char *full = assess_full(p, cases[i], "en");
        char *lean = assess_with_flags(p, cases[i], "en", 0);
        if (full == NULL || lean == NULL) {
            putokaz_string_free(full);
            putokaz_string_free(lean);
            continue;
        }
        /* The full assessment has all three parts (the demo case has no decisive unknown). */
        CHECK(strcmp(json_get(full, "trace"), "[]") != 0);
        CHECK(strcmp(json_get(full, "text"), "\"\"") != 0);
        if (i == 1) CHECK(strcmp(json_get(full, "unknowns"), "[]") != 0);

        /* With 0: empty trace, unknowns and text ... */
        CHECK_CONTAINS(lean, "\"trace\":[]");
        CHECK_CONTAINS(lean, "\"unknowns\":[]");
        CHECK_CONTAINS(lean, "\"text\":\"\"");
        CHECK(strlen(lean) < strlen(full));
        /* ... and everything else as in the full one. */
        CHECK_STR(json_get(lean, "level"), json_get(full, "level"));
        CHECK_STR(json_get(lean, "classification"), json_get(full, "classification"));
        CHECK_STR(json_get(lean, "score"), json_get(full, "score"));
        CHECK_STR(json_get(lean, "subject"), json_get(full, "subject"));
        CHECK_STR(json_get(lean, "obligations"), json_get(full, "obligations"));
        CHECK_STR(json_get(lean, "relied_on"), json_get(full, "relied_on"));
        CHECK(json_get(lean, "obligations") != NULL && strcmp(json_get(lean, "obligations"), "[]") != 0);

        /* Every combination of flags: the full JSON with exactly the parts not asked for
         * emptied, byte for byte. The text lists what to ask next only when the unknowns
         * are ranked: without PUTOKAZ_ASSESS_UNKNOWNS it is compared apart. */
        for (flags = 0; flags <= PUTOKAZ_ASSESS_FULL; flags++) {
            int text_apart = (flags & PUTOKAZ_ASSESS_TEXT) && !(flags & PUTOKAZ_ASSESS_UNKNOWNS);
            unsigned compared = text_apart ? flags & ~(unsigned)PUTOKAZ_ASSESS_TEXT : flags;
            char *got = assess_with_flags(p, cases[i], "en", flags);
            char *got_compared = json_assessment_without(got, compared);
            char *want = json_assessment_without(full, compared);
            char what[96];
            snprintf(what, sizeof what, "case %lu, flags %u", (unsigned long)i, flags);
            check_same(what, got_compared, want);
            if (text_apart) {
                char *text_only = assess_with_flags(p, cases[i], "en", PUTOKAZ_ASSESS_TEXT);
                const char *text = json_get(got, "text");
                CHECK(text != NULL && strcmp(text, "\"\"") != 0);
                CHECK_NOT_CONTAINS(text, "What to ask next");
                /* The trace does not change the text. */
                CHECK_STR(text, json_get(text_only, "text"));
                putokaz_string_free(text_only);
            }
            free(want);
            free(got_compared);
            putokaz_string_free(got);
        }
        /* The full text has what the text without ranking has, and what to ask next when
         * an unknown is decisive. */
        {
            char *text_only = assess_with_flags(p, cases[i], "en", PUTOKAZ_ASSESS_TEXT);
            const char *lean_text = json_get(text_only, "text");
            const char *full_text = json_get(full, "text");
            if (i == 1) CHECK_CONTAINS(full_text, "What to ask next");
            else CHECK_STR(lean_text, full_text);
            CHECK(lean_text != NULL && full_text != NULL && strlen(lean_text) <= strlen(full_text));
            putokaz_string_free(text_only);
        }
        putokaz_string_free(full);
        putokaz_string_free(lean);
    }
    putokaz_protocol_free(p);
}

void test_assess_json_with_errors(void) {
    const putokaz_protocol *p = load_demo();
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    size_t i;
    if (p == NULL) return;
    /* Unknown bits, alone or with known ones. */
    for (i = 0; i < UNKNOWN_FLAGS_COUNT; i++) {
        CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, AS_OF, NULL, UNKNOWN_FLAGS[i], &json, &d),
                 PUTOKAZ_RESULT_USAGE);
        CHECK(d != NULL && putokaz_diagnostic_code(d) == PUTOKAZ_RESULT_USAGE);
        CHECK_STR(diag_kind(d), "usage");
        CHECK_CONTAINS(diag_text(d), "flags");
        FREE_DIAGNOSTIC(d);
        d = NULL;
        CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, AS_OF, NULL, UNKNOWN_FLAGS[i], &json, NULL),
                 PUTOKAZ_RESULT_USAGE);
        CHECK(json == NULL);
    }

    /* NULL for each required argument (every argument in test_misuse.c). */
    CHECK_RC(putokaz_assess_json_with(NULL, DEMO_CASE_JSON, AS_OF, NULL, 0, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`protocol`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json_with(p, NULL, AS_OF, NULL, 0, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`case_json`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, NULL, NULL, 0, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`as_of`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, AS_OF, NULL, 0, NULL, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`out`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json_with(NULL, NULL, NULL, NULL, 0, NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK(json == NULL);

    /* Invalid UTF-8; a bad as_of and an unknown language, as for putokaz_assess_json. */
    CHECK_RC(putokaz_assess_json_with(p, "{\"id\":\"\xc0\xaf\"}", AS_OF, NULL, 0, &json, NULL),
             PUTOKAZ_RESULT_CASE_SYNTAX);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, "2026\xff", NULL, 0, &json, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, AS_OF, "e\xffn", 0, &json, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, "yesterday", NULL, 0, &json, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_CONTAINS(diag_text(d), "as_of");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, "2026-03-09T12:00:00", NULL, PUTOKAZ_ASSESS_FULL, &json, NULL),
             PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_assess_json_with(p, DEMO_CASE_JSON, AS_OF, "fr", 0, &json, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_CONTAINS(diag_text(d), "language");
    FREE_DIAGNOSTIC(d);
    CHECK(json == NULL);
    putokaz_protocol_free(p);
}

/* The accessors of two assessments agree on the outcome and the obligations. */
static void check_same_outcome(const putokaz_assessment *a, const putokaz_assessment *b) {
    putokaz_level la = 99, lb = 98;
    putokaz_classification ca = 99, cb = 98;
    putokaz_tri ta = 99, tb = 98;
    putokaz_child_basis ba = 99, bb = 98;
    char sa[32] = "a", sb[32] = "b", ia[128], ib[128];
    size_t n = 0, count_a = 0, count_b = 1, i;
    int64_t va = 1, vb = 2;
    uint32_t xa = 1, xb = 2;
    CHECK_OK(putokaz_assessment_level(a, &la));
    CHECK_OK(putokaz_assessment_level(b, &lb));
    CHECK(la == lb);
    CHECK_OK(putokaz_assessment_classification(a, &ca));
    CHECK_OK(putokaz_assessment_classification(b, &cb));
    CHECK(ca == cb);
    CHECK_OK(putokaz_assessment_score(a, sa, sizeof sa, &n));
    CHECK_OK(putokaz_assessment_score(b, sb, sizeof sb, &n));
    CHECK_STR(sa, sb);
    CHECK_OK(putokaz_assessment_score_scaled(a, &va, &xa));
    CHECK_OK(putokaz_assessment_score_scaled(b, &vb, &xb));
    CHECK(va == vb && xa == xb);
    CHECK_OK(putokaz_assessment_is_child(a, &ta));
    CHECK_OK(putokaz_assessment_is_child(b, &tb));
    CHECK(ta == tb);
    CHECK_OK(putokaz_assessment_child_basis(a, &ba));
    CHECK_OK(putokaz_assessment_child_basis(b, &bb));
    CHECK(ba == bb);
    CHECK_OK(putokaz_assessment_obligation_count(a, &count_a));
    CHECK_OK(putokaz_assessment_obligation_count(b, &count_b));
    CHECK(count_a == count_b);
    for (i = 0; i < count_a && i < count_b; i++) {
        putokaz_obligation_status s1 = 99, s2 = 98;
        CHECK_OK(putokaz_assessment_obligation_id(a, i, ia, sizeof ia, &n));
        CHECK_OK(putokaz_assessment_obligation_id(b, i, ib, sizeof ib, &n));
        CHECK_STR(ia, ib);
        CHECK_OK(putokaz_assessment_obligation_status(a, i, &s1));
        CHECK_OK(putokaz_assessment_obligation_status(b, i, &s2));
        CHECK(s1 == s2);
    }
}

void test_assess_with_typed_case(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c, *u = NULL;
    putokaz_assessment *full = NULL, *lean = NULL, *with_full = NULL;
    putokaz_diagnostic *d = NULL;
    char *json_full = NULL, *json_lean = NULL, *json_with_full = NULL, *want = NULL, *entry = NULL;
    size_t count = 99, n = 99;
    char buf[64];
    size_t i;
    if (p == NULL) return;
    c = build_demo_case();
    if (c == NULL) {
        putokaz_protocol_free(p);
        return;
    }
    CHECK_OK(putokaz_assess(p, c, AS_OF, NULL, &full, NULL));
    CHECK_OK(putokaz_assess_with(p, c, AS_OF, NULL, 0, &lean, &d));
    CHECK(d == NULL);
    CHECK_OK(putokaz_assess_with(p, c, AS_OF, NULL, PUTOKAZ_ASSESS_FULL, &with_full, NULL));
    if (full != NULL && lean != NULL && with_full != NULL) {
        putokaz_level level = 99;
        check_same_outcome(lean, full);
        CHECK_OK(putokaz_assessment_level(lean, &level));
        CHECK(level == PUTOKAZ_LEVEL_VERY_HIGH);
        /* With 0: no ranked unknowns and an empty text. */
        CHECK_OK(putokaz_assessment_unknown_count(lean, &count));
        CHECK(count == 0);
        CHECK_OK(putokaz_assessment_text(lean, buf, sizeof buf, &n));
        CHECK(n == 0 && buf[0] == '\0');
        /* As JSON: FULL is putokaz_assess, 0 is that without trace, unknowns and text,
         * and the JSON entry with the same flags says the same. */
        CHECK_OK(putokaz_assessment_to_json(full, &json_full));
        CHECK_OK(putokaz_assessment_to_json(with_full, &json_with_full));
        CHECK_OK(putokaz_assessment_to_json(lean, &json_lean));
        check_same("putokaz_assess_with(FULL) and putokaz_assess", json_with_full, json_full);
        want = json_assessment_without(json_full, 0);
        check_same("putokaz_assess_with(0) and putokaz_assess without trace, unknowns, text", json_lean, want);
        entry = assess_with_flags(p, DEMO_CASE_JSON, NULL, 0);
        check_same("putokaz_assess_with(0) and putokaz_assess_json_with(0)", json_lean, entry);
    }
    putokaz_assessment_free(full);
    putokaz_assessment_free(lean);
    putokaz_assessment_free(with_full);
    putokaz_string_free(json_full);
    putokaz_string_free(json_lean);
    putokaz_string_free(json_with_full);
    putokaz_string_free(entry);
    free(want);

    /* The case with a decisive unknown: the ranking only with PUTOKAZ_ASSESS_UNKNOWNS. */
    CHECK_OK(putokaz_case_from_json(UNKNOWNS_CASE_JSON, &u, NULL));
    if (u != NULL) {
        putokaz_assessment *a = NULL, *b = NULL;
        CHECK_OK(putokaz_assess_with(p, u, AS_OF, "en", PUTOKAZ_ASSESS_UNKNOWNS, &a, NULL));
        CHECK_OK(putokaz_assess_with(p, u, AS_OF, "en", PUTOKAZ_ASSESS_TRACE | PUTOKAZ_ASSESS_TEXT, &b, NULL));
        if (a != NULL && b != NULL) {
            check_same_outcome(a, b);
            CHECK_OK(putokaz_assessment_unknown_count(a, &count));
            CHECK(count >= 1);
            CHECK_OK(putokaz_assessment_unknown_input(a, 0, buf, sizeof buf, &n));
            CHECK_STR(buf, "daily_money_quota");
            CHECK_OK(putokaz_assessment_unknown_count(b, &count));
            CHECK(count == 0);
            CHECK_RC(putokaz_assessment_text(b, NULL, 0, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
            CHECK(n > 100);
        }
        putokaz_assessment_free(a);
        putokaz_assessment_free(b);
    }

    /* Errors: unknown bits, NULLs, a bad as_of, a case the pack refuses. */
    for (i = 0; i < UNKNOWN_FLAGS_COUNT; i++) {
        putokaz_assessment *a = NULL;
        d = NULL;
        CHECK_RC(putokaz_assess_with(p, c, AS_OF, NULL, UNKNOWN_FLAGS[i], &a, &d), PUTOKAZ_RESULT_USAGE);
        CHECK(a == NULL);
        CHECK_STR(diag_kind(d), "usage");
        CHECK_CONTAINS(diag_text(d), "flags");
        FREE_DIAGNOSTIC(d);
    }
    {
        putokaz_assessment *a = NULL;
        putokaz_case *bad = NULL;
        CHECK_RC(putokaz_assess_with(NULL, c, AS_OF, NULL, 0, &a, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_CONTAINS(diag_text(d), "`protocol`");
        FREE_DIAGNOSTIC(d);
        CHECK_RC(putokaz_assess_with(p, NULL, AS_OF, NULL, 0, &a, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_CONTAINS(diag_text(d), "`case`");
        FREE_DIAGNOSTIC(d);
        CHECK_RC(putokaz_assess_with(p, c, NULL, NULL, 0, &a, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_CONTAINS(diag_text(d), "`as_of`");
        FREE_DIAGNOSTIC(d);
        CHECK_RC(putokaz_assess_with(p, c, AS_OF, NULL, 0, NULL, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_CONTAINS(diag_text(d), "`out`");
        FREE_DIAGNOSTIC(d);
        CHECK_RC(putokaz_assess_with(p, c, "yesterday", NULL, 0, &a, &d), PUTOKAZ_RESULT_USAGE);
        CHECK_CONTAINS(diag_text(d), "as_of");
        FREE_DIAGNOSTIC(d);
        CHECK_RC(putokaz_assess_with(p, c, AS_OF, "fr", 0, &a, NULL), PUTOKAZ_RESULT_USAGE);
        /* Checked against the pack when assessed: the same code and path as putokaz_assess. */
        CHECK_OK(putokaz_case_new("bad", "2026-03-02T09:00:00+01:00", &bad));
        CHECK_OK(putokaz_case_observe_bool(bad, "no_such_indicator", true));
        CHECK_RC(putokaz_assess_with(p, bad, AS_OF, NULL, 0, &a, &d), PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR);
        CHECK_STR(diag_path(d), "$.observations[0].indicator");
        FREE_DIAGNOSTIC(d);
        CHECK_RC(putokaz_assess(p, bad, AS_OF, NULL, &a, NULL), PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR);
        CHECK(a == NULL);
        putokaz_case_free(bad);
    }
    putokaz_case_free(u);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}

void check_screening_agrees(const char *what, const char *s, const char *full, int ranked) {
    static const char *const statuses[] = {"overdue", "pending", "offered", "depends_on_unknown", "met"};
    size_t i, k;
    char msg[512];
    const char *due = NULL; /* the earliest, in due_buf */
    char due_buf[128], due_unix[32];
    long long best = 0;
    int before = harness_failures;
    if (s == NULL || full == NULL) {
        harness_fail(__FILE__, __LINE__, "no screening or no assessment to compare");
        return;
    }
    /* One line, the documented keys in their order. */
    CHECK(strchr(s, '\n') == NULL);
    {
        const char *previous = s;
        for (k = 0; k < sizeof SCREEN_KEYS / sizeof SCREEN_KEYS[0]; k++) {
            char key[64];
            const char *at;
            snprintf(key, sizeof key, "%s\"%s\":", k == 0 ? "{" : ",", SCREEN_KEYS[k]);
            at = strstr(previous, key);
            if (at == NULL) {
                snprintf(msg, sizeof msg, "%s: no %s after the key before it", what, key);
                harness_fail(__FILE__, __LINE__, msg);
            } else {
                previous = at + 1;
            }
        }
    }
    {
        /* No other key: the last documented one closes the object. */
        size_t len = 0;
        const char *last = json_find(s, "first_unknown", &len);
        CHECK(last != NULL && strcmp(last + len, "}") == 0);
    }
    CHECK_STR(json_get(s, "case_id"), json_get(full, "case_id"));
    CHECK_STR(json_get(s, "level"), json_get(full, "level.value"));
    CHECK_STR(json_get(s, "level_min"), json_get(full, "level.possible.min"));
    CHECK_STR(json_get(s, "level_max"), json_get(full, "level.possible.max"));
    CHECK_STR(json_get(s, "level_settled"), json_get(full, "level.settled"));
    CHECK_STR(json_get(s, "classification"), json_get(full, "classification.value"));
    CHECK_STR(json_get(s, "classification_settled"), json_get(full, "classification.settled"));
    CHECK_STR(json_get(s, "score"), json_get(full, "score.value"));
    CHECK_STR(json_get(s, "score_min"), json_get(full, "score.possible.min"));
    CHECK_STR(json_get(s, "score_max"), json_get(full, "score.possible.max"));
    CHECK_STR(json_get(s, "is_child"), json_get(full, "subject.is_child"));
    CHECK_STR(json_get(s, "child_basis"), json_get(full, "subject.child_basis"));
    /* The obligation counts, and the earliest due time of the pending and overdue ones. */
    for (k = 0; k < sizeof statuses / sizeof statuses[0]; k++) {
        char want[64], path[64];
        unsigned long n = 0;
        for (i = 0;; i++) {
            const char *status;
            snprintf(path, sizeof path, "obligations.%lu.status", (unsigned long)i);
            if ((status = json_get(full, path)) == NULL) break;
            if (strlen(status) == strlen(statuses[k]) + 2 && strncmp(status + 1, statuses[k], strlen(statuses[k])) == 0)
                n++;
        }
        snprintf(want, sizeof want, "%lu", n);
        CHECK_STR(json_get(s, statuses[k]), want);
    }
    for (i = 0;; i++) {
        char path[64];
        const char *status, *u;
        snprintf(path, sizeof path, "obligations.%lu.status", (unsigned long)i);
        if ((status = json_get(full, path)) == NULL) break;
        if (strcmp(status, "\"pending\"") != 0 && strcmp(status, "\"overdue\"") != 0) continue;
        snprintf(path, sizeof path, "obligations.%lu.due_unix", (unsigned long)i);
        u = json_get(full, path);
        if (u == NULL || strcmp(u, "null") == 0) continue;
        if (due == NULL || strtoll(u, NULL, 10) < best) {
            best = strtoll(u, NULL, 10);
            snprintf(due_unix, sizeof due_unix, "%s", u);
            snprintf(path, sizeof path, "obligations.%lu.due", (unsigned long)i);
            snprintf(due_buf, sizeof due_buf, "%s", json_get(full, path) ? json_get(full, path) : "?");
            due = due_buf;
        }
    }
    CHECK_STR(json_get(s, "next_due"), due ? due : "null");
    CHECK_STR(json_get(s, "next_due_unix"), due ? due_unix : "null");
    /* The first ranked unknown, when asked for. */
    if (!ranked) {
        CHECK_STR(json_get(s, "first_unknown"), "null");
    } else {
        const char *first = json_get(full, "unknowns.0.input");
        CHECK_STR(json_get(s, "first_unknown"), first ? first : "null");
    }
    if (harness_failures != before) {
        snprintf(msg, sizeof msg, "%s: the screening disagrees with the assessment: %.300s", what, s);
        harness_fail(__FILE__, __LINE__, msg);
    }
}

void test_screen_json_agrees_with_the_assessment(void) {
    const putokaz_protocol *p = load_demo();
    char *s, *r, *full;
    if (p == NULL) return;
    /* The demo case: very high, a presumed victim, 8.75; two obligations overdue, one
     * offered, one met; nothing unknown decides anything. */
    s = screen(p, DEMO_CASE_JSON, false);
    r = screen(p, DEMO_CASE_JSON, true);
    full = assess_full(p, DEMO_CASE_JSON, NULL);
    CHECK_CONTAINS(s, "{\"case_id\":\"demo-1\",");
    CHECK_CONTAINS(s, "\"level\":\"very_high\",\"level_min\":\"very_high\",\"level_max\":\"very_high\","
                      "\"level_settled\":true,");
    CHECK_CONTAINS(s, "\"classification\":\"presumed_victim\",\"classification_settled\":true,");
    CHECK_CONTAINS(s, "\"score\":\"8.75\",\"score_min\":\"8.75\",\"score_max\":\"11.75\",");
    CHECK_CONTAINS(s, "\"is_child\":\"true\",\"child_basis\":\"birth_date\",");
    CHECK_CONTAINS(s, "\"overdue\":2,\"pending\":0,\"offered\":1,\"depends_on_unknown\":0,\"met\":1,");
    CHECK_CONTAINS(s, "\"next_due\":\"2026-03-03T09:00:00+01:00\",\"next_due_unix\":1772524800,");
    CHECK_CONTAINS(s, "\"first_unknown\":null}");
    check_screening_agrees("demo, not ranked", s, full, 0);
    check_screening_agrees("demo, ranked", r, full, 1);
    CHECK(s != NULL && r != NULL && strcmp(s, r) == 0);
    putokaz_string_free(s);
    putokaz_string_free(r);
    putokaz_string_free(full);

    /* A case with a decisive unknown: ranked, it is named; otherwise null. */
    s = screen(p, UNKNOWNS_CASE_JSON, false);
    r = screen(p, UNKNOWNS_CASE_JSON, true);
    full = assess_full(p, UNKNOWNS_CASE_JSON, NULL);
    CHECK_CONTAINS(s, "\"first_unknown\":null}");
    CHECK_CONTAINS(r, "\"first_unknown\":\"daily_money_quota\"}");
    CHECK_CONTAINS(s, "\"classification_settled\":false");
    check_screening_agrees("unknowns, not ranked", s, full, 0);
    check_screening_agrees("unknowns, ranked", r, full, 1);
    putokaz_string_free(s);
    putokaz_string_free(r);
    putokaz_string_free(full);

    /* A case with nothing in it: no obligation, so no due time. */
    {
        static const char *const quiet = "{\"id\":\"quiet-1\",\"reported_at\":\"2026-03-02T09:00:00+01:00\"}";
        s = screen(p, quiet, true);
        full = assess_full(p, quiet, NULL);
        CHECK_CONTAINS(s, "\"next_due\":null,\"next_due_unix\":null,");
        check_screening_agrees("an empty case", s, full, 1);
        putokaz_string_free(s);
        putokaz_string_free(full);
    }
    putokaz_protocol_free(p);
}

/* A malformed case: the same code and path through every JSON entry. */
static void expect_same_refusal(const putokaz_protocol *p, const char *case_json, const char *as_of,
                                putokaz_result want) {
    char *out = NULL;
    putokaz_diagnostic *d = NULL;
    char path[256];
    int entry;
    CHECK_RC(putokaz_assess_json(p, case_json, as_of, NULL, &out, &d), want);
    snprintf(path, sizeof path, "%s", diag_path(d));
    FREE_DIAGNOSTIC(d);
    for (entry = 0; entry < 4; entry++) {
        putokaz_result rc;
        d = NULL;
        if (entry == 0) rc = putokaz_assess_json_with(p, case_json, as_of, NULL, 0, &out, &d);
        else if (entry == 1) rc = putokaz_assess_json_with(p, case_json, as_of, "en", PUTOKAZ_ASSESS_FULL, &out, &d);
        else rc = putokaz_screen_json(p, case_json, as_of, entry == 3, &out, &d);
        if (rc != want || d == NULL || putokaz_diagnostic_code(d) != want || strcmp(diag_path(d), path) != 0) {
            char msg[1024];
            snprintf(msg, sizeof msg, "entry %d: %s at \"%s\", expected %s at \"%s\" as putokaz_assess_json: %.200s",
                     entry, harness_code(rc), diag_path(d), harness_code(want), path, case_json);
            harness_fail(__FILE__, __LINE__, msg);
        }
        CHECK_NOT_CONTAINS(diag_text(d), "MARKER");
        FREE_DIAGNOSTIC(d);
    }
    CHECK(out == NULL);
}

#define CASE_HEAD "{\"id\":\"MARKER-1\",\"reported_at\":\"2026-03-02T09:00:00+01:00\""

void test_screen_json_errors(void) {
    const putokaz_protocol *p = load_demo();
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    if (p == NULL) return;
    /* Malformed cases: the code of putokaz_assess_json (the whole catalogue runs through
     * these entries in test_malformed.c). */
    expect_same_refusal(p, "{\"id\":\"MARKER-1\",\"reported_at\":", AS_OF, PUTOKAZ_RESULT_CASE_SYNTAX);
    expect_same_refusal(p, CASE_HEAD ",\"name\":\"MARKER\"}", AS_OF, PUTOKAZ_RESULT_CASE_SCHEMA);
    expect_same_refusal(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"MARKER_x\",\"value\":true}]}", AS_OF,
                        PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR);
    expect_same_refusal(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"unexcused_absences\",\"value\":true}]}",
                        AS_OF, PUTOKAZ_RESULT_CASE_WRONG_TYPE);
    expect_same_refusal(p, "{\"id\":\"c\",\"reported_at\":\"MARKER 2026\"}", AS_OF, PUTOKAZ_RESULT_CASE_INVALID_DATE);
    expect_same_refusal(p, CASE_HEAD ",\"subject\":{\"birth_date\":\"2027-01-01\"}}", AS_OF,
                        PUTOKAZ_RESULT_CASE_IMPOSSIBLE_DATE);
    expect_same_refusal(p, CASE_HEAD ",\"municipality\":\"MARKER-town\"}", AS_OF,
                        PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY);
    expect_same_refusal(p, CASE_HEAD ",\"events\":[{\"kind\":\"MARKER_e\",\"at\":\"2026-03-02T10:00:00+01:00\"}]}", AS_OF,
                        PUTOKAZ_RESULT_CASE_UNKNOWN_KIND);
    expect_same_refusal(p, "{\"id\":\"c\",\"reported_at\":\"2024-03-02T09:00:00+01:00\"}", "2024-06-01T00:00:00Z",
                        PUTOKAZ_RESULT_CASE_OUT_OF_EFFECT);

    /* A bad as_of is a usage error. */
    CHECK_RC(putokaz_screen_json(p, DEMO_CASE_JSON, "yesterday", false, &json, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_CONTAINS(diag_text(d), "as_of");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_screen_json(p, DEMO_CASE_JSON, "2026-03-09T12:00:00", true, &json, NULL), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_screen_json(p, DEMO_CASE_JSON, "", false, &json, NULL), PUTOKAZ_RESULT_USAGE);
    /* NULLs and invalid UTF-8. */
    CHECK_RC(putokaz_screen_json(NULL, DEMO_CASE_JSON, AS_OF, false, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`protocol`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_screen_json(p, NULL, AS_OF, false, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`case_json`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_screen_json(p, DEMO_CASE_JSON, NULL, false, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`as_of`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_screen_json(p, DEMO_CASE_JSON, AS_OF, true, NULL, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`out`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_screen_json(NULL, NULL, NULL, false, NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_screen_json(p, "{\"id\":\"\xc0\xaf\"}", AS_OF, false, &json, NULL), PUTOKAZ_RESULT_CASE_SYNTAX);
    CHECK_RC(putokaz_screen_json(p, DEMO_CASE_JSON, "2026\xff", false, &json, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK(json == NULL);
    putokaz_protocol_free(p);
}
