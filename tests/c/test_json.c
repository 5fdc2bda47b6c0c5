/* The JSON entry point and the diagnostics of its failures. */
#include "harness.h"

#include <stdlib.h>

void test_assess_json_ok(void) {
    const putokaz_protocol *p = load_demo();
    char *json = NULL, *en = NULL, *again = NULL;
    putokaz_diagnostic *d = NULL;
    if (p == NULL) return;
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, NULL, &json, &d));
    CHECK(d == NULL);
    CHECK_CONTAINS(json, "\"case_id\":\"demo-1\"");
    CHECK_CONTAINS(json, "\"language\":\"bs\"");
    CHECK_CONTAINS(json, "\"level\":{\"value\":\"very_high\"");
    CHECK_CONTAINS(json, "\"classification\":{\"value\":\"presumed_victim\"");
    CHECK_CONTAINS(json, "\"engine\":{\"name\":\"putokaz\",\"version\":\"" PUTOKAZ_VERSION_STRING "\"}");
    CHECK_CONTAINS(json, "\"as_of\":\"2026-03-09T12:00:00+01:00\"");

    /* Another language; and the same inputs give the same bytes. */
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, "en", &en, NULL));
    CHECK_CONTAINS(en, "\"language\":\"en\"");
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, NULL, &again, NULL));
    CHECK(json != NULL && again != NULL && strcmp(json, again) == 0);
    /* as_of in another offset is the same instant. */
    putokaz_string_free(again);
    again = NULL;
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, "2026-03-09T11:00:00Z", NULL, &again, NULL));
    CHECK(json != NULL && again != NULL && strcmp(json, again) == 0);

    putokaz_string_free(json);
    putokaz_string_free(en);
    putokaz_string_free(again);
    putokaz_string_free(NULL); /* does nothing */
    putokaz_protocol_free(p);
}

void test_assess_json_argument_errors(void) {
    const putokaz_protocol *p = load_demo();
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    if (p == NULL) return;
    CHECK_RC(putokaz_assess_json(NULL, DEMO_CASE_JSON, AS_OF, NULL, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`protocol`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json(p, NULL, AS_OF, NULL, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`case_json`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, NULL, NULL, &json, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, NULL, NULL, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_CONTAINS(diag_text(d), "`out`");
    FREE_DIAGNOSTIC(d);
    CHECK(json == NULL);

    /* Invalid UTF-8: case JSON that is not UTF-8 is not JSON (case.syntax, as in every
     * language); any other text argument is invalid_utf8. */
    CHECK_RC(putokaz_assess_json(p, "{\"id\":\"\xc0\xaf\"}", AS_OF, NULL, &json, NULL), PUTOKAZ_RESULT_CASE_SYNTAX);
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, "2026\xff", NULL, &json, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, "e\xffn", &json, NULL), PUTOKAZ_RESULT_INVALID_UTF8);

    /* A bad as_of and an unknown language are usage errors. */
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, "yesterday", NULL, &json, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_CONTAINS(diag_text(d), "as_of");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, "2026-03-09T12:00:00", NULL, &json, NULL), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, "fr", &json, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_CONTAINS(diag_text(d), "language");
    FREE_DIAGNOSTIC(d);
    CHECK(json == NULL);
    putokaz_protocol_free(p);
}

/* Assesses `case_json` with the demo pack, expects `want` and the JSON path `path` (not
 * checked when NULL), and that the diagnostic does not repeat the marker value the case
 * carries. */
static void expect_case_error(const putokaz_protocol *p, const char *case_json, putokaz_result want,
                              const char *path) {
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    char kind[64];
    int before = harness_failures;
    CHECK_RC(putokaz_assess_json(p, case_json, AS_OF, NULL, &json, &d), want);
    CHECK(json == NULL);
    CHECK(d != NULL);
    if (d == NULL) return;
    CHECK(putokaz_diagnostic_code(d) == want);
    snprintf(kind, sizeof kind, "%s", putokaz_result_name(want));
    CHECK_STR(diag_kind(d), kind);
    if (path != NULL) CHECK_STR(diag_path(d), path);
    CHECK_NOT_CONTAINS(diag_text(d), "MARKER");
    if (harness_failures != before) fprintf(stderr, "    diagnostic: %s\n", diag_text(d));
    FREE_DIAGNOSTIC(d);
}

#define CASE_HEAD "{\"id\":\"MARKER-1\",\"reported_at\":\"2026-03-02T09:00:00+01:00\""

