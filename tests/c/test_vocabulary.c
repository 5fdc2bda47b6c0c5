/* The vocabulary of a protocol from C: what a registry needs to map its own codes onto a
 * pack without reading TOML (indicators with labels and values, municipalities with
 * their entity, area and institutions, roles, event kinds, consent scopes, languages,
 * parameters), every text lent for as long as the protocol lives. */
#include "harness.h"

#include <stdlib.h>

static const putokaz_protocol *load_bih(void) {
    const putokaz_protocol *p = NULL;
    CHECK_OK(putokaz_protocol_bundled("bih", &p, NULL));
    return p;
}

void test_vocabulary_municipalities(void) {
    const putokaz_protocol *p = load_bih();
    size_t count = 0, jajce = 99, i, institutions = 0;
    const char *name = NULL, *entity = NULL, *area = NULL, *role = NULL, *institution = NULL;
    int csw = 0;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_municipality_count(p, &count));
    CHECK(count == 143); /* every municipality of BiH */
    CHECK_OK(putokaz_protocol_municipality_find(p, "Jajce", &jajce));
    CHECK_OK(putokaz_protocol_municipality(p, jajce, &name, &entity, &area));
    CHECK_STR(name, "Jajce");
    CHECK_STR(entity, "FBiH");
    CHECK_STR(area, "SBK");
    CHECK_OK(putokaz_protocol_municipality_institution_count(p, jajce, &institutions));
    CHECK(institutions >= 4);
    for (i = 0; i < institutions; i++) {
        CHECK_OK(putokaz_protocol_municipality_institution(p, jajce, i, &role, &institution));
        if (role != NULL && strcmp(role, "csw") == 0) {
            CHECK_STR(institution, "JU Centar za socijalni rad Jajce");
            csw = 1;
        }
    }
    CHECK(csw);
    /* Entities of the other two: RS and Brčko District. */
    CHECK_OK(putokaz_protocol_municipality_find(p, "Modriča", &i));
    CHECK_OK(putokaz_protocol_municipality(p, i, &name, &entity, &area));
    CHECK_STR(entity, "RS");
    CHECK_OK(putokaz_protocol_municipality_find(p, "Brčko", &i));
    CHECK_OK(putokaz_protocol_municipality(p, i, &name, &entity, &area));
    CHECK_STR(entity, "BD");

    /* Every row has a name, an entity and an area. */
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_protocol_municipality(p, i, &name, &entity, &area));
        CHECK(name != NULL && name[0] != '\0' && entity != NULL && area != NULL);
    }
    /* Misses. */
    name = entity = area = role = institution = NULL;
    CHECK_RC(putokaz_protocol_municipality_find(p, "Jajze", &i), PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY);
    CHECK_RC(putokaz_protocol_municipality(p, count, &name, &entity, &area), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK(name == NULL && entity == NULL && area == NULL); /* written only on success */
    CHECK_RC(putokaz_protocol_municipality_institution(p, jajce, institutions, &role, &institution),
             PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_protocol_municipality_institution_count(p, count, &i), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_protocol_municipality(p, 0, NULL, &entity, &area), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_municipality_find(p, NULL, &i), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_municipality_count(NULL, &count), PUTOKAZ_RESULT_NULL_PARAMETER);
    putokaz_protocol_free(p);
}

/* The index of `id` in `vocabulary`, or (size_t)-1. */
static size_t find_term(const putokaz_protocol *p, putokaz_vocabulary vocabulary, const char *id) {
    size_t count = 0, i;
    const char *got = NULL;
    CHECK_OK(putokaz_protocol_term_count(p, vocabulary, &count));
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_protocol_term_id(p, vocabulary, i, &got));
        if (got != NULL && strcmp(got, id) == 0) return i;
    }
    return (size_t)-1;
}

