/* The typed case builder. */
#include "harness.h"

#include <stdlib.h>

void test_typed_case_matches_json(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = build_demo_case();
    putokaz_assessment *a = NULL;
    putokaz_diagnostic *d = NULL;
    char *typed = NULL, *from_json = NULL, *case_json = NULL, *via_case_json = NULL;
    if (p == NULL || c == NULL) {
        putokaz_protocol_free(p);
        putokaz_case_free(c);
        return;
    }
    CHECK_OK(putokaz_assess(p, c, AS_OF, NULL, &a, &d));
    CHECK(d == NULL);
    CHECK_OK(putokaz_assessment_to_json(a, &typed));
    /* The same case written as JSON by hand gives the same bytes ... */
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, NULL, &from_json, NULL));
    CHECK(typed != NULL && from_json != NULL && strcmp(typed, from_json) == 0);
    /* ... and so does the builder's own JSON. */
    CHECK_OK(putokaz_case_to_json(c, &case_json));
    CHECK_OK(putokaz_assess_json(p, case_json, AS_OF, NULL, &via_case_json, NULL));
    CHECK(typed != NULL && via_case_json != NULL && strcmp(typed, via_case_json) == 0);

    putokaz_string_free(typed);
    putokaz_string_free(from_json);
    putokaz_string_free(case_json);
    putokaz_string_free(via_case_json);
    putokaz_assessment_free(a);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}

/* Assesses `c` with `p` at AS_OF and returns the assessment (NULL and a failed check
 * if it fails). */
static putokaz_assessment *assess_ok(const putokaz_protocol *p, const putokaz_case *c) {
    putokaz_assessment *a = NULL;
    putokaz_diagnostic *d = NULL;
    CHECK_OK(putokaz_assess(p, c, AS_OF, NULL, &a, &d));
    if (d != NULL) fprintf(stderr, "    %s\n", diag_text(d));
    FREE_DIAGNOSTIC(d);
    return a;
}

