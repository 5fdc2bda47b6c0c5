/* Versions, result codes, names, and the "Strings out" convention. */
#include "harness.h"

#include <stdlib.h>

/* The version in [workspace.package] of Cargo.toml, read as text. */
static int cargo_version(char *out, size_t len) {
    char *toml = harness_read_file(harness_path("Cargo.toml"));
    const char *section, *line, *open, *close;
    int found = 0;
    if (toml == NULL) return 0;
    section = strstr(toml, "[workspace.package]");
    for (line = section; line != NULL && !found; line = strchr(line + 1, '\n')) {
        const char *start = line + (*line == '\n');
        if (start != section && *start == '[') break; /* the next table */
        if (strncmp(start, "version", 7) != 0) continue;
        open = strchr(start, '"');
        close = open ? strchr(open + 1, '"') : NULL;
        if (open && close && (size_t)(close - open - 1) < len) {
            memcpy(out, open + 1, (size_t)(close - open - 1));
            out[close - open - 1] = '\0';
            found = 1;
        }
    }
    free(toml);
    return found;
}

void test_version_matches_cargo_toml(void) {
    char version[64];
    unsigned major = 0, minor = 0, patch = 0;
    unsigned long packed;
    CHECK(cargo_version(version, sizeof version));
    CHECK(sscanf(version, "%u.%u.%u", &major, &minor, &patch) == 3);

    CHECK_STR(PUTOKAZ_VERSION_STRING, version);
    CHECK_STR(putokaz_version(), version);
    CHECK(PUTOKAZ_VERSION_MAJOR == major);
    CHECK(PUTOKAZ_VERSION_MINOR == minor);
    CHECK(PUTOKAZ_VERSION_PATCH == patch);

    /* The packing, computed here from Cargo.toml's numbers, not from the macros. */
    packed = (unsigned long)major * 1000000UL + (unsigned long)minor * 1000UL + patch;
    CHECK(PUTOKAZ_VERSION_NUMBER == packed);
    CHECK(putokaz_version_number() == packed);
    /* ... and unpacked again: each part in its own place. */
    CHECK(PUTOKAZ_VERSION_NUMBER / 1000000 == major);
    CHECK(PUTOKAZ_VERSION_NUMBER / 1000 % 1000 == minor);
    CHECK(PUTOKAZ_VERSION_NUMBER % 1000 == patch);
    CHECK(minor < 1000 && patch < 1000);
}

/* The numbers and names are ABI: this table may only grow. */
static const struct {
    putokaz_result code;
    unsigned number;
    const char *name;
} CODES[] = {
    {PUTOKAZ_RESULT_OK, 0, "ok"},
    {PUTOKAZ_RESULT_NULL_PARAMETER, 1, "null_parameter"},
    {PUTOKAZ_RESULT_INVALID_UTF8, 2, "invalid_utf8"},
    {PUTOKAZ_RESULT_BUFFER_TOO_SMALL, 3, "buffer_too_small"},
    {PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE, 4, "index_out_of_range"},
    {PUTOKAZ_RESULT_PANIC, 5, "panic"},
    {PUTOKAZ_RESULT_USAGE, 6, "usage"},
    {PUTOKAZ_RESULT_IO, 7, "io"},
    {PUTOKAZ_RESULT_NO_VALUE, 8, "no_value"},
    {PUTOKAZ_RESULT_OVERFLOW, 9, "overflow"},
    {PUTOKAZ_RESULT_INTERNAL, 10, "internal"},
    {PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE, 11, "diagnostic_in_use"},
    {PUTOKAZ_RESULT_PACK_OTHER, 100, "pack.other"},
    {PUTOKAZ_RESULT_PACK_SYNTAX, 101, "pack.syntax"},
    {PUTOKAZ_RESULT_PACK_SCHEMA, 102, "pack.schema"},
    {PUTOKAZ_RESULT_PACK_MISSING_FILE, 103, "pack.missing_file"},
    {PUTOKAZ_RESULT_PACK_UNKNOWN_NAME, 104, "pack.unknown_name"},
    {PUTOKAZ_RESULT_PACK_TYPE, 105, "pack.type"},
    {PUTOKAZ_RESULT_PACK_DUPLICATE, 106, "pack.duplicate"},
    {PUTOKAZ_RESULT_PACK_CYCLE, 107, "pack.cycle"},
    {PUTOKAZ_RESULT_PACK_PROTECTED, 108, "pack.protected"},
    {PUTOKAZ_RESULT_PACK_CONFLICT, 109, "pack.conflict"},
    {PUTOKAZ_RESULT_PACK_INVALID_VALUE, 110, "pack.invalid_value"},
    {PUTOKAZ_RESULT_PACK_LIMIT, 111, "pack.limit"},
    {PUTOKAZ_RESULT_PACK_MISSING_LABEL, 112, "pack.missing_label"},
    {PUTOKAZ_RESULT_PACK_UNREACHABLE, 113, "pack.unreachable"},
    {PUTOKAZ_RESULT_PACK_VERIFIED_CITES_HISTORICAL, 114, "pack.verified_cites_historical"},
    {PUTOKAZ_RESULT_PACK_HISTORICAL_WITHOUT_SUCCESSOR, 115, "pack.historical_without_successor"},
    {PUTOKAZ_RESULT_CASE_OTHER, 200, "case.other"},
    {PUTOKAZ_RESULT_CASE_SYNTAX, 201, "case.syntax"},
    {PUTOKAZ_RESULT_CASE_SCHEMA, 202, "case.schema"},
    {PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR, 203, "case.unknown_indicator"},
    {PUTOKAZ_RESULT_CASE_WRONG_TYPE, 204, "case.wrong_type"},
    {PUTOKAZ_RESULT_CASE_INVALID_DATE, 205, "case.invalid_date"},
    {PUTOKAZ_RESULT_CASE_IMPOSSIBLE_DATE, 206, "case.impossible_date"},
    {PUTOKAZ_RESULT_CASE_CONFLICT, 207, "case.conflict"},
    {PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY, 208, "case.unknown_municipality"},
    {PUTOKAZ_RESULT_CASE_UNKNOWN_KIND, 209, "case.unknown_kind"},
    {PUTOKAZ_RESULT_CASE_INVALID_OVERRIDE, 210, "case.invalid_override"},
    {PUTOKAZ_RESULT_CASE_LIMIT, 211, "case.limit"},
    {PUTOKAZ_RESULT_CASE_OUT_OF_EFFECT, 212, "case.out_of_effect"},
};

