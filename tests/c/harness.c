/* The runner of the C suite and the fixtures the tests share.
 *
 *   test_putokaz [ROOT] [NAME...]
 *
 * ROOT is the repository root (default "."); NAMEs select tests by name. Prints one line
 * per test ("ok NAME" or "FAIL NAME") and a closing line "tests: N passed, M failed";
 * exits 1 if any failed. */
#include "harness.h"

#include <stdlib.h>

int harness_failures = 0;
const char *harness_root = ".";

void harness_fail(const char *file, int line, const char *what) {
    harness_failures++;
    fprintf(stderr, "    %s:%d: %s\n", file, line, what);
}

const char *harness_code(putokaz_result code) {
    static char buf[4][96];
    static int next = 0;
    char *out = buf[next++ % 4];
    snprintf(out, sizeof buf[0], "%s (%u)", putokaz_result_name(code), (unsigned)code);
    return out;
}

const char *harness_path(const char *relative) {
    static char buf[2][4096];
    static int next = 0;
    char *out = buf[next++ % 2];
    snprintf(out, sizeof buf[0], "%s/%s", harness_root, relative);
    return out;
}

char *harness_read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text;
    long size;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) {
        free(text);
        fclose(f);
        return NULL;
    }
    text[size] = '\0';
    fclose(f);
    return text;
}

const putokaz_protocol *load_demo(void) {
    const putokaz_protocol *p = NULL;
    putokaz_diagnostic *d = NULL;
    putokaz_result rc = putokaz_protocol_from_path(harness_path(DEMO_PACK), &p, &d);
    if (rc != PUTOKAZ_RESULT_OK) {
        harness_fail(__FILE__, __LINE__, "cannot load the demo pack");
        fprintf(stderr, "    %s\n", diag_text(d));
        putokaz_diagnostic_free(d);
        return NULL;
    }
    return p;
}

const char *const DEMO_CASE_JSON =
    "{\"id\":\"demo-1\",\"reported_at\":\"2026-03-02T09:00:00+01:00\",\"municipality\":\"Jajce\","
    "\"reporter\":\"school\","
    "\"subject\":{\"birth_date\":\"2014-05-01\",\"sex\":\"female\",\"citizenship\":\"BA\"},"
    "\"observations\":["
    "{\"indicator\":\"recruited_transported_or_harboured\",\"value\":true},"
    "{\"indicator\":\"forced_begging\",\"value\":true},"
    "{\"indicator\":\"daily_money_quota\",\"value\":true},"
    "{\"indicator\":\"unexcused_absences\",\"value\":20},"
    "{\"indicator\":\"begging_frequency\",\"value\":\"daily\"},"
    "{\"indicator\":\"roma_community\",\"value\":true}],"
    "\"events\":[{\"kind\":\"police_notified\",\"at\":\"2026-03-02T15:00:00+01:00\",\"by\":\"reporter\"}]}";

putokaz_case *build_demo_case(void) {
    putokaz_case *c = NULL;
    int before = harness_failures;
    CHECK_OK(putokaz_case_new("demo-1", "2026-03-02T09:00:00+01:00", &c));
    if (c == NULL) return NULL;
    CHECK_OK(putokaz_case_set_municipality(c, "Jajce"));
    CHECK_OK(putokaz_case_set_reporter(c, "school"));
    CHECK_OK(putokaz_case_set_birth_date(c, "2014-05-01"));
    CHECK_OK(putokaz_case_set_sex(c, "female"));
    CHECK_OK(putokaz_case_set_citizenship(c, "BA"));
    CHECK_OK(putokaz_case_observe_bool(c, "recruited_transported_or_harboured", true));
    CHECK_OK(putokaz_case_observe_bool(c, "forced_begging", true));
    CHECK_OK(putokaz_case_observe_bool(c, "daily_money_quota", true));
    CHECK_OK(putokaz_case_observe_count(c, "unexcused_absences", 20));
    CHECK_OK(putokaz_case_observe_enum(c, "begging_frequency", "daily"));
    CHECK_OK(putokaz_case_observe_bool(c, "roma_community", true));
    CHECK_OK(putokaz_case_add_event(c, "police_notified", "2026-03-02T15:00:00+01:00", "reporter"));
    if (harness_failures != before) {
        putokaz_case_free(c);
        return NULL;
    }
    return c;
}