void test_assess_json_case_errors(void) {
    const putokaz_protocol *p = load_demo();
    char *big;
    if (p == NULL) return;
    /* Syntax errors carry no path (the core gives them "$"): where the text breaks is in
     * the message, as line and column. */
    expect_case_error(p, "{\"id\":\"MARKER-1\",\"reported_at\":", PUTOKAZ_RESULT_CASE_SYNTAX, "$");
    expect_case_error(p, "{\"id\":\"MARKER-1\" \"reported_at\":1}", PUTOKAZ_RESULT_CASE_SYNTAX, NULL);
    expect_case_error(p, CASE_HEAD ",\"name\":\"MARKER\"}", PUTOKAZ_RESULT_CASE_SCHEMA, "$[key 2]");
    expect_case_error(p, CASE_HEAD ",\"subject\":{\"age\":\"MARKER\"}}", PUTOKAZ_RESULT_CASE_SCHEMA, "$.subject.age");
    expect_case_error(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"forced_begging\",\"value\":true},"
                                  "{\"indicator\":\"MARKER_indicator\",\"value\":true}]}",
                      PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR, "$.observations[1].indicator");
    expect_case_error(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"unexcused_absences\",\"value\":true}]}",
                      PUTOKAZ_RESULT_CASE_WRONG_TYPE, "$.observations[0].value");
    expect_case_error(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"begging_frequency\",\"value\":\"MARKER\"}]}",
                      PUTOKAZ_RESULT_CASE_WRONG_TYPE, "$.observations[0].value");
    expect_case_error(p, "{\"id\":\"c\",\"reported_at\":\"MARKER 2026\"}", PUTOKAZ_RESULT_CASE_INVALID_DATE, "$.reported_at");
    expect_case_error(p, CASE_HEAD ",\"subject\":{\"birth_date\":\"2014-13-45\"}}", PUTOKAZ_RESULT_CASE_INVALID_DATE,
                      "$.subject.birth_date");
    expect_case_error(p, CASE_HEAD ",\"subject\":{\"birth_date\":\"2027-01-01\"}}", PUTOKAZ_RESULT_CASE_IMPOSSIBLE_DATE,
                      "$.subject.birth_date");
    expect_case_error(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"forced_begging\",\"value\":true},"
                                  "{\"indicator\":\"forced_begging\",\"value\":false}]}",
                      PUTOKAZ_RESULT_CASE_CONFLICT, "$.observations[1].value");
    expect_case_error(p, CASE_HEAD ",\"municipality\":\"MARKER-town\"}", PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY,
                      "$.municipality");
    expect_case_error(p, CASE_HEAD ",\"events\":[{\"kind\":\"MARKER_event\",\"at\":\"2026-03-02T10:00:00+01:00\"}]}",
                      PUTOKAZ_RESULT_CASE_UNKNOWN_KIND, "$.events[0].kind");
    expect_case_error(p, CASE_HEAD ",\"discretionary_override\":{\"direction\":\"raise\",\"reason\":\" \",\"reviewer\":\"MARKER\"}}",
                      PUTOKAZ_RESULT_CASE_INVALID_OVERRIDE, "$.discretionary_override.reason");
    {
        char *json = NULL;
        putokaz_diagnostic *d = NULL;
        CHECK_RC(putokaz_assess_json(p, "{\"id\":\"c\",\"reported_at\":\"2024-03-02T09:00:00+01:00\"}",
                                     "2024-06-01T00:00:00Z", NULL, &json, &d),
                 PUTOKAZ_RESULT_CASE_OUT_OF_EFFECT);
        CHECK_STR(diag_path(d), "$");
        FREE_DIAGNOSTIC(d);
    }

    /* Longer than a case may be: a limit, not a crash. */
    big = malloc(5000 + 64);
    if (big != NULL) {
        strcpy(big, "{\"id\":\"");
        memset(big + 7, 'M', 5000);
        strcpy(big + 7 + 5000, "\",\"reported_at\":\"2026-03-02T09:00:00+01:00\"}");
        expect_case_error(p, big, PUTOKAZ_RESULT_CASE_LIMIT, "$.id");
        free(big);
    }
    putokaz_protocol_free(p);
}

