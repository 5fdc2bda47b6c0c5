/* The C-only part of the malformed-input catalogue: misuse that only a C caller can
 * commit. A NULL for every pointer argument of the JSON entry points (putokaz_assess_json,
 * putokaz_assess_json_with, putokaz_screen_json), the typed builder, putokaz_assess,
 * putokaz_assess_with and putokaz_assessment_to_json (optional ones must be accepted);
 * zero-length texts; and zero-length, short, exact and NULL buffers for every function
 * that copies text out ("Strings out" in include/putokaz.h). Each entry is a row of a
 * table, so the count says what is covered; valgrind and ASan (tests/c/run.sh) check that
 * none of it reads or writes out of bounds or leaks. */
#include "harness.h"

#include <stdlib.h>

#define T0 "2026-03-02T09:00:00+01:00"
#define T1 "2026-03-02T10:00:00+01:00"
#define AS_OF_BIH "2026-03-06T12:00:00+01:00"
#define GOOD_CASE "{\"id\":\"m\",\"reported_at\":\"" T0 "\",\"municipality\":\"Jajce\",\"reporter\":\"school\"}"

/* ---- NULL pointers ------------------------------------------------------------------ */

/* The objects the rows work on, made fresh for each row. */
static const putokaz_protocol *g_bih;
static putokaz_case *g_case;
static putokaz_assessment *g_assessment;
static char *g_json;
static putokaz_case *g_new_case;
static putokaz_assessment *g_new_assessment;
static putokaz_diagnostic *g_diag;

typedef struct {
    const char *name;     /* the call and the argument that is NULL */
    const char *argument; /* the name the diagnostic must give, or NULL (no diagnostic) */
    putokaz_result want;
    putokaz_result (*run)(void);
} null_row;

#define D &g_diag
static putokaz_result j_protocol(void) { return putokaz_assess_json(NULL, GOOD_CASE, AS_OF_BIH, NULL, &g_json, D); }
static putokaz_result j_case(void) { return putokaz_assess_json(g_bih, NULL, AS_OF_BIH, NULL, &g_json, D); }
static putokaz_result j_as_of(void) { return putokaz_assess_json(g_bih, GOOD_CASE, NULL, NULL, &g_json, D); }
static putokaz_result j_out(void) { return putokaz_assess_json(g_bih, GOOD_CASE, AS_OF_BIH, "en", NULL, D); }
static putokaz_result j_all(void) { return putokaz_assess_json(NULL, NULL, NULL, NULL, NULL, NULL); }
static putokaz_result j_language(void) { return putokaz_assess_json(g_bih, GOOD_CASE, AS_OF_BIH, NULL, &g_json, D); }
static putokaz_result j_diagnostic(void) { return putokaz_assess_json(g_bih, GOOD_CASE, AS_OF_BIH, "en", &g_json, NULL); }
static putokaz_result j_null_diag_err(void) { return putokaz_assess_json(g_bih, NULL, AS_OF_BIH, "en", &g_json, NULL); }

static putokaz_result a_protocol(void) { return putokaz_assess(NULL, g_case, AS_OF_BIH, NULL, &g_new_assessment, D); }
static putokaz_result a_case(void) { return putokaz_assess(g_bih, NULL, AS_OF_BIH, NULL, &g_new_assessment, D); }
static putokaz_result a_as_of(void) { return putokaz_assess(g_bih, g_case, NULL, NULL, &g_new_assessment, D); }
static putokaz_result a_out(void) { return putokaz_assess(g_bih, g_case, AS_OF_BIH, NULL, NULL, D); }
static putokaz_result a_language(void) { return putokaz_assess(g_bih, g_case, AS_OF_BIH, NULL, &g_new_assessment, D); }
static putokaz_result a_diagnostic(void) { return putokaz_assess(g_bih, g_case, AS_OF_BIH, "en", &g_new_assessment, NULL); }
static putokaz_result w_protocol(void) { return putokaz_assess_json_with(NULL, GOOD_CASE, AS_OF_BIH, NULL, 0, &g_json, D); }
static putokaz_result w_case(void) { return putokaz_assess_json_with(g_bih, NULL, AS_OF_BIH, NULL, 0, &g_json, D); }
static putokaz_result w_as_of(void) { return putokaz_assess_json_with(g_bih, GOOD_CASE, NULL, NULL, 0, &g_json, D); }
static putokaz_result w_out(void) { return putokaz_assess_json_with(g_bih, GOOD_CASE, AS_OF_BIH, "en", 0, NULL, D); }
static putokaz_result w_all(void) { return putokaz_assess_json_with(NULL, NULL, NULL, NULL, 0, NULL, NULL); }
static putokaz_result w_language(void) { return putokaz_assess_json_with(g_bih, GOOD_CASE, AS_OF_BIH, NULL, 0, &g_json, D); }
static putokaz_result w_diagnostic(void) {
    return putokaz_assess_json_with(g_bih, GOOD_CASE, AS_OF_BIH, "en", PUTOKAZ_ASSESS_FULL, &g_json, NULL);
}
static putokaz_result w_null_diag_err(void) { return putokaz_assess_json_with(g_bih, GOOD_CASE, AS_OF_BIH, NULL, 8, &g_json, NULL); }
static putokaz_result aw_protocol(void) { return putokaz_assess_with(NULL, g_case, AS_OF_BIH, NULL, 0, &g_new_assessment, D); }
static putokaz_result aw_case(void) { return putokaz_assess_with(g_bih, NULL, AS_OF_BIH, NULL, 0, &g_new_assessment, D); }
static putokaz_result aw_as_of(void) { return putokaz_assess_with(g_bih, g_case, NULL, NULL, 0, &g_new_assessment, D); }
static putokaz_result aw_out(void) { return putokaz_assess_with(g_bih, g_case, AS_OF_BIH, NULL, 0, NULL, D); }
static putokaz_result aw_all(void) { return putokaz_assess_with(NULL, NULL, NULL, NULL, 0, NULL, NULL); }
static putokaz_result aw_language(void) { return putokaz_assess_with(g_bih, g_case, AS_OF_BIH, NULL, 0, &g_new_assessment, D); }
static putokaz_result aw_diagnostic(void) {
    return putokaz_assess_with(g_bih, g_case, AS_OF_BIH, "en", PUTOKAZ_ASSESS_FULL, &g_new_assessment, NULL);
}
static putokaz_result sj_protocol(void) { return putokaz_screen_json(NULL, GOOD_CASE, AS_OF_BIH, false, &g_json, D); }
static putokaz_result sj_case(void) { return putokaz_screen_json(g_bih, NULL, AS_OF_BIH, false, &g_json, D); }
static putokaz_result sj_as_of(void) { return putokaz_screen_json(g_bih, GOOD_CASE, NULL, true, &g_json, D); }
static putokaz_result sj_out(void) { return putokaz_screen_json(g_bih, GOOD_CASE, AS_OF_BIH, true, NULL, D); }
static putokaz_result sj_all(void) { return putokaz_screen_json(NULL, NULL, NULL, false, NULL, NULL); }
static putokaz_result sj_diagnostic(void) { return putokaz_screen_json(g_bih, GOOD_CASE, AS_OF_BIH, true, &g_json, NULL); }

