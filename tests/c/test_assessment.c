/* The accessors of an assessment. */
#include "harness.h"

#include <stdlib.h>

/* The demo case, assessed with the typed API (NULL and a failed check if it fails). */
static putokaz_assessment *demo_assessment(const putokaz_protocol *p, const char *language) {
    putokaz_case *c = build_demo_case();
    putokaz_assessment *a = NULL;
    if (c == NULL) return NULL;
    CHECK_OK(putokaz_assess(p, c, AS_OF, language, &a, NULL));
    putokaz_case_free(c);
    return a;
}

/* The index of the obligation `id`, or (size_t)-1. */
static size_t find_obligation(const putokaz_assessment *a, const char *id) {
    size_t count = 0, i, n;
    char buf[128];
    CHECK_OK(putokaz_assessment_obligation_count(a, &count));
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_assessment_obligation_id(a, i, buf, sizeof buf, &n));
        if (strcmp(buf, id) == 0) return i;
    }
    harness_fail(__FILE__, __LINE__, id);
    return (size_t)-1;
}

void test_assessment_findings(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_assessment *a;
    putokaz_level level = 99;
    putokaz_classification classification = 99;
    putokaz_tri is_child = 99;
    putokaz_child_basis basis = 99;
    char score[32], small[4];
    size_t n = 0;
    int64_t scaled = 0;
    uint32_t scale = 99;
    if (p == NULL) return;
    a = demo_assessment(p, NULL);
    if (a != NULL) {
        CHECK_OK(putokaz_assessment_level(a, &level));
        CHECK(level == PUTOKAZ_LEVEL_VERY_HIGH);
        CHECK_OK(putokaz_assessment_classification(a, &classification));
        CHECK(classification == PUTOKAZ_CLASSIFICATION_PRESUMED_VICTIM);
        CHECK_OK(putokaz_assessment_is_child(a, &is_child));
        CHECK(is_child == PUTOKAZ_TRI_TRUE);
        CHECK_OK(putokaz_assessment_child_basis(a, &basis));
        CHECK(basis == PUTOKAZ_CHILD_BASIS_BIRTH_DATE);
        /* 3 (coercion: forced begging) + 2 + 2 + 0.5 (exploitation: quota, absences,
         * daily begging) + 1.25 (begging with a quota) */
        CHECK_OK(putokaz_assessment_score(a, score, sizeof score, &n));
        CHECK_STR(score, "8.75");
        CHECK(n == 4);
        CHECK_RC(putokaz_assessment_score(a, small, sizeof small, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
        CHECK(n == 4);
        CHECK_OK(putokaz_assessment_score_scaled(a, &scaled, &scale));
        CHECK(scaled == 875 && scale == 2);
        putokaz_assessment_free(a);
    }

    /* An adult with nothing observed: a whole-number score, scale 0. */
    {
        putokaz_case *c = NULL;
        CHECK_OK(putokaz_case_new("adult-1", "2026-03-02T09:00:00+01:00", &c));
        CHECK_OK(putokaz_case_set_age(c, 30));
        CHECK_OK(putokaz_case_observe_bool(c, "d2_confiscation_of_documents", true));
        a = NULL;
        CHECK_OK(putokaz_assess(p, c, AS_OF, "en", &a, NULL));
        CHECK_OK(putokaz_assessment_score(a, score, sizeof score, &n));
        CHECK_STR(score, "3");
        CHECK_OK(putokaz_assessment_score_scaled(a, &scaled, &scale));
        CHECK(scaled == 3 && scale == 0);
        CHECK_OK(putokaz_assessment_is_child(a, &is_child));
        CHECK(is_child == PUTOKAZ_TRI_FALSE);
        CHECK_OK(putokaz_assessment_classification(a, &classification));
        CHECK(classification == PUTOKAZ_CLASSIFICATION_AT_RISK);
        CHECK_OK(putokaz_assessment_level(a, &level));
        CHECK(level == PUTOKAZ_LEVEL_MODERATE);
        putokaz_assessment_free(a);
        putokaz_case_free(c);
    }
    putokaz_protocol_free(p);
}

void test_assessment_obligations(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_assessment *a;
    size_t count = 0, n = 0, i;
    char buf[256];
    putokaz_obligation_status status = 0;
    uint8_t priority = 0;
    int64_t due = 0, late = 0;
    if (p == NULL) return;
    a = demo_assessment(p, NULL);
    if (a == NULL) {
        putokaz_protocol_free(p);
        return;
    }
    CHECK_OK(putokaz_assessment_obligation_count(a, &count));
    CHECK(count == 4);

    /* The reporting school has not told the Centre for Social Work: overdue since the
     * day after the report (24 hours). */
    i = find_obligation(a, "notify_csw");
    CHECK_OK(putokaz_assessment_obligation_status(a, i, &status));
    CHECK(status == PUTOKAZ_OBLIGATION_STATUS_OVERDUE);
    CHECK_OK(putokaz_assessment_obligation_priority(a, i, &priority));
    CHECK(priority == 1);
    CHECK_OK(putokaz_assessment_obligation_label(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "Obavijestiti centar za socijalni rad");
    CHECK_OK(putokaz_assessment_obligation_actor_role(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "reporter");
    CHECK_OK(putokaz_assessment_obligation_actor_institution(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "\xc5\xa0kola"); /* "Škola": an unrouted role is named by its label */
    CHECK_OK(putokaz_assessment_obligation_recipient_role(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "csw");
    CHECK_OK(putokaz_assessment_obligation_recipient_institution(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "JU Centar za socijalni rad Jajce");
    CHECK_OK(putokaz_assessment_obligation_due(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "2026-03-03T09:00:00+01:00");
    CHECK_OK(putokaz_assessment_obligation_due_unix(a, i, &due));
    CHECK(due == 1772524800); /* 2026-03-03T08:00:00Z */
    CHECK_OK(putokaz_assessment_obligation_late_seconds(a, i, &late));
    CHECK(late == 6 * 86400 + 3 * 3600); /* as_of is 6 days 3 hours later */

    /* The police were told the same afternoon: met. */
    i = find_obligation(a, "notify_police");
    CHECK_OK(putokaz_assessment_obligation_status(a, i, &status));
    CHECK(status == PUTOKAZ_OBLIGATION_STATUS_MET);
    CHECK_RC(putokaz_assessment_obligation_late_seconds(a, i, &late), PUTOKAZ_RESULT_NO_VALUE);

    /* The police must inform the prosecutor within 3 business days of being told:
     * Monday 15:00 + 3 business days = Thursday 15:00. */
    i = find_obligation(a, "inform_prosecutor");
    CHECK_OK(putokaz_assessment_obligation_status(a, i, &status));
    CHECK(status == PUTOKAZ_OBLIGATION_STATUS_OVERDUE);
    CHECK_OK(putokaz_assessment_obligation_actor_institution(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "MUP Srednjobosanskog kantona, Uprava policije");
    CHECK_OK(putokaz_assessment_obligation_recipient_institution(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "Kantonalno tu\xc5\xbeila\xc5\xa1tvo Srednjobosanskog kantona");
    CHECK_OK(putokaz_assessment_obligation_due(a, i, buf, sizeof buf, &n));
    CHECK_STR(buf, "2026-03-05T15:00:00+01:00");
    CHECK_OK(putokaz_assessment_obligation_priority(a, i, &priority));
    CHECK(priority == 2);

    /* A Roma mediator is only offered until consent is recorded. */
    i = find_obligation(a, "offer_roma_mediator");
    CHECK_OK(putokaz_assessment_obligation_status(a, i, &status));
    CHECK(status == PUTOKAZ_OBLIGATION_STATUS_OFFERED);
    putokaz_assessment_free(a);

    /* With consent given it becomes an obligation like the others: 5 business days
     * from Monday 09:00 is the next Monday 09:00, three hours before as_of. */
    {
        putokaz_case *c = build_demo_case();
        if (c != NULL) {
            CHECK_OK(putokaz_case_add_consent(c, "roma_mediator", true, "2026-03-02T11:00:00+01:00"));
            a = NULL;
            CHECK_OK(putokaz_assess(p, c, AS_OF, "en", &a, NULL));
            i = find_obligation(a, "offer_roma_mediator");
            CHECK_OK(putokaz_assessment_obligation_status(a, i, &status));
            CHECK(status == PUTOKAZ_OBLIGATION_STATUS_OVERDUE);
            CHECK_OK(putokaz_assessment_obligation_label(a, i, buf, sizeof buf, &n));
            CHECK_STR(buf, "Offer a Roma mediator");
            putokaz_assessment_free(a);
            putokaz_case_free(c);
        }
    }
    putokaz_protocol_free(p);
}

void test_assessment_absent_values(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    size_t i, n = 0;
    char buf[128];
    int64_t due = 0;
    if (p == NULL) return;
    /* No municipality: routed institutions cannot be named. No police_notified event:
     * the prosecutor's clock has not started. */
    CHECK_OK(putokaz_case_new("absent-1", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_age(c, 12));
    CHECK_OK(putokaz_case_observe_bool(c, "recruited_transported_or_harboured", true));
    CHECK_OK(putokaz_case_observe_bool(c, "daily_money_quota", true));
    CHECK_OK(putokaz_case_observe_count(c, "unexcused_absences", 40));
    CHECK_OK(putokaz_assess(p, c, AS_OF, NULL, &a, NULL));
    if (a != NULL) {
        i = find_obligation(a, "notify_csw");
        CHECK_RC(putokaz_assessment_obligation_recipient_institution(a, i, buf, sizeof buf, &n), PUTOKAZ_RESULT_NO_VALUE);
        CHECK_RC(putokaz_assessment_obligation_actor_institution(a, i, buf, sizeof buf, &n), PUTOKAZ_RESULT_NO_VALUE);
        CHECK_OK(putokaz_assessment_obligation_recipient_role(a, i, buf, sizeof buf, &n));
        CHECK_STR(buf, "csw");
        i = find_obligation(a, "inform_prosecutor");
        CHECK_RC(putokaz_assessment_obligation_due(a, i, buf, sizeof buf, &n), PUTOKAZ_RESULT_NO_VALUE);
        CHECK_RC(putokaz_assessment_obligation_due_unix(a, i, &due), PUTOKAZ_RESULT_NO_VALUE);
        CHECK(due == 0); /* not written */
    }
    putokaz_assessment_free(a);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}

void test_assessment_unknowns(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    size_t count = 0, i, n = 0;
    char input[128], label[256];
    int found = 0;
    if (p == NULL) return;
    /* Act, coercion and daily begging are established; whether there is a money quota
     * is asked but not known, and it decides the classification. */
    CHECK_OK(putokaz_case_new("unknowns-1", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_age_range(c, 14, 19));
    CHECK_OK(putokaz_case_observe_bool(c, "recruited_transported_or_harboured", true));
    CHECK_OK(putokaz_case_observe_bool(c, "forced_begging", true));
    CHECK_OK(putokaz_case_observe_enum(c, "begging_frequency", "daily"));
    CHECK_OK(putokaz_case_observe_unknown(c, "daily_money_quota"));
    CHECK_OK(putokaz_assess(p, c, AS_OF, "en", &a, NULL));
    CHECK_OK(putokaz_assessment_unknown_count(a, &count));
    CHECK(count >= 1);
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_assessment_unknown_input(a, i, input, sizeof input, &n));
        CHECK_OK(putokaz_assessment_unknown_label(a, i, label, sizeof label, &n));
        CHECK(n > 0);
        if (strcmp(input, "daily_money_quota") == 0) {
            found = 1;
            CHECK_STR(label, "Child must bring a set amount of money every day");
            CHECK(i == 0); /* the most decisive */
        }
    }
    CHECK(found);
    CHECK_RC(putokaz_assessment_unknown_input(a, count, input, sizeof input, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_unknown_label(a, count, label, sizeof label, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    putokaz_assessment_free(a);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}

void test_assessment_text_and_json(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_assessment *a;
    size_t n = 0, m = 0;
    char *text, *json = NULL, *direct = NULL;
    if (p == NULL) return;
    a = demo_assessment(p, "en");
    if (a == NULL) {
        putokaz_protocol_free(p);
        return;
    }
    /* Ask for the size, then fetch. */
    CHECK_RC(putokaz_assessment_text(a, NULL, 0, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n > 100);
    text = malloc(n + 1);
    if (text != NULL) {
        CHECK_OK(putokaz_assessment_text(a, text, n + 1, &m));
        CHECK(m == n && strlen(text) == n);
        CHECK_CONTAINS(text, "Case demo-1");
        CHECK_CONTAINS(text, "Level: VERY HIGH");
        CHECK_CONTAINS(text, "[OVERDUE] Notify the Centre for Social Work");
        CHECK_RC(putokaz_assessment_text(a, text, n, &m), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
        free(text);
    }
    CHECK_OK(putokaz_assessment_to_json(a, &json));
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, "en", &direct, NULL));
    CHECK(json != NULL && direct != NULL && strcmp(json, direct) == 0);
    putokaz_string_free(json);
    putokaz_string_free(direct);
    putokaz_assessment_free(a);

    /* The assessment outlives its protocol and case. */
    a = demo_assessment(p, NULL);
    putokaz_protocol_free(p);
    if (a != NULL) {
        json = NULL;
        CHECK_OK(putokaz_assessment_to_json(a, &json));
        CHECK_CONTAINS(json, "\"language\":\"bs\"");
        putokaz_string_free(json);
        putokaz_assessment_free(a);
    }
}

void test_assessment_index_and_null_errors(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_assessment *a;
    size_t count = 0, n = 0;
    char buf[64];
    putokaz_obligation_status status;
    uint8_t priority;
    int64_t i64;
    uint32_t u32;
    putokaz_level level;
    putokaz_classification classification;
    putokaz_tri tri;
    putokaz_child_basis basis;
    char *json = NULL;
    if (p == NULL) return;
    a = demo_assessment(p, NULL);
    if (a == NULL) {
        putokaz_protocol_free(p);
        return;
    }
    CHECK_OK(putokaz_assessment_obligation_count(a, &count));
    /* Index out of range, for every obligation accessor. */
    CHECK_RC(putokaz_assessment_obligation_id(a, count, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_label(a, count, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_status(a, count, &status), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_priority(a, count, &priority), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_actor_role(a, count, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_actor_institution(a, count, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_recipient_role(a, count, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_recipient_institution(a, count, buf, sizeof buf, &n),
             PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_due(a, count, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_due_unix(a, count, &i64), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_late_seconds(a, count, &i64), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_obligation_id(a, (size_t)-1, buf, sizeof buf, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);

    /* Buffers too small. */
    CHECK_RC(putokaz_assessment_obligation_id(a, 0, buf, 1, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK_RC(putokaz_assessment_obligation_recipient_institution(a, 0, buf, 2, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK_RC(putokaz_assessment_obligation_due(a, 0, buf, 10, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n == 25);

    /* NULL out-parameters. */
    CHECK_RC(putokaz_assessment_level(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_classification(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_is_child(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_child_basis(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_score(a, buf, sizeof buf, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_score_scaled(a, NULL, &u32), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_score_scaled(a, &i64, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_count(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_status(a, 0, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_priority(a, 0, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_due_unix(a, 0, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_late_seconds(a, 0, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_id(a, 0, NULL, 5, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_unknown_count(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_text(a, buf, sizeof buf, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_to_json(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);

    /* A NULL assessment. */
    CHECK_RC(putokaz_assessment_level(NULL, &level), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_classification(NULL, &classification), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_is_child(NULL, &tri), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_child_basis(NULL, &basis), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_score(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_score_scaled(NULL, &i64, &u32), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_count(NULL, &count), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_id(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_label(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_status(NULL, 0, &status), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_priority(NULL, 0, &priority), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_actor_role(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_actor_institution(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_recipient_role(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_recipient_institution(NULL, 0, buf, sizeof buf, &n),
             PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_due(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_due_unix(NULL, 0, &i64), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_late_seconds(NULL, 0, &i64), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_unknown_count(NULL, &count), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_unknown_input(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_unknown_label(NULL, 0, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_text(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_to_json(NULL, &json), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK(json == NULL);
    putokaz_assessment_free(NULL); /* does nothing */

    putokaz_assessment_free(a);
    putokaz_protocol_free(p);
}

/* A copying accessor's text, or NULL when it says the value is absent. */
typedef putokaz_result (*obligation_copy)(const putokaz_assessment *, size_t, char *, size_t, size_t *);
typedef putokaz_result (*obligation_lend)(const putokaz_assessment *, size_t, const char **);

static const struct {
    const char *name;
    obligation_copy copy;
    obligation_lend lend;
} OBLIGATION_TEXTS[] = {
    {"id", putokaz_assessment_obligation_id, putokaz_assessment_obligation_id_str},
    {"label", putokaz_assessment_obligation_label, putokaz_assessment_obligation_label_str},
    {"actor_role", putokaz_assessment_obligation_actor_role, putokaz_assessment_obligation_actor_role_str},
    {"actor_institution", putokaz_assessment_obligation_actor_institution,
     putokaz_assessment_obligation_actor_institution_str},
    {"recipient_role", putokaz_assessment_obligation_recipient_role, putokaz_assessment_obligation_recipient_role_str},
    {"recipient_institution", putokaz_assessment_obligation_recipient_institution,
     putokaz_assessment_obligation_recipient_institution_str},
    {"due", putokaz_assessment_obligation_due, putokaz_assessment_obligation_due_str},
};

/* Every lent text is the copied text, absent where it is absent; it stays at the same
 * place for the assessment's life, one call or many, whatever is read in between. */
void test_assessment_texts_are_lent(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = NULL;
    putokaz_assessment *a = NULL;
    size_t count = 0, unknowns = 0, i, k, n = 0, absent = 0;
    char buf[8192];
    const char *lent = NULL, *first_label = NULL, *again = NULL, *score = NULL;
    if (p == NULL) return;
    /* No municipality, and the police not told: some institutions and a due time are
     * absent (null in the JSON). */
    CHECK_OK(putokaz_case_new("lent-1", "2026-03-02T09:00:00+01:00", &c));
    CHECK_OK(putokaz_case_set_age(c, 12));
    CHECK_OK(putokaz_case_set_reporter(c, "school"));
    CHECK_OK(putokaz_case_observe_bool(c, "recruited_transported_or_harboured", true));
    CHECK_OK(putokaz_case_observe_bool(c, "daily_money_quota", true));
    CHECK_OK(putokaz_case_observe_unknown(c, "forced_begging"));
    CHECK_OK(putokaz_assess(p, c, AS_OF, "en", &a, NULL));
    putokaz_case_free(c);
    if (a == NULL) {
        putokaz_protocol_free(p);
        return;
    }
    CHECK_OK(putokaz_assessment_obligation_count(a, &count));
    CHECK(count > 0);
    for (i = 0; i < count; i++) {
        for (k = 0; k < sizeof OBLIGATION_TEXTS / sizeof OBLIGATION_TEXTS[0]; k++) {
            putokaz_result copied = OBLIGATION_TEXTS[k].copy(a, i, buf, sizeof buf, &n);
            putokaz_result borrowed = OBLIGATION_TEXTS[k].lend(a, i, &lent);
            if (copied != borrowed) harness_fail(__FILE__, __LINE__, OBLIGATION_TEXTS[k].name);
            if (copied == PUTOKAZ_RESULT_OK) {
                CHECK_STR(lent, buf);
                CHECK(strlen(lent) == n);
            } else {
                CHECK(copied == PUTOKAZ_RESULT_NO_VALUE);
                absent++;
            }
        }
    }
    CHECK(absent > 0);
    CHECK_OK(putokaz_assessment_unknown_count(a, &unknowns));
    CHECK(unknowns > 0);
    for (i = 0; i < unknowns; i++) {
        CHECK_OK(putokaz_assessment_unknown_input(a, i, buf, sizeof buf, &n));
        CHECK_OK(putokaz_assessment_unknown_input_str(a, i, &lent));
        CHECK_STR(lent, buf);
        CHECK_OK(putokaz_assessment_unknown_label(a, i, buf, sizeof buf, &n));
        CHECK_OK(putokaz_assessment_unknown_label_str(a, i, &lent));
        CHECK_STR(lent, buf);
    }
    CHECK_OK(putokaz_assessment_score(a, buf, sizeof buf, &n));
    CHECK_OK(putokaz_assessment_score_str(a, &score));
    CHECK_STR(score, buf);
    CHECK_OK(putokaz_assessment_text(a, buf, sizeof buf, &n));
    CHECK_OK(putokaz_assessment_text_str(a, &lent));
    CHECK_STR(lent, buf);
    CHECK_CONTAINS(lent, "Case lent-1");

    /* The same place, before and after everything else was read. */
    CHECK_OK(putokaz_assessment_obligation_label_str(a, 0, &first_label));
    CHECK_OK(putokaz_assessment_to_json(a, (char **)&again));
    putokaz_string_free((char *)again);
    CHECK_OK(putokaz_assessment_obligation_label_str(a, 0, &again));
    CHECK(again == first_label);
    CHECK_OK(putokaz_assessment_score_str(a, &again));
    CHECK(again == score);

    /* Errors, and out-parameters written only on success. */
    lent = NULL;
    CHECK_RC(putokaz_assessment_obligation_label_str(a, count, &lent), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_assessment_unknown_input_str(a, unknowns, &lent), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK(lent == NULL);
    CHECK_RC(putokaz_assessment_score_str(a, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_score_str(NULL, &lent), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_assessment_obligation_due_str(NULL, 0, &lent), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK(lent == NULL);
    putokaz_assessment_free(a);
    putokaz_protocol_free(p);
}