void test_vocabulary_terms_and_languages(void) {
    const putokaz_protocol *p = load_bih();
    size_t count = 0, i, school, mediator;
    const char *code = NULL, *label = NULL;
    static const char *const five[] = {"bs", "hr", "sr-Latn", "sr-Cyrl", "en"};
    if (p == NULL) return;

    /* The five languages the engine writes, the default first. */
    CHECK_OK(putokaz_protocol_language_count(p, &count));
    CHECK(count == 5);
    for (i = 0; i < count && i < 5; i++) {
        CHECK_OK(putokaz_protocol_language(p, i, &code));
        CHECK_STR(code, five[i]);
    }
    CHECK_RC(putokaz_protocol_language(p, 5, &code), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);

    /* Roles, with labels in every language; NULL is the first language. */
    school = find_term(p, PUTOKAZ_VOCABULARY_ROLE, "school");
    CHECK(school != (size_t)-1);
    CHECK(find_term(p, PUTOKAZ_VOCABULARY_ROLE, "csw") != (size_t)-1);
    CHECK_OK(putokaz_protocol_term_label(p, PUTOKAZ_VOCABULARY_ROLE, school, "en", &label));
    CHECK_STR(label, "School");
    CHECK_OK(putokaz_protocol_term_label(p, PUTOKAZ_VOCABULARY_ROLE, school, NULL, &label));
    CHECK_STR(label, "Škola");
    CHECK_OK(putokaz_protocol_term_label(p, PUTOKAZ_VOCABULARY_ROLE, school, "sr-Cyrl", &label));
    CHECK_STR(label, "Школа");
    /* Event kinds and consent scopes. */
    CHECK(find_term(p, PUTOKAZ_VOCABULARY_EVENT_KIND, "csw_notified") != (size_t)-1);
    CHECK(find_term(p, PUTOKAZ_VOCABULARY_EVENT_KIND, "guardian_appointed") != (size_t)-1);
    mediator = find_term(p, PUTOKAZ_VOCABULARY_CONSENT_SCOPE, "roma_mediator");
    CHECK(mediator != (size_t)-1);
    CHECK(find_term(p, PUTOKAZ_VOCABULARY_CONSENT_SCOPE, "csw_notified") == (size_t)-1);

    /* Misuse: a number that is not a vocabulary, a language the pack does not have. */
    CHECK_RC(putokaz_protocol_term_count(p, 0, &count), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_protocol_term_count(p, 4, &count), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_protocol_term_label(p, PUTOKAZ_VOCABULARY_ROLE, school, "de", &label), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_protocol_term_id(p, PUTOKAZ_VOCABULARY_ROLE, 1000, &code), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_protocol_term_id(p, PUTOKAZ_VOCABULARY_ROLE, 0, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_term_label(p, PUTOKAZ_VOCABULARY_ROLE, 0, "b\xff", &label), PUTOKAZ_RESULT_INVALID_UTF8);
    putokaz_protocol_free(p);
}

void test_vocabulary_parameters(void) {
    const putokaz_protocol *p = load_bih(), *local = NULL;
    size_t count = 0, i, threshold = (size_t)-1, n = 0;
    const char *id = NULL, *unit = NULL, *label = NULL;
    putokaz_parameter_kind kind = 0;
    bool is_local = false;
    char value[32];
    int durations = 0;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_parameter_count(p, &count));
    CHECK(count > 5);
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_protocol_parameter(p, i, &id, &kind, &is_local));
        CHECK(putokaz_parameter_kind_name(kind)[0] != '\0');
        if (kind == PUTOKAZ_PARAMETER_KIND_DURATION) durations++;
        if (id != NULL && strcmp(id, "absence_threshold") == 0) threshold = i;
    }
    CHECK(durations > 0);
    CHECK(threshold != (size_t)-1);
    if (threshold == (size_t)-1) {
        putokaz_protocol_free(p);
        return;
    }
    CHECK_OK(putokaz_protocol_parameter(p, threshold, &id, &kind, &is_local));
    CHECK(kind == PUTOKAZ_PARAMETER_KIND_COUNT);
    CHECK(is_local);
    CHECK_OK(putokaz_protocol_parameter_unit(p, threshold, &unit));
    CHECK_CONTAINS(unit, "unexcused lessons");
    CHECK_OK(putokaz_protocol_parameter_label(p, threshold, "en", &label));
    CHECK_STR(label, "Unexcused lessons that count as a signal");
    CHECK_OK(putokaz_protocol_parameter_value(p, threshold, "2026-03-04", value, sizeof value, &n));
    CHECK_STR(value, "75");
    CHECK(n == 2);

    /* A local value shows in the protocol made with it, not in the one it came from. */
    CHECK_OK(putokaz_protocol_with_local_parameter(p, "absence_threshold", "20", &local, NULL));
    CHECK_OK(putokaz_protocol_parameter_value(local, threshold, "2026-03-04", value, sizeof value, &n));
    CHECK_STR(value, "20");
    CHECK_OK(putokaz_protocol_parameter_value(p, threshold, "2026-03-04", value, sizeof value, &n));
    CHECK_STR(value, "75");
    putokaz_protocol_free(local);

    /* Dates in one form only; a date before the pack's values is no value. */
    CHECK_RC(putokaz_protocol_parameter_value(p, threshold, "2026-3-4", value, sizeof value, &n), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_protocol_parameter_value(p, threshold, "2026-02-30", value, sizeof value, &n), PUTOKAZ_RESULT_USAGE);
    CHECK_RC(putokaz_protocol_parameter_value(p, threshold, "1900-01-01", value, sizeof value, &n),
             PUTOKAZ_RESULT_NO_VALUE);
    CHECK_RC(putokaz_protocol_parameter_value(p, count, "2026-03-04", value, sizeof value, &n),
             PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_protocol_parameter_value(p, threshold, NULL, value, sizeof value, &n),
             PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_parameter(p, threshold, &id, NULL, &is_local), PUTOKAZ_RESULT_NULL_PARAMETER);
    putokaz_protocol_free(p);
}