static putokaz_result t_assessment(void) { return putokaz_assessment_to_json(NULL, &g_json); }
static putokaz_result t_out(void) { return putokaz_assessment_to_json(g_assessment, NULL); }

static putokaz_result n_id(void) { return putokaz_case_new(NULL, T0, &g_new_case); }
static putokaz_result n_reported_at(void) { return putokaz_case_new("m", NULL, &g_new_case); }
static putokaz_result n_out(void) { return putokaz_case_new("m", T0, NULL); }
static putokaz_result f_json(void) { return putokaz_case_from_json(NULL, &g_new_case, D); }
static putokaz_result f_out(void) { return putokaz_case_from_json(GOOD_CASE, NULL, D); }
static putokaz_result f_diagnostic(void) { return putokaz_case_from_json(GOOD_CASE, &g_new_case, NULL); }
static putokaz_result c_case(void) { return putokaz_case_to_json(NULL, &g_json); }
static putokaz_result c_out(void) { return putokaz_case_to_json(g_case, NULL); }

static putokaz_result s_mun_case(void) { return putokaz_case_set_municipality(NULL, "Jajce"); }
static putokaz_result s_mun(void) { return putokaz_case_set_municipality(g_case, NULL); }
static putokaz_result s_rep_case(void) { return putokaz_case_set_reporter(NULL, "school"); }
static putokaz_result s_rep(void) { return putokaz_case_set_reporter(g_case, NULL); }
static putokaz_result s_birth_case(void) { return putokaz_case_set_birth_date(NULL, "2015-01-01"); }
static putokaz_result s_birth(void) { return putokaz_case_set_birth_date(g_case, NULL); }
static putokaz_result s_age_case(void) { return putokaz_case_set_age(NULL, 10); }
static putokaz_result s_range_case(void) { return putokaz_case_set_age_range(NULL, 10, 12); }
static putokaz_result s_minor_case(void) { return putokaz_case_set_appears_minor(NULL, true); }
static putokaz_result s_sex_case(void) { return putokaz_case_set_sex(NULL, "female"); }
static putokaz_result s_sex(void) { return putokaz_case_set_sex(g_case, NULL); }
static putokaz_result s_cit_case(void) { return putokaz_case_set_citizenship(NULL, "BA"); }
static putokaz_result s_cit(void) { return putokaz_case_set_citizenship(g_case, NULL); }
static putokaz_result o_bool_case(void) { return putokaz_case_observe_bool(NULL, "forced_begging", true); }
static putokaz_result o_bool(void) { return putokaz_case_observe_bool(g_case, NULL, true); }
static putokaz_result o_count_case(void) { return putokaz_case_observe_count(NULL, "unexcused_absences", 3); }
static putokaz_result o_count(void) { return putokaz_case_observe_count(g_case, NULL, 3); }
static putokaz_result o_enum_case(void) { return putokaz_case_observe_enum(NULL, "begging_frequency", "daily"); }
static putokaz_result o_enum_ind(void) { return putokaz_case_observe_enum(g_case, NULL, "daily"); }
static putokaz_result o_enum_value(void) { return putokaz_case_observe_enum(g_case, "begging_frequency", NULL); }
static putokaz_result o_unknown_case(void) { return putokaz_case_observe_unknown(NULL, "forced_begging"); }
static putokaz_result o_unknown(void) { return putokaz_case_observe_unknown(g_case, NULL); }
static putokaz_result so_case(void) { return putokaz_case_set_observed(NULL, 0, T1, "school"); }
static putokaz_result so_at(void) {
    putokaz_result rc = putokaz_case_observe_bool(g_case, "forced_begging", true);
    return rc != PUTOKAZ_RESULT_OK ? rc : putokaz_case_set_observed(g_case, 0, NULL, "school");
}
static putokaz_result so_by(void) {
    putokaz_result rc = putokaz_case_observe_bool(g_case, "forced_begging", true);
    return rc != PUTOKAZ_RESULT_OK ? rc : putokaz_case_set_observed(g_case, 0, T1, NULL);
}
static putokaz_result e_case(void) { return putokaz_case_add_event(NULL, "csw_notified", T1, "reporter"); }
static putokaz_result e_kind(void) { return putokaz_case_add_event(g_case, NULL, T1, "reporter"); }
static putokaz_result e_at(void) { return putokaz_case_add_event(g_case, "csw_notified", NULL, "reporter"); }
static putokaz_result e_by(void) { return putokaz_case_add_event(g_case, "csw_notified", T1, NULL); }
static putokaz_result k_case(void) { return putokaz_case_add_consent(NULL, "roma_mediator", true, T1); }
static putokaz_result k_scope(void) { return putokaz_case_add_consent(g_case, NULL, true, T1); }
static putokaz_result k_at(void) { return putokaz_case_add_consent(g_case, "roma_mediator", true, NULL); }
static putokaz_result v_case(void) { return putokaz_case_set_discretionary_override(NULL, PUTOKAZ_DIRECTION_RAISE, "r", "s"); }
static putokaz_result v_reason(void) { return putokaz_case_set_discretionary_override(g_case, PUTOKAZ_DIRECTION_RAISE, NULL, "s"); }
static putokaz_result v_reviewer(void) { return putokaz_case_set_discretionary_override(g_case, PUTOKAZ_DIRECTION_RAISE, "r", NULL); }
static putokaz_result v_direction(void) { return putokaz_case_set_discretionary_override(g_case, 7, "r", "s"); }