void test_typed_case_setters(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    putokaz_child_basis basis = 99;
    putokaz_level level = 99;
    char *json = NULL;
    if (p == NULL) return;
    CHECK_OK(putokaz_case_new("t-1", "2026-03-02T09:00:00+01:00", &c));
    if (c == NULL) return;

    /* The age is given one way: each setter replaces the others. */
    CHECK_OK(putokaz_case_set_birth_date(c, "2014-05-01"));
    CHECK_OK(putokaz_case_set_age(c, 12));
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_CONTAINS(json, "\"subject\":{\"age\":12}");
    putokaz_string_free(json);
    a = assess_ok(p, c);
    CHECK_OK(putokaz_assessment_child_basis(a, &basis));
    CHECK(basis == PUTOKAZ_CHILD_BASIS_STATED_AGE);
    putokaz_assessment_free(a);

    CHECK_OK(putokaz_case_set_age_range(c, 15, 19));
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_CONTAINS(json, "\"subject\":{\"age_range\":{\"min\":15,\"max\":19}}");
    putokaz_string_free(json);
    a = assess_ok(p, c);
    CHECK_OK(putokaz_assessment_child_basis(a, &basis));
    CHECK(basis == PUTOKAZ_CHILD_BASIS_PRESUMED_MINOR_AGE_RANGE);
    putokaz_assessment_free(a);

    CHECK_OK(putokaz_case_set_birth_date(c, "1990-01-01"));
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_CONTAINS(json, "\"subject\":{\"birth_date\":\"1990-01-01\"}");
    putokaz_string_free(json);

    /* No age, but reasons to believe a child. */
    putokaz_case_free(c);
    c = NULL;
    CHECK_OK(putokaz_case_new("t-2", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_appears_minor(c, true));
    CHECK_OK(putokaz_case_set_sex(c, "male"));
    CHECK_OK(putokaz_case_set_citizenship(c, "RS"));
    CHECK_OK(putokaz_case_observe_unknown(c, "daily_money_quota"));
    CHECK_OK(putokaz_case_add_consent(c, "roma_mediator", false, NULL));
    CHECK_OK(putokaz_case_add_event(c, "csw_notified", "2026-03-02T10:00:00+01:00", NULL));
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_CONTAINS(json, "\"appears_minor\":true");
    CHECK_CONTAINS(json, "\"sex\":\"male\",\"citizenship\":\"RS\"");
    CHECK_CONTAINS(json, "{\"indicator\":\"daily_money_quota\",\"value\":null}");
    CHECK_CONTAINS(json, "\"consents\":[{\"scope\":\"roma_mediator\",\"given\":false}]");
    CHECK_CONTAINS(json, "\"events\":[{\"kind\":\"csw_notified\",\"at\":\"2026-03-02T10:00:00+01:00\"}]");
    putokaz_string_free(json);
    a = assess_ok(p, c);
    CHECK_OK(putokaz_assessment_child_basis(a, &basis));
    CHECK(basis == PUTOKAZ_CHILD_BASIS_PRESUMED_MINOR_APPEARANCE);
    putokaz_assessment_free(a);
    putokaz_case_free(c);

    /* A discretionary override moves the level one step. */
    c = build_demo_case();
    if (c != NULL) {
        CHECK_OK(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_LOWER, "seen by the team", "reviewer-7"));
        a = assess_ok(p, c);
        CHECK_OK(putokaz_assessment_level(a, &level));
        CHECK(level == PUTOKAZ_LEVEL_HIGH); /* very_high lowered once */
        putokaz_assessment_free(a);
        CHECK_RC(putokaz_case_set_discretionary_override(c, 7, "r", "r"), PUTOKAZ_RESULT_USAGE);
        CHECK_RC(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_RAISE, NULL, "r"), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_RC(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_RAISE, "r", NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
        putokaz_case_free(c);
    }
    putokaz_protocol_free(p);
}

void test_typed_case_argument_errors(void) {
    putokaz_case *c = NULL;
    char *json = NULL;
    const char *bad = "bad\xff";
    CHECK_RC(putokaz_case_new(NULL, "2026-03-02T09:00:00+01:00", &c), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_new("x", NULL, &c), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_new(bad, "2026-03-02T09:00:00+01:00", &c), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK(c == NULL);

    /* Every setter refuses a NULL case ... */
    CHECK_RC(putokaz_case_set_municipality(NULL, "Jajce"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_reporter(NULL, "school"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_birth_date(NULL, "2014-01-01"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_age(NULL, 1), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_age_range(NULL, 1, 2), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_appears_minor(NULL, true), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_sex(NULL, "female"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_citizenship(NULL, "BA"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_bool(NULL, "forced_begging", true), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_count(NULL, "unexcused_absences", 3), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_enum(NULL, "begging_frequency", "daily"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_unknown(NULL, "forced_begging"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_add_event(NULL, "csw_notified", "2026-03-02T10:00:00+01:00", NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_add_consent(NULL, "roma_mediator", true, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_discretionary_override(NULL, PUTOKAZ_DIRECTION_RAISE, "r", "r"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_to_json(NULL, &json), PUTOKAZ_RESULT_NULL_PARAMETER);

    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    if (c == NULL) return;
    /* ... a NULL text ... */
    CHECK_RC(putokaz_case_set_municipality(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_reporter(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_birth_date(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_sex(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_citizenship(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_bool(c, NULL, true), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_count(c, NULL, 1), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_enum(c, NULL, "daily"), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_enum(c, "begging_frequency", NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_observe_unknown(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_add_event(c, NULL, "2026-03-02T10:00:00+01:00", NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_add_event(c, "csw_notified", NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_add_consent(c, NULL, true, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_to_json(c, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    /* ... and text that is not UTF-8. */
    CHECK_RC(putokaz_case_set_municipality(c, bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_set_reporter(c, bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_set_birth_date(c, bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_set_sex(c, bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_set_citizenship(c, bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_observe_bool(c, bad, true), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_observe_enum(c, "begging_frequency", bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_add_event(c, "csw_notified", "2026-03-02T10:00:00+01:00", bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_add_consent(c, "roma_mediator", true, bad), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_RAISE, bad, "r"), PUTOKAZ_RESULT_INVALID_UTF8);
    /* Refused calls left the case as it was. */
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_STR(json, "{\"id\":\"x\",\"reported_at\":\"2026-03-02T09:00:00+01:00\",\"subject\":{}}");
    putokaz_string_free(json);
    putokaz_case_free(c);
    putokaz_case_free(NULL); /* does nothing */
}

/* Assesses `c` with the demo pack at AS_OF, expecting `want` at `path`. */
static void expect_assess_error(const putokaz_protocol *p, const putokaz_case *c, putokaz_result want, const char *path) {
    putokaz_assessment *a = NULL;
    putokaz_diagnostic *d = NULL;
    CHECK_RC(putokaz_assess(p, c, AS_OF, NULL, &a, &d), want);
    CHECK(a == NULL);
    CHECK_STR(diag_path(d), path);
    CHECK_NOT_CONTAINS(diag_text(d), "MARKER");
    FREE_DIAGNOSTIC(d);
    putokaz_assessment_free(a);
}

void test_typed_case_errors_name_the_path(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    if (p == NULL) return;

    /* An unknown indicator, named by its place among the observations. */
    CHECK_OK(putokaz_case_new("MARKER-id", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_observe_bool(c, "forced_begging", true));
    CHECK_OK(putokaz_case_observe_count(c, "unexcused_absences", 3));
    CHECK_OK(putokaz_case_observe_bool(c, "MARKER_not_an_indicator", true));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR, "$.observations[2].indicator");
    putokaz_case_free(c);

    /* A value of the wrong type: a count for a yes/no indicator; an enum value not listed. */
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_observe_count(c, "forced_begging", 2));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_WRONG_TYPE, "$.observations[0].value");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_observe_enum(c, "begging_frequency", "MARKER-hourly"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_WRONG_TYPE, "$.observations[0].value");
    putokaz_case_free(c);

    /* Bad dates. */
    CHECK_OK(putokaz_case_new("x", "MARKER-2 March", &c));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_INVALID_DATE, "$.reported_at");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_birth_date(c, "2014-02-30"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_INVALID_DATE, "$.subject.birth_date");
    CHECK_OK(putokaz_case_set_age_range(c, 19, 15));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_IMPOSSIBLE_DATE, "$.subject.age_range");
    CHECK_OK(putokaz_case_set_age(c, 10));
    CHECK_OK(putokaz_case_add_event(c, "csw_notified", "2026-03-02 10:00", NULL));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_INVALID_DATE, "$.events[0].at");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-10T09:00:00+01:00", &c)); /* after as_of */
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_IMPOSSIBLE_DATE, "$.reported_at");
    putokaz_case_free(c);

    /* Unknown names: event kind, consent scope, role, municipality; bad sex and citizenship. */
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_add_event(c, "csw_notified", "2026-03-02T10:00:00+01:00", "school"));
    CHECK_OK(putokaz_case_add_event(c, "MARKER_event", "2026-03-02T10:00:00+01:00", NULL));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_UNKNOWN_KIND, "$.events[1].kind");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_add_consent(c, "MARKER_scope", true, "2026-03-02T10:00:00+01:00"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_UNKNOWN_KIND, "$.consents[0].scope");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_reporter(c, "MARKER_role"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_UNKNOWN_KIND, "$.reporter");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_municipality(c, "Jajze"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY, "$.municipality");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_sex(c, "MARKER"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_WRONG_TYPE, "$.subject.sex");
    CHECK_OK(putokaz_case_set_sex(c, "female"));
    CHECK_OK(putokaz_case_set_citizenship(c, "bih"));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_WRONG_TYPE, "$.subject.citizenship");
    putokaz_case_free(c);

    /* Conflicting observations; an override without a reviewer; an empty id. */
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_observe_count(c, "unexcused_absences", 3));
    CHECK_OK(putokaz_case_observe_count(c, "unexcused_absences", 4));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_CONFLICT, "$.observations[1].value");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_RAISE, "MARKER reason", ""));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_INVALID_OVERRIDE, "$.discretionary_override.reviewer");
    putokaz_case_free(c);
    CHECK_OK(putokaz_case_new(" ", "2026-03-02T09:00:00+01:00", &c));
    expect_assess_error(p, c, PUTOKAZ_RESULT_CASE_SCHEMA, "$.id");

    /* Argument errors of putokaz_assess. */
    CHECK_RC(putokaz_assess(NULL, c, AS_OF, NULL, &a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assess(p, NULL, AS_OF, NULL, &a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assess(p, c, NULL, NULL, &a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assess(p, c, AS_OF, NULL, NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assess(p, c, "\xff", NULL, &a, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_RC(putokaz_assess(p, c, "tomorrow", NULL, &a, NULL), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_assess(p, c, AS_OF, "de", &a, NULL), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_assess(p, c, "2024-01-01T00:00:00Z", NULL, &a, NULL), PUTOKAZ_RESULT_CASE_OUT_OF_EFFECT);
    CHECK(a == NULL);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}

void test_typed_case_limits(void) {
    putokaz_case *c = NULL;
    char *long_text = malloc(5001);
    size_t i;
    putokaz_result rc = PUTOKAZ_RESULT_OK;
    if (long_text == NULL) return;
    memset(long_text, 'a', 5000);
    long_text[5000] = '\0';
    CHECK_RC(putokaz_case_new(long_text, "2026-03-02T09:00:00+01:00", &c), PUTOKAZ_RESULT_CASE_LIMIT);
    CHECK_OK(putokaz_case_new("x", "2026-03-02T09:00:00+01:00", &c));
    if (c == NULL) {
        free(long_text);
        return;
    }
    CHECK_RC(putokaz_case_set_municipality(c, long_text), PUTOKAZ_RESULT_CASE_LIMIT);
    CHECK_RC(putokaz_case_observe_bool(c, long_text, true), PUTOKAZ_RESULT_CASE_LIMIT);
    CHECK_RC(putokaz_case_observe_enum(c, "begging_frequency", long_text), PUTOKAZ_RESULT_CASE_LIMIT);
    CHECK_RC(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_RAISE, long_text, "r"), PUTOKAZ_RESULT_CASE_LIMIT);
    /* At most 4096 observations, events and consents each. */
    for (i = 0; i < 4096 && rc == PUTOKAZ_RESULT_OK; i++) rc = putokaz_case_observe_bool(c, "forced_begging", true);
    CHECK_OK(rc);
    CHECK_RC(putokaz_case_observe_bool(c, "forced_begging", true), PUTOKAZ_RESULT_CASE_LIMIT);
    CHECK_RC(putokaz_case_observe_unknown(c, "forced_begging"), PUTOKAZ_RESULT_CASE_LIMIT);
    for (i = 0; i < 4096 && rc == PUTOKAZ_RESULT_OK; i++) rc = putokaz_case_add_event(c, "csw_notified", "2026-03-02T10:00:00+01:00", NULL);
    CHECK_OK(rc);
    CHECK_RC(putokaz_case_add_event(c, "csw_notified", "2026-03-02T10:00:00+01:00", NULL), PUTOKAZ_RESULT_CASE_LIMIT);
    for (i = 0; i < 4096 && rc == PUTOKAZ_RESULT_OK; i++) rc = putokaz_case_add_consent(c, "roma_mediator", true, NULL);
    CHECK_OK(rc);
    CHECK_RC(putokaz_case_add_consent(c, "roma_mediator", true, NULL), PUTOKAZ_RESULT_CASE_LIMIT);
    putokaz_case_free(c);
    free(long_text);
}

void test_case_json_round_trip(void) {
    putokaz_case *c = NULL, *back = NULL;
    putokaz_diagnostic *d = NULL;
    char *json = NULL, *again = NULL;
    c = build_demo_case();
    if (c == NULL) return;
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_OK(putokaz_case_from_json(json, &back, &d));
    CHECK(d == NULL);
    CHECK_OK(putokaz_case_to_json(back, &again));
    CHECK(json != NULL && again != NULL && strcmp(json, again) == 0);
    putokaz_string_free(json);
    putokaz_string_free(again);
    putokaz_case_free(back);
    putokaz_case_free(c);

    back = NULL;
    CHECK_RC(putokaz_case_from_json("{\"id\":\"x\",\"reported_at\":\"MARKER\",\"nme\":\"MARKER\"}", &back, &d),
             PUTOKAZ_RESULT_CASE_SCHEMA);
    CHECK(back == NULL);
    CHECK_CONTAINS(diag_text(d), "unknown field");
    CHECK_NOT_CONTAINS(diag_text(d), "MARKER");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_case_from_json("{\"id\": ", &back, &d), PUTOKAZ_RESULT_CASE_SYNTAX);
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_case_from_json(NULL, &back, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_from_json("{}", NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    /* Case JSON that is not UTF-8 is not JSON: case.syntax, as from Rust and Python. */
    CHECK_RC(putokaz_case_from_json("\"\xff\"", &back, NULL), PUTOKAZ_RESULT_CASE_SYNTAX);
}

/* observed_at and observed_by from the typed builder: the same JSON as a case that
 * writes them, checked when assessing as the JSON is. */
void test_typed_case_observation_source(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    putokaz_diagnostic *d = NULL;
    char *json = NULL;
    if (p == NULL) return;
    CHECK_OK(putokaz_case_new("seen-1", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_age(c, 12));
    CHECK_OK(putokaz_case_observe_bool(c, "forced_begging", true));
    CHECK_OK(putokaz_case_observe_count(c, "unexcused_absences", 30));
    CHECK_OK(putokaz_case_set_observed(c, 0, "2026-02-27T16:00:00+01:00", "school"));
    CHECK_OK(putokaz_case_set_observed(c, 1, NULL, "school"));
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_CONTAINS(json, "{\"indicator\":\"forced_begging\",\"value\":true,\"observed_at\":\"2026-02-27T16:00:00+01:00\","
                         "\"observed_by\":\"school\"}");
    CHECK_CONTAINS(json, "{\"indicator\":\"unexcused_absences\",\"value\":30,\"observed_by\":\"school\"}");
    putokaz_string_free(json);
    CHECK_OK(putokaz_assess(p, c, AS_OF, NULL, &a, &d));
    putokaz_assessment_free(a);
    a = NULL;
    /* NULL clears what was set. */
    CHECK_OK(putokaz_case_set_observed(c, 0, NULL, NULL));
    json = NULL;
    CHECK_OK(putokaz_case_to_json(c, &json));
    CHECK_CONTAINS(json, "{\"indicator\":\"forced_begging\",\"value\":true}");
    putokaz_string_free(json);

    /* A role the pack does not have, a time that cannot be read: refused when assessing,
     * at the observation's path. */
    CHECK_OK(putokaz_case_set_observed(c, 1, NULL, "astrologer"));
    CHECK_RC(putokaz_assess(p, c, AS_OF, NULL, &a, &d), PUTOKAZ_RESULT_CASE_UNKNOWN_KIND);
    CHECK_STR(diag_path(d), "$.observations[1].observed_by");
    CHECK_NOT_CONTAINS(diag_text(d), "astrologer");
    FREE_DIAGNOSTIC(d);
    CHECK_OK(putokaz_case_set_observed(c, 1, "yesterday", NULL));
    CHECK_RC(putokaz_assess(p, c, AS_OF, NULL, &a, &d), PUTOKAZ_RESULT_CASE_INVALID_DATE);
    CHECK_STR(diag_path(d), "$.observations[1].observed_at");
    FREE_DIAGNOSTIC(d);
    CHECK(a == NULL);

    /* An observation that was not added; NULL case; bad text. */
    CHECK_RC(putokaz_case_set_observed(c, 2, NULL, NULL), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_case_set_observed(NULL, 0, NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_case_set_observed(c, 0, "\xff", NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}
