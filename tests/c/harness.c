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
    X(global_cleanup_leaves_the_library_usable)    \
    X(bundled_packs)                               \
    X(protocol_from_path)                          \
    X(protocol_path_errors)                        \
    X(protocol_from_toml)                          \
    X(protocol_toml_errors)                        \
    X(protocol_accessors_and_nulls)                \
    X(protocol_local_parameter)                    \
    X(protocol_clone_and_free)                     \
    X(protocol_indicator_catalogue)                \
    X(vocabulary_municipalities)                   \
    X(vocabulary_terms_and_languages)              \
    X(vocabulary_parameters)                       \
    X(vocabulary_indicators)                       \
    X(vocabulary_texts_are_lent_for_the_protocols_life) \
    X(assess_json_ok)                              \
    X(assess_json_argument_errors)                 \
    X(assess_json_case_errors)                     \
    X(diagnostic_accessors)                        \
    X(diagnostic_reuse_is_refused)                 \
    X(typed_case_matches_json)                     \
    X(typed_case_setters)                          \
    X(typed_case_argument_errors)                  \
    X(typed_case_errors_name_the_path)             \
    X(typed_case_limits)                           \
    X(typed_case_observation_source)               \
    X(case_json_round_trip)                        \
    X(assessment_findings)                         \
    X(assessment_obligations)                      \
    X(assessment_absent_values)                    \
    X(assessment_unknowns)                         \
    X(assessment_text_and_json)                    \
    X(assessment_index_and_null_errors)            \
    X(assessment_texts_are_lent)                   \
    X(assess_json_with_full_is_assess_json)        \
    X(assess_json_with_flag_combinations)          \
    X(assess_json_with_errors)                     \
    X(assess_with_typed_case)                      \
    X(screen_json_agrees_with_the_assessment)      \
    X(screen_json_errors)                          \
    X(threads_share_one_protocol)                  \
    X(threads_share_lent_texts)                    \
    X(vectors_json_entry_gives_the_expected_bytes) \
    X(vectors_typed_api_gives_the_expected_bytes)  \
    X(vectors_lean_entries_agree_with_the_bytes)   \
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
    /* What a program does at exit so that a leak checker sees nothing held. */
    putokaz_global_cleanup();
    return failed == 0 ? 0 : 1;
}

/* ---- JSON spans ---------------------------------------------------------------------- */

static const char *json_ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

const char *json_skip(const char *p) {
    if (p == NULL) return NULL;
    p = json_ws(p);
    if (*p == '"') {
        for (p++; *p != '"'; p++) {
            if (*p == '\0') return NULL;
            if (*p == '\\' && *++p == '\0') return NULL;
        }
        return p + 1;
    }
    if (*p == '{' || *p == '[') {
        int object = *p == '{';
        char close = object ? '}' : ']';
        p = json_ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (object) {
                if (*p != '"' || (p = json_skip(p)) == NULL) return NULL;
                p = json_ws(p);
                if (*p++ != ':') return NULL;
            }
            if ((p = json_skip(p)) == NULL) return NULL;
            p = json_ws(p);
            if (*p == close) return p + 1;
            if (*p++ != ',') return NULL;
            p = json_ws(p);
        }
    }
    {
        const char *start = p;
        while (*p != '\0' && strchr(",]}: \t\r\n", *p) == NULL) p++;
        return p == start ? NULL : p;
    }
}

/* The member `key` (`key_len` bytes) of the object at `p`, or element `index` of the
 * array at `p` when `key` is NULL; its length in *len. */
static const char *json_child(const char *p, const char *key, size_t key_len, unsigned long index, size_t *len) {
    int object;
    unsigned long i = 0;
    p = json_ws(p);
    if (*p != '{' && *p != '[') return NULL;
    object = *p == '{';
    if (object != (key != NULL)) return NULL;
    p = json_ws(p + 1);
    if (*p == (object ? '}' : ']')) return NULL;
    for (;; i++) {
        const char *k = p, *k_end = NULL, *v, *v_end;
        if (object) {
            if (*p != '"' || (k_end = json_skip(p)) == NULL) return NULL;
            p = json_ws(k_end);
            if (*p++ != ':') return NULL;
        }
        v = json_ws(p);
        if ((v_end = json_skip(v)) == NULL) return NULL;
        if (object ? (size_t)(k_end - k) == key_len + 2 && memcmp(k + 1, key, key_len) == 0 : i == index) {
            *len = (size_t)(v_end - v);
            return v;
        }
        p = json_ws(v_end);
        if (*p++ != ',') return NULL;
        p = json_ws(p);
    }
}

const char *json_find(const char *json, const char *path, size_t *len) {
    const char *p, *end;
    size_t n;
    if (json == NULL || path == NULL || (end = json_skip(json)) == NULL) return NULL;
    p = json_ws(json);
    n = (size_t)(end - p);
    while (*path != '\0') {
        const char *dot = strchr(path, '.');
        size_t seg = dot ? (size_t)(dot - path) : strlen(path);
        size_t i;
        int numeric = seg > 0;
        for (i = 0; i < seg; i++)
            if (path[i] < '0' || path[i] > '9') numeric = 0;
        if (numeric) p = json_child(p, NULL, 0, strtoul(path, NULL, 10), &n);
        else p = json_child(p, path, seg, 0, &n);
        if (p == NULL) return NULL;
        path += seg;
        if (*path == '.') path++;
    }
    *len = n;
    return p;
}

const char *json_get(const char *json, const char *path) {
    static char buf[8][65536];
    static int next = 0;
    size_t len = 0;
    const char *v = json_find(json, path, &len);
    char *out;
    if (v == NULL) return NULL;
    if (len >= sizeof buf[0]) {
        harness_fail(__FILE__, __LINE__, "json_get: a value longer than its buffer");
        return NULL;
    }
    out = buf[next++ % 8];
    memcpy(out, v, len);
    out[len] = '\0';
    return out;
}

char *json_assessment_without(const char *json, unsigned keep) {
    static const struct {
        const char *key;
        unsigned bit;
        const char *empty;
    } members[] = {{"trace", PUTOKAZ_ASSESS_TRACE, "[]"},
                   {"unknowns", PUTOKAZ_ASSESS_UNKNOWNS, "[]"},
                   {"text", PUTOKAZ_ASSESS_TEXT, "\"\""}};
    const char *p, *copied;
    char *out, *o;
    if (json == NULL) return NULL;
    /* Emptying only shortens. */
    out = o = malloc(strlen(json) + 1);
    if (out == NULL) return NULL;
    p = json_ws(json);
    copied = json;
    if (*p != '{' || json_skip(p) == NULL) {
        free(out);
        return NULL;
    }
    p = json_ws(p + 1);
    while (*p == '"') {
        const char *k = p, *k_end = json_skip(p), *v, *v_end;
        size_t i;
        p = json_ws(k_end);
        if (*p++ != ':') break;
        v = json_ws(p);
        v_end = json_skip(v);
        for (i = 0; i < sizeof members / sizeof members[0]; i++) {
            size_t key_len = strlen(members[i].key);
            if ((keep & members[i].bit) == 0 && (size_t)(k_end - k) == key_len + 2 &&
                memcmp(k + 1, members[i].key, key_len) == 0) {
                memcpy(o, copied, (size_t)(v - copied));
                o += v - copied;
                strcpy(o, members[i].empty);
                o += strlen(members[i].empty);
                copied = v_end;
            }
        }
        p = json_ws(v_end);
        if (*p != ',') break;
        p = json_ws(p + 1);
    }
    strcpy(o, copied);
    return out;
}