#define OK_ PUTOKAZ_RESULT_OK
#define NULL_ PUTOKAZ_RESULT_NULL_PARAMETER
/* `argument` "-": an error without a diagnostic argument to look at. */
static const null_row NULL_ROWS[] = {
    {"putokaz_assess_json: protocol", "protocol", NULL_, j_protocol},
    {"putokaz_assess_json: case_json", "case_json", NULL_, j_case},
    {"putokaz_assess_json: as_of", "as_of", NULL_, j_as_of},
    {"putokaz_assess_json: out", "out", NULL_, j_out},
    {"putokaz_assess_json: every argument", "-", NULL_, j_all},
    {"putokaz_assess_json: language (optional)", NULL, OK_, j_language},
    {"putokaz_assess_json: diagnostic (optional)", NULL, OK_, j_diagnostic},
    {"putokaz_assess_json: diagnostic NULL on an error", "-", NULL_, j_null_diag_err},
    {"putokaz_assess: protocol", "protocol", NULL_, a_protocol},
    {"putokaz_assess: case", "case", NULL_, a_case},
    {"putokaz_assess: as_of", "as_of", NULL_, a_as_of},
    {"putokaz_assess: out", "out", NULL_, a_out},
    {"putokaz_assess: language (optional)", NULL, OK_, a_language},
    {"putokaz_assess: diagnostic (optional)", NULL, OK_, a_diagnostic},
    {"putokaz_assess_json_with: protocol", "protocol", NULL_, w_protocol},
    {"putokaz_assess_json_with: case_json", "case_json", NULL_, w_case},
    {"putokaz_assess_json_with: as_of", "as_of", NULL_, w_as_of},
    {"putokaz_assess_json_with: out", "out", NULL_, w_out},
    {"putokaz_assess_json_with: every argument", "-", NULL_, w_all},
    {"putokaz_assess_json_with: language (optional)", NULL, OK_, w_language},
    {"putokaz_assess_json_with: diagnostic (optional)", NULL, OK_, w_diagnostic},
    {"putokaz_assess_json_with: diagnostic NULL on an error", "-", PUTOKAZ_RESULT_USAGE, w_null_diag_err},
    {"putokaz_assess_with: protocol", "protocol", NULL_, aw_protocol},
    {"putokaz_assess_with: case", "case", NULL_, aw_case},
    {"putokaz_assess_with: as_of", "as_of", NULL_, aw_as_of},
    {"putokaz_assess_with: out", "out", NULL_, aw_out},
    {"putokaz_assess_with: every argument", "-", NULL_, aw_all},
    {"putokaz_assess_with: language (optional)", NULL, OK_, aw_language},
    {"putokaz_assess_with: diagnostic (optional)", NULL, OK_, aw_diagnostic},
    {"putokaz_screen_json: protocol", "protocol", NULL_, sj_protocol},
    {"putokaz_screen_json: case_json", "case_json", NULL_, sj_case},
    {"putokaz_screen_json: as_of", "as_of", NULL_, sj_as_of},
    {"putokaz_screen_json: out", "out", NULL_, sj_out},
    {"putokaz_screen_json: every argument", "-", NULL_, sj_all},
    {"putokaz_screen_json: diagnostic (optional)", NULL, OK_, sj_diagnostic},
    {"putokaz_assessment_to_json: assessment", "-", NULL_, t_assessment},
    {"putokaz_assessment_to_json: out", "-", NULL_, t_out},
    {"putokaz_case_new: id", "-", NULL_, n_id},
    {"putokaz_case_new: reported_at", "-", NULL_, n_reported_at},
    {"putokaz_case_new: out", "-", NULL_, n_out},
    {"putokaz_case_from_json: json", "json", NULL_, f_json},
    {"putokaz_case_from_json: out", "out", NULL_, f_out},
    {"putokaz_case_from_json: diagnostic (optional)", NULL, OK_, f_diagnostic},
    {"putokaz_case_to_json: case", "-", NULL_, c_case},
    {"putokaz_case_to_json: out", "-", NULL_, c_out},
    {"putokaz_case_set_municipality: case", "-", NULL_, s_mun_case},
    {"putokaz_case_set_municipality: municipality", "-", NULL_, s_mun},
    {"putokaz_case_set_reporter: case", "-", NULL_, s_rep_case},
    {"putokaz_case_set_reporter: reporter", "-", NULL_, s_rep},
    {"putokaz_case_set_birth_date: case", "-", NULL_, s_birth_case},
    {"putokaz_case_set_birth_date: birth_date", "-", NULL_, s_birth},
    {"putokaz_case_set_age: case", "-", NULL_, s_age_case},
    {"putokaz_case_set_age_range: case", "-", NULL_, s_range_case},
    {"putokaz_case_set_appears_minor: case", "-", NULL_, s_minor_case},
    {"putokaz_case_set_sex: case", "-", NULL_, s_sex_case},
    {"putokaz_case_set_sex: sex", "-", NULL_, s_sex},
    {"putokaz_case_set_citizenship: case", "-", NULL_, s_cit_case},
    {"putokaz_case_set_citizenship: citizenship", "-", NULL_, s_cit},
    {"putokaz_case_observe_bool: case", "-", NULL_, o_bool_case},
    {"putokaz_case_observe_bool: indicator", "-", NULL_, o_bool},
    {"putokaz_case_observe_count: case", "-", NULL_, o_count_case},
    {"putokaz_case_observe_count: indicator", "-", NULL_, o_count},
    {"putokaz_case_observe_enum: case", "-", NULL_, o_enum_case},
    {"putokaz_case_observe_enum: indicator", "-", NULL_, o_enum_ind},
    {"putokaz_case_observe_enum: value", "-", NULL_, o_enum_value},
    {"putokaz_case_observe_unknown: case", "-", NULL_, o_unknown_case},
    {"putokaz_case_observe_unknown: indicator", "-", NULL_, o_unknown},
    {"putokaz_case_set_observed: case", "-", NULL_, so_case},
    {"putokaz_case_set_observed: observed_at (optional)", NULL, OK_, so_at},
    {"putokaz_case_set_observed: observed_by (optional)", NULL, OK_, so_by},
    {"putokaz_case_add_event: case", "-", NULL_, e_case},
    {"putokaz_case_add_event: kind", "-", NULL_, e_kind},
    {"putokaz_case_add_event: at", "-", NULL_, e_at},
    {"putokaz_case_add_event: by (optional)", NULL, OK_, e_by},
    {"putokaz_case_add_consent: case", "-", NULL_, k_case},
    {"putokaz_case_add_consent: scope", "-", NULL_, k_scope},
    {"putokaz_case_add_consent: at (optional)", NULL, OK_, k_at},
    {"putokaz_case_set_discretionary_override: case", "-", NULL_, v_case},
    {"putokaz_case_set_discretionary_override: reason", "-", NULL_, v_reason},
    {"putokaz_case_set_discretionary_override: reviewer", "-", NULL_, v_reviewer},
    {"putokaz_case_set_discretionary_override: direction 7", "-", PUTOKAZ_RESULT_USAGE, v_direction},
};