static const char *diag_field(const putokaz_diagnostic *d, int which) {
    static char buf[3][8192];
    size_t n = 0;
    putokaz_result rc;
    char *out = buf[which];
    if (d == NULL) return "";
    if (which == 0) rc = putokaz_diagnostic_kind(d, out, sizeof buf[0], &n);
    else if (which == 1) rc = putokaz_diagnostic_path(d, out, sizeof buf[0], &n);
    else rc = putokaz_diagnostic_text(d, out, sizeof buf[0], &n);
    if (rc != PUTOKAZ_RESULT_OK) out[0] = '\0';
    return out;
}

const char *diag_kind(const putokaz_diagnostic *d) { return diag_field(d, 0); }
const char *diag_path(const putokaz_diagnostic *d) { return diag_field(d, 1); }
const char *diag_text(const putokaz_diagnostic *d) { return diag_field(d, 2); }

#define TESTS(X)                                   \
    X(version_matches_cargo_toml)                  \
    X(result_codes_are_stable)                     \
    X(result_names_and_messages)                   \
    X(enum_names)                                  \
    X(strings_out_follow_the_convention)           \
    X(bundled_packs)                               \
    X(protocol_from_path)                          \
    X(protocol_path_errors)                        \
    X(protocol_from_toml)                          \
    X(protocol_toml_errors)                        \
    X(protocol_accessors_and_nulls)                \
    X(protocol_local_parameter)                    \
    X(protocol_clone_and_free)                     \
    X(protocol_indicator_catalogue)                \
    X(assess_json_ok)                              \
    X(assess_json_argument_errors)                 \
    X(assess_json_case_errors)                     \
    X(diagnostic_accessors)                        \
    X(typed_case_matches_json)                     \
    X(typed_case_setters)                          \
    X(typed_case_argument_errors)                  \
    X(typed_case_errors_name_the_path)             \
    X(typed_case_limits)                           \
    X(case_json_round_trip)                        \
    X(assessment_findings)                         \
    X(assessment_obligations)                      \
    X(assessment_absent_values)                    \
    X(assessment_unknowns)                         \
    X(assessment_text_and_json)                    \
    X(assessment_index_and_null_errors)            \
    X(threads_share_one_protocol)                  \
    X(vectors_json_entry_gives_the_expected_bytes) \
    X(vectors_typed_api_gives_the_expected_bytes)  \
    X(malformed_cases_give_their_kind)             \
    X(malformed_as_of_gives_its_kind)              \
    X(malformed_packs_give_their_kind)             \
    X(misuse_null_pointers)                        \
    X(misuse_zero_length_texts)                    \
    X(misuse_buffers)

#define DECLARE(name) void test_##name(void);
TESTS(DECLARE)

struct test {
    const char *name;
    void (*run)(void);
};

#define ENTRY(name) {#name, test_##name},
static const struct test all_tests[] = {TESTS(ENTRY)};

static int selected(const char *name, int argc, char **argv) {
    int i;
    if (argc <= 2) return 1;
    for (i = 2; i < argc; i++)
        if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}

int main(int argc, char **argv) {
    size_t i;
    int passed = 0, failed = 0;
    if (argc > 1) harness_root = argv[1];
    for (i = 0; i < sizeof all_tests / sizeof all_tests[0]; i++) {
        if (!selected(all_tests[i].name, argc, argv)) continue;
        harness_failures = 0;
        all_tests[i].run();
        if (harness_failures == 0) {
            passed++;
            printf("ok   %s\n", all_tests[i].name);
        } else {
            failed++;
            printf("FAIL %s (%d failed checks)\n", all_tests[i].name, harness_failures);
        }
        fflush(stdout);
    }
    printf("tests: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