void test_result_codes_are_stable(void) {
    size_t i, j;
    for (i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
        CHECK(CODES[i].code == CODES[i].number);
        CHECK_STR(putokaz_result_name(CODES[i].code), CODES[i].name);
        for (j = 0; j < i; j++) CHECK(CODES[i].code != CODES[j].code);
    }
    CHECK(sizeof(putokaz_result) == 4);
}

void test_result_names_and_messages(void) {
    char buf[256];
    size_t i, n = 0;
    for (i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
        CHECK_OK(putokaz_error_message(CODES[i].code, buf, sizeof buf, &n));
        CHECK(n > 0 && strlen(buf) == n);
    }
    CHECK_OK(putokaz_error_message(PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR, buf, sizeof buf, &n));
    CHECK_CONTAINS(buf, "indicator");
    /* Numbers that are not codes. */
    CHECK_STR(putokaz_result_name(12), "");
    CHECK_STR(putokaz_result_name(116), "");
    CHECK_STR(putokaz_result_name(99999), "");
    CHECK_OK(putokaz_error_message(99999, buf, sizeof buf, &n));
    CHECK_STR(buf, "unknown result code");
    /* NULL arguments. */
    CHECK_RC(putokaz_error_message(0, buf, sizeof buf, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_error_message(0, NULL, 10, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
}

/* Every enum but putokaz_result numbers its values from 1 (0 is never a value), and
 * names them as the JSON does. The numbers are ABI: this table may only grow. */
static const struct {
    const char *(*name)(uint32_t);
    unsigned number;
    const char *want;
} VALUES[] = {
    {putokaz_level_name, PUTOKAZ_LEVEL_NONE, "none"},
    {putokaz_level_name, PUTOKAZ_LEVEL_LOW, "low"},
    {putokaz_level_name, PUTOKAZ_LEVEL_MODERATE, "moderate"},
    {putokaz_level_name, PUTOKAZ_LEVEL_HIGH, "high"},
    {putokaz_level_name, PUTOKAZ_LEVEL_VERY_HIGH, "very_high"},
    {putokaz_classification_name, PUTOKAZ_CLASSIFICATION_PRESUMED_VICTIM, "presumed_victim"},
    {putokaz_classification_name, PUTOKAZ_CLASSIFICATION_AT_RISK, "at_risk"},
    {putokaz_classification_name, PUTOKAZ_CLASSIFICATION_INSUFFICIENT_INDICATORS, "insufficient_indicators"},
    {putokaz_tri_name, PUTOKAZ_TRI_FALSE, "false"},
    {putokaz_tri_name, PUTOKAZ_TRI_TRUE, "true"},
    {putokaz_tri_name, PUTOKAZ_TRI_UNKNOWN, "unknown"},
    {putokaz_child_basis_name, PUTOKAZ_CHILD_BASIS_UNKNOWN, "unknown"},
    {putokaz_child_basis_name, PUTOKAZ_CHILD_BASIS_BIRTH_DATE, "birth_date"},
    {putokaz_child_basis_name, PUTOKAZ_CHILD_BASIS_STATED_AGE, "stated_age"},
    {putokaz_child_basis_name, PUTOKAZ_CHILD_BASIS_AGE_RANGE, "age_range"},
    {putokaz_child_basis_name, PUTOKAZ_CHILD_BASIS_PRESUMED_MINOR_AGE_RANGE, "presumed_minor_age_range"},
    {putokaz_child_basis_name, PUTOKAZ_CHILD_BASIS_PRESUMED_MINOR_APPEARANCE, "presumed_minor_appearance"},
    {putokaz_obligation_status_name, PUTOKAZ_OBLIGATION_STATUS_OVERDUE, "overdue"},
    {putokaz_obligation_status_name, PUTOKAZ_OBLIGATION_STATUS_PENDING, "pending"},
    {putokaz_obligation_status_name, PUTOKAZ_OBLIGATION_STATUS_OFFERED, "offered"},
    {putokaz_obligation_status_name, PUTOKAZ_OBLIGATION_STATUS_DEPENDS_ON_UNKNOWN, "depends_on_unknown"},
    {putokaz_obligation_status_name, PUTOKAZ_OBLIGATION_STATUS_MET, "met"},
    {putokaz_indicator_kind_name, PUTOKAZ_INDICATOR_KIND_BOOL, "bool"},
    {putokaz_indicator_kind_name, PUTOKAZ_INDICATOR_KIND_COUNT, "count"},
    {putokaz_indicator_kind_name, PUTOKAZ_INDICATOR_KIND_ENUM, "enum"},
    {putokaz_direction_name, PUTOKAZ_DIRECTION_RAISE, "raise"},
    {putokaz_direction_name, PUTOKAZ_DIRECTION_LOWER, "lower"},
    {putokaz_parameter_kind_name, PUTOKAZ_PARAMETER_KIND_DECIMAL, "decimal"},
    {putokaz_parameter_kind_name, PUTOKAZ_PARAMETER_KIND_COUNT, "count"},
    {putokaz_parameter_kind_name, PUTOKAZ_PARAMETER_KIND_DURATION, "duration"},
    {putokaz_parameter_kind_name, PUTOKAZ_PARAMETER_KIND_BOOL, "bool"},
    {putokaz_vocabulary_name, PUTOKAZ_VOCABULARY_ROLE, "role"},
    {putokaz_vocabulary_name, PUTOKAZ_VOCABULARY_EVENT_KIND, "event_kind"},
    {putokaz_vocabulary_name, PUTOKAZ_VOCABULARY_CONSENT_SCOPE, "consent_scope"},
};

void test_enum_names(void) {
    size_t i;
    unsigned expected = 1;
    for (i = 0; i < sizeof VALUES / sizeof VALUES[0]; i++) {
        /* Each enum's values run 1, 2, 3, ... in the order listed. */
        if (i > 0 && VALUES[i].name != VALUES[i - 1].name) {
            CHECK_STR(VALUES[i - 1].name(0), "");
            CHECK_STR(VALUES[i - 1].name(expected), "");
            expected = 1;
        }
        CHECK(VALUES[i].number == expected);
        CHECK_STR(VALUES[i].name(VALUES[i].number), VALUES[i].want);
        expected++;
    }
    CHECK_STR(putokaz_vocabulary_name(0), "");
    CHECK_STR(putokaz_vocabulary_name(4), "");
    /* Levels compare by number. */
    CHECK(PUTOKAZ_LEVEL_NONE < PUTOKAZ_LEVEL_LOW && PUTOKAZ_LEVEL_LOW < PUTOKAZ_LEVEL_MODERATE &&
          PUTOKAZ_LEVEL_MODERATE < PUTOKAZ_LEVEL_HIGH && PUTOKAZ_LEVEL_HIGH < PUTOKAZ_LEVEL_VERY_HIGH);
    CHECK(sizeof(putokaz_level) == 4 && sizeof(putokaz_tri) == 4);
}

void test_strings_out_follow_the_convention(void) {
    /* "success" is 7 bytes: it needs a buffer of 8. */
    char buf[16];
    size_t n = 12345;
    memset(buf, 'x', sizeof buf);

    /* A size query: no buffer, the length comes back. */
    CHECK_RC(putokaz_error_message(PUTOKAZ_RESULT_OK, NULL, 0, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n == 7);

    /* One byte short: nothing copied, the length still comes back. */
    n = 0;
    CHECK_RC(putokaz_error_message(PUTOKAZ_RESULT_OK, buf, 7, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n == 7);
    CHECK(buf[0] == 'x' && buf[6] == 'x');

    /* A zero length with a buffer: too small, untouched. */
    CHECK_RC(putokaz_error_message(PUTOKAZ_RESULT_OK, buf, 0, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(buf[0] == 'x');

    /* Exactly enough. */
    n = 0;
    CHECK_OK(putokaz_error_message(PUTOKAZ_RESULT_OK, buf, 8, &n));
    CHECK(n == 7);
    CHECK_STR(buf, "success");
    CHECK(buf[8] == 'x'); /* nothing written past the NUL */
}

/* putokaz_global_cleanup releases the process-wide caches and leaves the library as
 * usable as before: an assessment made after it (which reads the time-zone database
 * again) is the same bytes. The harness calls it once more at exit, so that valgrind's
 * strict leak check (tests/c/run.sh) sees nothing held but the suppressed phrase tables. */
void test_global_cleanup_leaves_the_library_usable(void) {
    const putokaz_protocol *p = load_demo();
    char *before = NULL, *after = NULL;
    if (p == NULL) return;
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, "en", &before, NULL));
    putokaz_global_cleanup();
    putokaz_global_cleanup(); /* twice is fine */
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, "en", &after, NULL));
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    putokaz_string_free(before);
    putokaz_string_free(after);
    putokaz_protocol_free(p);
}