static char *case_json_of(const putokaz_case *c) {
    char *json = NULL;
    if (c == NULL || putokaz_case_to_json(c, &json) != PUTOKAZ_RESULT_OK) return NULL;
    return json;
}

void test_misuse_null_pointers(void) {
    size_t i, rows = sizeof NULL_ROWS / sizeof NULL_ROWS[0];
    int right = 0;
    putokaz_diagnostic *d = NULL;
    CHECK_OK(putokaz_protocol_bundled("bih", &g_bih, &d));
    FREE_DIAGNOSTIC(d);
    if (g_bih == NULL) return;
    /* An assessment for the rows that read one (none changes it). */
    CHECK_OK(putokaz_case_new("m", T0, &g_case));
    CHECK_OK(putokaz_assess(g_bih, g_case, AS_OF_BIH, NULL, &g_assessment, NULL));
    putokaz_case_free(g_case);
    for (i = 0; i < rows; i++) {
        const null_row *row = &NULL_ROWS[i];
        int before = harness_failures;
        char *case_before, *case_after;
        char *sentinel_json = (char *)&g_json;
        putokaz_case *sentinel_case = (putokaz_case *)&g_case;
        putokaz_assessment *sentinel_assessment = (putokaz_assessment *)&g_assessment;
        putokaz_result rc;
        char msg[512];
        g_case = NULL;
        CHECK_OK(putokaz_case_new("m", T0, &g_case));
        CHECK_OK(putokaz_case_set_municipality(g_case, "Jajce"));
        CHECK_OK(putokaz_case_set_reporter(g_case, "school"));
        case_before = case_json_of(g_case);
        g_json = sentinel_json;
        g_new_case = sentinel_case;
        g_new_assessment = sentinel_assessment;
        g_diag = NULL;

        rc = row->run();

        case_after = case_json_of(g_case);
        if (rc != row->want) {
            snprintf(msg, sizeof msg, "%s: %s, expected %s", row->name, harness_code(rc), harness_code(row->want));
            harness_fail(__FILE__, __LINE__, msg);
        }
        if (rc != PUTOKAZ_RESULT_OK) {
            /* Out-parameters are written only on success, and a refused call leaves the
             * case as it was. */
            if (g_json != sentinel_json || g_new_case != sentinel_case || g_new_assessment != sentinel_assessment) {
                snprintf(msg, sizeof msg, "%s: an out-parameter was written on failure", row->name);
                harness_fail(__FILE__, __LINE__, msg);
            }
            if (case_before == NULL || case_after == NULL || strcmp(case_before, case_after) != 0) {
                snprintf(msg, sizeof msg, "%s: a refused call changed the case", row->name);
                harness_fail(__FILE__, __LINE__, msg);
            }
            if (row->argument != NULL && strcmp(row->argument, "-") != 0) {
                char needle[64];
                snprintf(needle, sizeof needle, "`%s`", row->argument);
                if (g_diag == NULL || strcmp(diag_kind(g_diag), "null_parameter") != 0 ||
                    strstr(diag_text(g_diag), needle) == NULL) {
                    snprintf(msg, sizeof msg, "%s: the diagnostic (%s: %s) does not name %s", row->name,
                             diag_kind(g_diag), diag_text(g_diag), needle);
                    harness_fail(__FILE__, __LINE__, msg);
                }
            }
        } else if (g_diag != NULL) {
            snprintf(msg, sizeof msg, "%s: a diagnostic on success", row->name);
            harness_fail(__FILE__, __LINE__, msg);
        }
        /* Whatever a successful row made. */
        if (g_json != sentinel_json) putokaz_string_free(g_json);
        if (g_new_case != sentinel_case) putokaz_case_free(g_new_case);
        if (g_new_assessment != sentinel_assessment) putokaz_assessment_free(g_new_assessment);
        FREE_DIAGNOSTIC(g_diag);
        putokaz_string_free(case_before);
        putokaz_string_free(case_after);
        putokaz_case_free(g_case);
        if (harness_failures == before) right++;
    }
    printf("  NULL pointers: %d of %lu rows as documented\n", right, (unsigned long)rows);
    putokaz_assessment_free(g_assessment);
    g_assessment = NULL;
    putokaz_protocol_free(g_bih);
    g_bih = NULL;
}