void test_vocabulary_indicators(void) {
    const putokaz_protocol *p = load_demo();
    size_t count = 0, i, values = 0, frequency = (size_t)-1;
    const char *id = NULL, *label = NULL, *value = NULL;
    putokaz_indicator_kind kind = 0;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_indicator_count(p, &count));
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_protocol_indicator(p, i, &id, &kind));
        if (id != NULL && strcmp(id, "begging_frequency") == 0) frequency = i;
        CHECK_OK(putokaz_protocol_indicator_value_count(p, i, &values));
        CHECK((kind == PUTOKAZ_INDICATOR_KIND_ENUM) == (values > 0));
    }
    CHECK(frequency != (size_t)-1);
    if (frequency != (size_t)-1) {
        CHECK_OK(putokaz_protocol_indicator(p, frequency, &id, &kind));
        CHECK(kind == PUTOKAZ_INDICATOR_KIND_ENUM);
        CHECK_OK(putokaz_protocol_indicator_label(p, frequency, "en", &label));
        CHECK_STR(label, "How often the child begs");
        CHECK_OK(putokaz_protocol_indicator_value_count(p, frequency, &values));
        CHECK(values == 3);
        CHECK_OK(putokaz_protocol_indicator_value(p, frequency, 0, &value));
        CHECK_STR(value, "daily");
        CHECK_OK(putokaz_protocol_indicator_value(p, frequency, 2, &value));
        CHECK_STR(value, "occasionally");
        CHECK_RC(putokaz_protocol_indicator_value(p, frequency, 3, &value), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
        /* The demo pack is written in bs and en only: hr is a language of the engine,
         * not of the pack. */
        CHECK_RC(putokaz_protocol_indicator_label(p, frequency, "hr", &label), PUTOKAZ_RESULT_USAGE);
    }
    CHECK_RC(putokaz_protocol_indicator(p, count, &id, &kind), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    putokaz_protocol_free(p);
}

/* Lent texts stay where they are, unchanged, until the protocol goes: two calls give the
 * same pointer, and a text read before other calls is intact after them. */
void test_vocabulary_texts_are_lent_for_the_protocols_life(void) {
    const putokaz_protocol *p = load_bih(), *second = NULL;
    const char *first = NULL, *again = NULL, *name = NULL, *entity = NULL, *area = NULL;
    size_t count = 0, i;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_term_id(p, PUTOKAZ_VOCABULARY_ROLE, 0, &first));
    CHECK_OK(putokaz_protocol_municipality_count(p, &count));
    for (i = 0; i < count; i++) CHECK_OK(putokaz_protocol_municipality(p, i, &name, &entity, &area));
    CHECK_OK(putokaz_protocol_term_id(p, PUTOKAZ_VOCABULARY_ROLE, 0, &again));
    CHECK(first == again);
    CHECK_STR(first, "csw");
    /* A clone is the same protocol: its texts are the same texts, and they outlive the
     * release of the first reference. */
    CHECK_OK(putokaz_protocol_clone(p, &second));
    putokaz_protocol_free(p);
    CHECK_OK(putokaz_protocol_term_id(second, PUTOKAZ_VOCABULARY_ROLE, 0, &again));
    CHECK(first == again);
    CHECK_STR(first, "csw");
    putokaz_protocol_free(second);
}