void test_diagnostic_accessors(void) {
    const putokaz_protocol *p = load_demo();
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    char buf[256], tiny[2];
    size_t n = 0, count = 99;
    unsigned line = 0, column = 0;
    putokaz_result code = PUTOKAZ_RESULT_OK;
    if (p == NULL) return;
    CHECK_RC(putokaz_assess_json(p, CASE_HEAD ",\"observations\":[{\"indicator\":\"nope\",\"value\":true}]}", AS_OF,
                                 NULL, &json, &d),
             PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR);
    CHECK_OK(putokaz_diagnostic_kind(d, buf, sizeof buf, &n));
    CHECK_STR(buf, "case.unknown_indicator");
    CHECK_OK(putokaz_diagnostic_message(d, buf, sizeof buf, &n));
    CHECK_CONTAINS(buf, "c-demo");
    CHECK_OK(putokaz_diagnostic_path(d, buf, sizeof buf, &n));
    CHECK_STR(buf, "$.observations[0].indicator");
    CHECK_OK(putokaz_diagnostic_text(d, buf, sizeof buf, &n));
    CHECK_CONTAINS(buf, "$.observations[0].indicator: unknown_indicator: ");
    /* A case error has no pack issues. */
    CHECK_OK(putokaz_diagnostic_issue_count(d, &count));
    CHECK(count == 0);
    CHECK_RC(putokaz_diagnostic_issue_code(d, 0, &code), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_diagnostic_issue_message(d, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_diagnostic_issue_location(d, 0, buf, sizeof buf, &n, &line, &column),
             PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    /* Buffers too small. */
    CHECK_RC(putokaz_diagnostic_kind(d, tiny, sizeof tiny, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n == strlen("case.unknown_indicator"));
    CHECK_RC(putokaz_diagnostic_path(d, tiny, sizeof tiny, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK_RC(putokaz_diagnostic_message(d, tiny, sizeof tiny, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK_RC(putokaz_diagnostic_text(d, tiny, sizeof tiny, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    /* NULL written / buffer. */
    CHECK_RC(putokaz_diagnostic_kind(d, buf, sizeof buf, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_count(d, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_code(d, 0, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_location(d, 0, buf, sizeof buf, &n, NULL, &column), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_location(d, 0, buf, sizeof buf, &n, &line, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    FREE_DIAGNOSTIC(d);

    /* A usage error has no path. */
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, "soon", NULL, &json, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_diagnostic_path(d, buf, sizeof buf, &n), PUTOKAZ_RESULT_NO_VALUE);
    FREE_DIAGNOSTIC(d);

    /* A pack issue without a location. */
    {
        const putokaz_protocol *q = NULL;
        CHECK_RC(putokaz_protocol_from_path(harness_path("tests/c/fixtures"), &q, &d), PUTOKAZ_RESULT_PACK_MISSING_FILE);
        CHECK_OK(putokaz_diagnostic_issue_count(d, &count));
        CHECK(count == 1);
        CHECK_RC(putokaz_diagnostic_issue_location(d, 0, buf, sizeof buf, &n, &line, &column), PUTOKAZ_RESULT_NO_VALUE);
        FREE_DIAGNOSTIC(d);
    }

    /* A NULL diagnostic. */
    CHECK(putokaz_diagnostic_code(NULL) == PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_kind(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_message(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_path(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_text(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_count(NULL, &count), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_code(NULL, 0, &code), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_message(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_diagnostic_issue_location(NULL, 0, buf, sizeof buf, &n, &line, &column),
             PUTOKAZ_RESULT_NULL_PARAMETER);
    putokaz_diagnostic_free(NULL); /* does nothing */
    putokaz_protocol_free(p);
}

/* One diagnostic variable across calls: a diagnostic still held is refused, never
 * overwritten (which would leak it) nor freed (the caller may have freed it already);
 * once freed and set back to NULL the variable serves the next failure. valgrind with
 * the strict leak check (tests/c/run.sh) sees no leak here. */
void test_diagnostic_reuse_is_refused(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_diagnostic *d = NULL, *first = NULL;
    char *json = NULL;
    const putokaz_protocol *other = NULL;
    putokaz_case *c = NULL;
    if (p == NULL) return;
    CHECK_RC(putokaz_assess_json(p, "{", AS_OF, NULL, &json, &d), PUTOKAZ_RESULT_CASE_SYNTAX);
    CHECK(d != NULL);
    first = d;
    /* A second failing call with the same variable: refused before anything is done. */
    CHECK_RC(putokaz_assess_json(p, "[]", AS_OF, NULL, &json, &d), PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE);
    CHECK(d == first);
    CHECK(json == NULL);
    CHECK_STR(diag_kind(d), "case.syntax"); /* still the first one, intact */
    /* A call that would succeed is refused too: the rule does not depend on the outcome. */
    CHECK_RC(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, NULL, &json, &d), PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE);
    CHECK(json == NULL);
    CHECK_RC(putokaz_protocol_bundled("bih", &other, &d), PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE);
    CHECK(other == NULL);
    CHECK_RC(putokaz_case_from_json("{}", &c, &d), PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE);
    CHECK(c == NULL);
    /* Freed and set back to NULL, the variable takes the next diagnostic. */
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_assess_json(p, "[]", AS_OF, NULL, &json, &d), PUTOKAZ_RESULT_CASE_SCHEMA);
    CHECK(d != NULL);
    FREE_DIAGNOSTIC(d);
    /* NULL for the argument itself still means "no detail wanted". */
    CHECK_RC(putokaz_assess_json(p, "[]", AS_OF, NULL, &json, NULL), PUTOKAZ_RESULT_CASE_SCHEMA);
    putokaz_protocol_free(p);
}