/* ---- zero-length texts --------------------------------------------------------------- */

/* A zero-length text is a text like any other: the builder takes it and assessing gives
 * the same kind as the same case through the JSON entry. */
typedef struct {
    const char *name;
    const char *json; /* the same case as JSON */
    putokaz_result want;
    void (*build)(putokaz_case *c);
} empty_row;

static void b_empty_municipality(putokaz_case *c) { CHECK_OK(putokaz_case_set_municipality(c, "")); }
static void b_empty_reporter(putokaz_case *c) { CHECK_OK(putokaz_case_set_reporter(c, "")); }
static void b_empty_birth_date(putokaz_case *c) { CHECK_OK(putokaz_case_set_birth_date(c, "")); }
static void b_empty_sex(putokaz_case *c) { CHECK_OK(putokaz_case_set_sex(c, "")); }
static void b_empty_citizenship(putokaz_case *c) { CHECK_OK(putokaz_case_set_citizenship(c, "")); }
static void b_empty_indicator(putokaz_case *c) { CHECK_OK(putokaz_case_observe_bool(c, "", true)); }
static void b_empty_event_kind(putokaz_case *c) { CHECK_OK(putokaz_case_add_event(c, "", T1, NULL)); }
static void b_empty_event_at(putokaz_case *c) { CHECK_OK(putokaz_case_add_event(c, "csw_notified", "", NULL)); }
static void b_empty_scope(putokaz_case *c) { CHECK_OK(putokaz_case_add_consent(c, "", true, NULL)); }
static void b_empty_reason(putokaz_case *c) { CHECK_OK(putokaz_case_set_discretionary_override(c, PUTOKAZ_DIRECTION_RAISE, "", "s")); }

#define HEAD "{\"id\":\"m\",\"reported_at\":\"" T0 "\""
static const empty_row EMPTY_ROWS[] = {
    {"municipality \"\"", HEAD ",\"municipality\":\"\"}", PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY, b_empty_municipality},
    {"reporter \"\"", HEAD ",\"reporter\":\"\"}", PUTOKAZ_RESULT_CASE_UNKNOWN_KIND, b_empty_reporter},
    {"birth_date \"\"", HEAD ",\"subject\":{\"birth_date\":\"\"}}", PUTOKAZ_RESULT_CASE_INVALID_DATE, b_empty_birth_date},
    {"sex \"\"", HEAD ",\"subject\":{\"sex\":\"\"}}", PUTOKAZ_RESULT_CASE_WRONG_TYPE, b_empty_sex},
    {"citizenship \"\"", HEAD ",\"subject\":{\"citizenship\":\"\"}}", PUTOKAZ_RESULT_CASE_WRONG_TYPE, b_empty_citizenship},
    {"indicator \"\"", HEAD ",\"observations\":[{\"indicator\":\"\",\"value\":true}]}",
     PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR, b_empty_indicator},
    {"event kind \"\"", HEAD ",\"events\":[{\"kind\":\"\",\"at\":\"" T1 "\"}]}", PUTOKAZ_RESULT_CASE_UNKNOWN_KIND,
     b_empty_event_kind},
    {"event at \"\"", HEAD ",\"events\":[{\"kind\":\"csw_notified\",\"at\":\"\"}]}", PUTOKAZ_RESULT_CASE_INVALID_DATE,
     b_empty_event_at},
    {"consent scope \"\"", HEAD ",\"consents\":[{\"scope\":\"\",\"given\":true}]}", PUTOKAZ_RESULT_CASE_UNKNOWN_KIND,
     b_empty_scope},
    {"override reason \"\"", HEAD ",\"discretionary_override\":{\"direction\":\"raise\",\"reason\":\"\",\"reviewer\":\"s\"}}",
     PUTOKAZ_RESULT_CASE_INVALID_OVERRIDE, b_empty_reason},
};

void test_misuse_zero_length_texts(void) {
    const putokaz_protocol *p = NULL;
    size_t i, rows = sizeof EMPTY_ROWS / sizeof EMPTY_ROWS[0];
    int right = 0;
    char *json = NULL;
    putokaz_diagnostic *d = NULL;
    CHECK_OK(putokaz_protocol_bundled("bih", &p, NULL));
    if (p == NULL) return;
    /* The JSON entry with zero-length texts. */
    CHECK_RC(putokaz_assess_json(p, "", AS_OF_BIH, NULL, &json, NULL), PUTOKAZ_RESULT_CASE_SYNTAX);
    CHECK_RC(putokaz_assess_json(p, GOOD_CASE, "", NULL, &json, NULL), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_assess_json(p, GOOD_CASE, AS_OF_BIH, "", &json, NULL), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_case_from_json("", &g_new_case, NULL), PUTOKAZ_RESULT_CASE_SYNTAX);
    CHECK(json == NULL);
    /* An empty id is refused when assessing, from both entry points alike. */
    {
        putokaz_case *c = NULL;
        putokaz_assessment *a = NULL;
        CHECK_OK(putokaz_case_new("", T0, &c));
        CHECK_RC(putokaz_assess(p, c, AS_OF_BIH, NULL, &a, NULL), PUTOKAZ_RESULT_CASE_SCHEMA);
        CHECK_RC(putokaz_assess_json(p, "{\"id\":\"\",\"reported_at\":\"" T0 "\"}", AS_OF_BIH, NULL, &json, NULL),
                 PUTOKAZ_RESULT_CASE_SCHEMA);
        putokaz_case_free(c);
        c = NULL;
        CHECK_OK(putokaz_case_new("m", "", &c));
        CHECK_RC(putokaz_assess(p, c, AS_OF_BIH, NULL, &a, NULL), PUTOKAZ_RESULT_CASE_INVALID_DATE);
        CHECK(a == NULL);
        putokaz_case_free(c);
    }
    for (i = 0; i < rows; i++) {
        const empty_row *row = &EMPTY_ROWS[i];
        putokaz_case *c = NULL;
        putokaz_assessment *a = NULL;
        putokaz_result typed, by_json;
        char typed_path[256], json_path[256];
        char msg[768];
        CHECK_OK(putokaz_case_new("m", T0, &c));
        if (c == NULL) continue;
        row->build(c);
        typed = putokaz_assess(p, c, AS_OF_BIH, NULL, &a, &d);
        snprintf(typed_path, sizeof typed_path, "%s", diag_path(d));
        FREE_DIAGNOSTIC(d);
        by_json = putokaz_assess_json(p, row->json, AS_OF_BIH, NULL, &json, &d);
        snprintf(json_path, sizeof json_path, "%s", diag_path(d));
        FREE_DIAGNOSTIC(d);
        d = NULL;
        if (typed != row->want || by_json != row->want || strcmp(typed_path, json_path) != 0) {
            snprintf(msg, sizeof msg, "%s: typed %s at %s, JSON %s at %s, expected %s", row->name, harness_code(typed),
                     typed_path, harness_code(by_json), json_path, harness_code(row->want));
            harness_fail(__FILE__, __LINE__, msg);
        } else {
            right++;
        }
        if (a != NULL) putokaz_assessment_free(a);
        if (json != NULL) putokaz_string_free(json);
        a = NULL;
        json = NULL;
        putokaz_case_free(c);
    }
    printf("  zero-length texts: %d of %lu rows give the same kind and path from both entry points\n", right,
           (unsigned long)rows);
    putokaz_protocol_free(p);
}

/* ---- buffers ------------------------------------------------------------------------- */

/* The objects the strings-out rows read. */
static const putokaz_protocol *b_protocol;
static putokaz_assessment *b_assessment;
static putokaz_diagnostic *b_case_diag;
static putokaz_diagnostic *b_pack_diag;
static int b_null_object; /* pass NULL instead of the object */
static size_t b_ob; /* an obligation with institutions and a due time */

#define OBJ(x) (b_null_object ? NULL : (x))
typedef putokaz_result (*text_fn)(char *buf, size_t len, size_t *written);

static putokaz_result x_error_message(char *b, size_t l, size_t *w) { return putokaz_error_message(PUTOKAZ_RESULT_CASE_SYNTAX, b, l, w); }
static putokaz_result x_bundled_id(char *b, size_t l, size_t *w) { return putokaz_bundled_pack_id(0, b, l, w); }
static putokaz_result x_protocol_id(char *b, size_t l, size_t *w) { return putokaz_protocol_id(OBJ(b_protocol), b, l, w); }
static putokaz_result x_protocol_version(char *b, size_t l, size_t *w) { return putokaz_protocol_version(OBJ(b_protocol), b, l, w); }
static putokaz_result x_protocol_digest(char *b, size_t l, size_t *w) { return putokaz_protocol_digest(OBJ(b_protocol), b, l, w); }
static putokaz_result x_indicator_id(char *b, size_t l, size_t *w) { return putokaz_protocol_indicator_id(OBJ(b_protocol), 0, b, l, w); }
static putokaz_result x_parameter_value(char *b, size_t l, size_t *w) {
    return putokaz_protocol_parameter_value(OBJ(b_protocol), 0, "2026-03-04", b, l, w);
}
static putokaz_result x_score(char *b, size_t l, size_t *w) { return putokaz_assessment_score(OBJ(b_assessment), b, l, w); }
static putokaz_result x_text(char *b, size_t l, size_t *w) { return putokaz_assessment_text(OBJ(b_assessment), b, l, w); }
static putokaz_result x_ob_id(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_id(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_ob_label(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_label(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_ob_actor(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_actor_role(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_ob_actor_inst(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_actor_institution(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_ob_recipient(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_recipient_role(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_ob_recipient_inst(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_recipient_institution(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_ob_due(char *b, size_t l, size_t *w) { return putokaz_assessment_obligation_due(OBJ(b_assessment), b_ob, b, l, w); }
static putokaz_result x_unknown_input(char *b, size_t l, size_t *w) { return putokaz_assessment_unknown_input(OBJ(b_assessment), 0, b, l, w); }
static putokaz_result x_unknown_label(char *b, size_t l, size_t *w) { return putokaz_assessment_unknown_label(OBJ(b_assessment), 0, b, l, w); }
static putokaz_result x_diag_kind(char *b, size_t l, size_t *w) { return putokaz_diagnostic_kind(OBJ(b_case_diag), b, l, w); }
static putokaz_result x_diag_message(char *b, size_t l, size_t *w) { return putokaz_diagnostic_message(OBJ(b_case_diag), b, l, w); }
static putokaz_result x_diag_path(char *b, size_t l, size_t *w) { return putokaz_diagnostic_path(OBJ(b_case_diag), b, l, w); }
static putokaz_result x_diag_text(char *b, size_t l, size_t *w) { return putokaz_diagnostic_text(OBJ(b_case_diag), b, l, w); }
static putokaz_result x_pack_text(char *b, size_t l, size_t *w) { return putokaz_diagnostic_text(OBJ(b_pack_diag), b, l, w); }
static putokaz_result x_issue_message(char *b, size_t l, size_t *w) { return putokaz_diagnostic_issue_message(OBJ(b_pack_diag), 0, b, l, w); }
static putokaz_result x_issue_file(char *b, size_t l, size_t *w) {
    uint32_t line, column;
    return putokaz_diagnostic_issue_location(OBJ(b_pack_diag), 0, b, l, w, &line, &column);
}

typedef struct {
    const char *name;
    text_fn run;
    int has_object; /* 0 for the functions without an object argument */
} buffer_row;

static const buffer_row BUFFER_ROWS[] = {
    {"putokaz_error_message", x_error_message, 0},
    {"putokaz_bundled_pack_id", x_bundled_id, 0},
    {"putokaz_protocol_id", x_protocol_id, 1},
    {"putokaz_protocol_version", x_protocol_version, 1},
    {"putokaz_protocol_digest", x_protocol_digest, 1},
    {"putokaz_protocol_indicator_id", x_indicator_id, 1},
    {"putokaz_protocol_parameter_value", x_parameter_value, 1},
    {"putokaz_assessment_score", x_score, 1},
    {"putokaz_assessment_text", x_text, 1},
    {"putokaz_assessment_obligation_id", x_ob_id, 1},
    {"putokaz_assessment_obligation_label", x_ob_label, 1},
    {"putokaz_assessment_obligation_actor_role", x_ob_actor, 1},
    {"putokaz_assessment_obligation_actor_institution", x_ob_actor_inst, 1},
    {"putokaz_assessment_obligation_recipient_role", x_ob_recipient, 1},
    {"putokaz_assessment_obligation_recipient_institution", x_ob_recipient_inst, 1},
    {"putokaz_assessment_obligation_due", x_ob_due, 1},
    {"putokaz_assessment_unknown_input", x_unknown_input, 1},
    {"putokaz_assessment_unknown_label", x_unknown_label, 1},
    {"putokaz_diagnostic_kind", x_diag_kind, 1},
    {"putokaz_diagnostic_message", x_diag_message, 1},
    {"putokaz_diagnostic_path", x_diag_path, 1},
    {"putokaz_diagnostic_text (case)", x_diag_text, 1},
    {"putokaz_diagnostic_text (pack)", x_pack_text, 1},
    {"putokaz_diagnostic_issue_message", x_issue_message, 1},
    {"putokaz_diagnostic_issue_location (file)", x_issue_file, 1},
};

/* A heap buffer of exactly `n` bytes (at least 1), filled with '#': valgrind and ASan see
 * any write past it. */
static char *exact_buffer(size_t n) {
    char *b = malloc(n ? n : 1);
    if (b != NULL) memset(b, '#', n ? n : 1);
    return b;
}

static int untouched(const char *b, size_t n) {
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] != '#') return 0;
    return 1;
}

/* The whole "Strings out" convention for one function. Returns 1 when it holds. */
static int check_strings_out(const buffer_row *row) {
    int before = harness_failures;
    size_t need = 0, n = 0;
    char *b;
    char msg[512];
    putokaz_result rc;
#define ROW_FAIL(what)                                                                   \
    do {                                                                                 \
        snprintf(msg, sizeof msg, "%s: %s", row->name, what);                             \
        harness_fail(__FILE__, __LINE__, msg);                                           \
    } while (0)
    b_null_object = 0;
    /* 1. A size query: NULL and 0 give buffer_too_small and the length. */
    rc = row->run(NULL, 0, &need);
    if (rc != PUTOKAZ_RESULT_BUFFER_TOO_SMALL) {
        snprintf(msg, sizeof msg, "%s: the size query gave %s", row->name, harness_code(rc));
        harness_fail(__FILE__, __LINE__, msg);
        return 0;
    }
    /* 2. A zero length with a real buffer: too small, untouched, the length again. */
    b = exact_buffer(1);
    n = 0;
    if (row->run(b, 0, &n) != PUTOKAZ_RESULT_BUFFER_TOO_SMALL || n != need || !untouched(b, 1))
        ROW_FAIL("a zero-length buffer is not refused as too small with the length");
    free(b);
    /* 3. One byte short (no room for the NUL), and one byte only: refused, untouched. */
    b = exact_buffer(need);
    n = 0;
    if (row->run(b, need, &n) != PUTOKAZ_RESULT_BUFFER_TOO_SMALL || n != need || !untouched(b, need))
        ROW_FAIL("a buffer one byte short is not refused untouched with the length");
    free(b);
    if (need > 1) {
        b = exact_buffer(1);
        n = 0;
        if (row->run(b, 1, &n) != PUTOKAZ_RESULT_BUFFER_TOO_SMALL || n != need || !untouched(b, 1))
            ROW_FAIL("a one-byte buffer is not refused untouched with the length");
        free(b);
    }
    /* 4. Exactly enough: the text and its NUL, nothing more. */
    b = exact_buffer(need + 2);
    n = 12345;
    rc = row->run(b, need + 1, &n);
    if (rc != PUTOKAZ_RESULT_OK || n != need || b[need] != '\0' || strlen(b) != need || b[need + 1] != '#')
        ROW_FAIL("the exact size does not copy the text and its NUL");
    free(b);
    /* 5. NULL `written`, and a NULL buffer with a length: null_parameter. */
    b = exact_buffer(need + 1);
    if (row->run(b, need + 1, NULL) != PUTOKAZ_RESULT_NULL_PARAMETER) ROW_FAIL("`written` NULL is accepted");
    if (row->run(NULL, need + 1, &n) != PUTOKAZ_RESULT_NULL_PARAMETER) ROW_FAIL("`buf` NULL with a length is accepted");
    /* 6. The object NULL. */
    if (row->has_object) {
        b_null_object = 1;
        n = 0;
        if (row->run(b, need + 1, &n) != PUTOKAZ_RESULT_NULL_PARAMETER) ROW_FAIL("a NULL object is accepted");
        if (row->run(NULL, 0, &n) != PUTOKAZ_RESULT_NULL_PARAMETER) ROW_FAIL("a size query on a NULL object is accepted");
        b_null_object = 0;
    }
    free(b);
#undef ROW_FAIL
    return harness_failures == before;
}

void test_misuse_buffers(void) {
    size_t i, rows = sizeof BUFFER_ROWS / sizeof BUFFER_ROWS[0];
    int right = 0;
    putokaz_case *c = NULL;
    const putokaz_protocol *broken = NULL;
    char *json = NULL;
    size_t count = 0;
    CHECK_OK(putokaz_protocol_bundled("bih", &b_protocol, NULL));
    if (b_protocol == NULL) return;
    /* An assessment with obligations, institutions, due times and unknowns. */
    CHECK_OK(putokaz_case_new("buf-1", T0, &c));
    CHECK_OK(putokaz_case_set_municipality(c, "Jajce"));
    CHECK_OK(putokaz_case_set_reporter(c, "school"));
    /* no age: whether the subject is a child is still to be asked */
    CHECK_OK(putokaz_case_observe_bool(c, "forced_begging", true));
    CHECK_OK(putokaz_case_observe_bool(c, "daily_money_quota", true));
    CHECK_OK(putokaz_assess(b_protocol, c, AS_OF_BIH, "en", &b_assessment, NULL));
    putokaz_case_free(c);
    if (b_assessment != NULL) {
        size_t n = 0;
        CHECK_OK(putokaz_assessment_obligation_count(b_assessment, &count));
        CHECK(count > 0);
        for (b_ob = 0; b_ob < count; b_ob++) {
            if (putokaz_assessment_obligation_actor_institution(b_assessment, b_ob, NULL, 0, &n) ==
                    PUTOKAZ_RESULT_BUFFER_TOO_SMALL &&
                putokaz_assessment_obligation_recipient_institution(b_assessment, b_ob, NULL, 0, &n) ==
                    PUTOKAZ_RESULT_BUFFER_TOO_SMALL &&
                putokaz_assessment_obligation_due(b_assessment, b_ob, NULL, 0, &n) == PUTOKAZ_RESULT_BUFFER_TOO_SMALL)
                break;
        }
        CHECK(b_ob < count); /* one obligation has all three */
        CHECK_OK(putokaz_assessment_unknown_count(b_assessment, &count));
        CHECK(count > 0);
    }
    /* A case diagnostic and a pack diagnostic. */
    CHECK_RC(putokaz_assess_json(b_protocol, "{\"id\":\"m\",\"reported_at\":\"" T0 "\",\"municipality\":\"Nowhere\"}",
                                 AS_OF_BIH, NULL, &json, &b_case_diag),
             PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY);
    /* not TOML: an issue with a file, line and column */
    CHECK_RC(putokaz_protocol_from_toml("[pack\nid = ", &broken, &b_pack_diag), PUTOKAZ_RESULT_PACK_SYNTAX);
    if (b_assessment != NULL && b_case_diag != NULL && b_pack_diag != NULL) {
        for (i = 0; i < rows; i++)
            if (check_strings_out(&BUFFER_ROWS[i])) right++;
    }
    printf("  strings out: %d of %lu functions follow the convention (size query, zero, one-short, exact, NULLs)\n",
           right, (unsigned long)rows);
    putokaz_diagnostic_free(b_case_diag);
    putokaz_diagnostic_free(b_pack_diag);
    putokaz_assessment_free(b_assessment);
    putokaz_protocol_free(b_protocol);
    b_case_diag = b_pack_diag = NULL;
    b_assessment = NULL;
    b_protocol = NULL;
}
