/* Loading protocols and reading their identity and catalogue. */
#include "harness.h"

#include <stdlib.h>

void test_bundled_packs(void) {
    size_t count = 0, n = 0, i;
    int has_ilo = 0;
    char id[64], small[3];
    const putokaz_protocol *p = NULL;
    putokaz_diagnostic *d = NULL;

    CHECK_OK(putokaz_bundled_pack_count(&count));
    CHECK(count >= 1);
    for (i = 0; i < count; i++) {
        CHECK_OK(putokaz_bundled_pack_id(i, id, sizeof id, &n));
        if (strcmp(id, "ilo-2009") == 0) has_ilo = 1;
    }
    CHECK(has_ilo);
    CHECK_RC(putokaz_bundled_pack_id(count, id, sizeof id, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);
    CHECK_RC(putokaz_bundled_pack_id(0, small, sizeof small, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n >= 3);
    CHECK_RC(putokaz_bundled_pack_count(NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_bundled_pack_id(0, id, sizeof id, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);

    /* The default pack (index 0) loads. */
    CHECK_OK(putokaz_bundled_pack_id(0, id, sizeof id, &n));
    CHECK_OK(putokaz_protocol_bundled(id, &p, &d));
    CHECK(d == NULL);
    putokaz_protocol_free(p);
    p = NULL;

    CHECK_OK(putokaz_protocol_bundled("ilo-2009", &p, NULL));
    CHECK_OK(putokaz_protocol_id(p, id, sizeof id, &n));
    CHECK_STR(id, "ilo-2009");
    putokaz_protocol_free(p);

    /* An unknown id is a usage error, with a diagnostic. */
    p = NULL;
    CHECK_RC(putokaz_protocol_bundled("no-such-pack", &p, &d), PUTOKAZ_RESULT_USAGE);
    CHECK(p == NULL);
    CHECK(d != NULL);
    CHECK(putokaz_diagnostic_code(d) == PUTOKAZ_RESULT_USAGE);
    CHECK_STR(diag_kind(d), "usage");
    CHECK_CONTAINS(diag_text(d), "ilo-2009"); /* it lists the bundled packs */
    FREE_DIAGNOSTIC(d);

    /* NULLs and bad text. */
    CHECK_RC(putokaz_protocol_bundled(NULL, &p, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_STR(diag_kind(d), "null_parameter");
    CHECK_CONTAINS(diag_text(d), "`id`");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_protocol_bundled("ilo-2009", NULL, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_protocol_bundled("ilo\xff", &p, &d), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK_STR(diag_kind(d), "invalid_utf8");
    FREE_DIAGNOSTIC(d);
}

void test_protocol_from_path(void) {
    const putokaz_protocol *dir = NULL, *file = NULL;
    char a[128], b[128];
    size_t n = 0;
    putokaz_diagnostic *d = NULL;

    /* A directory... */
    CHECK_OK(putokaz_protocol_from_path(harness_path(DEMO_PACK), &dir, &d));
    CHECK(d == NULL);
    /* ... and its main file (the files it lists are read beside it) give the same pack. */
    CHECK_OK(putokaz_protocol_from_path(harness_path(DEMO_PACK "/pack.toml"), &file, NULL));
    CHECK_OK(putokaz_protocol_id(dir, a, sizeof a, &n));
    CHECK_STR(a, "c-demo");
    CHECK_OK(putokaz_protocol_digest(dir, a, sizeof a, &n));
    CHECK_OK(putokaz_protocol_digest(file, b, sizeof b, &n));
    CHECK_STR(a, b);
    putokaz_protocol_free(dir);
    putokaz_protocol_free(file);
}

void test_protocol_path_errors(void) {
    const putokaz_protocol *p = NULL;
    putokaz_diagnostic *d = NULL;
    size_t count = 0, n = 0;
    unsigned line = 0, column = 0;
    putokaz_result code = PUTOKAZ_RESULT_OK;
    char file[64];

    /* Nothing there: an I/O error. */
    CHECK_RC(putokaz_protocol_from_path(harness_path("tests/c/fixtures/does-not-exist"), &p, &d),
             PUTOKAZ_RESULT_IO);
    CHECK(p == NULL);
    CHECK_STR(diag_kind(d), "io");
    FREE_DIAGNOSTIC(d);

    /* A directory with no pack.toml. */
    CHECK_RC(putokaz_protocol_from_path(harness_path("tests/c/fixtures"), &p, &d),
             PUTOKAZ_RESULT_PACK_MISSING_FILE);
    CHECK_STR(diag_kind(d), "pack.missing_file");
    FREE_DIAGNOSTIC(d);

    /* A listed file that is missing: located at its line in pack.toml. */
    CHECK_RC(putokaz_protocol_from_path(harness_path("tests/c/fixtures/missing-file"), &p, &d),
             PUTOKAZ_RESULT_PACK_MISSING_FILE);
    CHECK_OK(putokaz_diagnostic_issue_count(d, &count));
    CHECK(count == 1);
    CHECK_OK(putokaz_diagnostic_issue_code(d, 0, &code));
    CHECK(code == PUTOKAZ_RESULT_PACK_MISSING_FILE);
    CHECK_OK(putokaz_diagnostic_issue_location(d, 0, file, sizeof file, &n, &line, &column));
    CHECK_STR(file, "pack.toml");
    CHECK(line == 11 && column == 10);
    CHECK_CONTAINS(diag_text(d), "pack.toml:11:10");
    FREE_DIAGNOSTIC(d);

    /* Argument errors. */
    CHECK_RC(putokaz_protocol_from_path(NULL, &p, &d), PUTOKAZ_RESULT_NULL_PARAMETER);
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_protocol_from_path(harness_path(DEMO_PACK), NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_from_path("demo\xc3\x28", &p, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK(p == NULL);
}

void test_protocol_from_toml(void) {
    char *text = harness_read_file(harness_path("tests/c/fixtures/minimal/pack.toml"));
    const putokaz_protocol *p = NULL, *q = NULL;
    char a[128], b[128];
    size_t n = 0;
    CHECK(text != NULL);
    if (text == NULL) return;
    CHECK_OK(putokaz_protocol_from_toml(text, &p, NULL));
    CHECK_OK(putokaz_protocol_id(p, a, sizeof a, &n));
    CHECK_STR(a, "c-minimal");
    CHECK_OK(putokaz_protocol_version(p, a, sizeof a, &n));
    CHECK_STR(a, "0.0.1");
    /* The same text from disk has the same digest. */
    CHECK_OK(putokaz_protocol_from_path(harness_path("tests/c/fixtures/minimal"), &q, NULL));
    CHECK_OK(putokaz_protocol_digest(p, a, sizeof a, &n));
    CHECK_OK(putokaz_protocol_digest(q, b, sizeof b, &n));
    CHECK_STR(a, b);
    putokaz_protocol_free(p);
    putokaz_protocol_free(q);
    free(text);
}

/* A copy of the minimal pack with one piece of text replaced. */
static char *minimal_with(const char *from, const char *to) {
    char *text = harness_read_file(harness_path("tests/c/fixtures/minimal/pack.toml"));
    char *at, *out;
    size_t before;
    if (text == NULL) return NULL;
    at = strstr(text, from);
    if (at == NULL) {
        free(text);
        return NULL;
    }
    before = (size_t)(at - text);
    out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
    if (out != NULL) {
        memcpy(out, text, before);
        strcpy(out + before, to);
        strcat(out, at + strlen(from));
    }
    free(text);
    return out;
}

/* Loads `text` (freeing it), expects failure with `want`, and returns the diagnostic. */
static putokaz_diagnostic *load_failing(char *text, putokaz_result want) {
    const putokaz_protocol *p = NULL;
    putokaz_diagnostic *d = NULL;
    CHECK(text != NULL);
    if (text == NULL) return NULL;
    CHECK_RC(putokaz_protocol_from_toml(text, &p, &d), want);
    CHECK(p == NULL);
    CHECK(d != NULL);
    putokaz_protocol_free(p);
    free(text);
    return d;
}

void test_protocol_toml_errors(void) {
    putokaz_diagnostic *d;
    unsigned line = 0, column = 0;
    size_t n = 0, count = 0;
    char file[32], msg[512];

    /* Not TOML. */
    d = load_failing(minimal_with("[pack]", "[pack"), PUTOKAZ_RESULT_PACK_SYNTAX);
    CHECK_STR(diag_kind(d), "pack.syntax");
    CHECK_OK(putokaz_diagnostic_issue_location(d, 0, file, sizeof file, &n, &line, &column));
    CHECK_STR(file, "pack.toml");
    CHECK(line == 3);
    FREE_DIAGNOSTIC(d);

    /* An unknown key. */
    d = load_failing(minimal_with("majority = 18", "majority = 18\nmajorty = 17"), PUTOKAZ_RESULT_PACK_SCHEMA);
    CHECK_STR(diag_kind(d), "pack.schema");
    FREE_DIAGNOSTIC(d);

    /* A condition naming nothing: pointed at by line and column, with an excerpt. */
    d = load_failing(minimal_with("\"strong >= 1\"", "\"strong >= 1 or strnog >= 2\""),
                     PUTOKAZ_RESULT_PACK_UNKNOWN_NAME);
    CHECK_OK(putokaz_diagnostic_issue_count(d, &count));
    CHECK(count >= 1);
    CHECK_OK(putokaz_diagnostic_issue_location(d, 0, file, sizeof file, &n, &line, &column));
    CHECK(line == 42 && column == 38);
    CHECK_OK(putokaz_diagnostic_issue_message(d, 0, msg, sizeof msg, &n));
    CHECK_CONTAINS(msg, "strnog");
    CHECK_CONTAINS(diag_text(d), "^");
    FREE_DIAGNOSTIC(d);

    /* A type error. */
    d = load_failing(minimal_with("\"strong >= 1\"", "\"strong + true\""), PUTOKAZ_RESULT_PACK_TYPE);
    FREE_DIAGNOSTIC(d);

    /* A protected attribute that would weigh. */
    d = load_failing(minimal_with("type = \"bool\"", "type = \"bool\"\nprotected = true"),
                     PUTOKAZ_RESULT_PACK_PROTECTED);
    CHECK_STR(diag_kind(d), "pack.protected");
    FREE_DIAGNOSTIC(d);

    /* An id defined twice. */
    d = load_failing(minimal_with("[[profiles]]", "[[dimensions]]\nid = \"exploitation\"\nlabel = { en = \"Again\" }\n\n[[profiles]]"),
                     PUTOKAZ_RESULT_PACK_DUPLICATE);
    FREE_DIAGNOSTIC(d);

    /* A malformed value. */
    d = load_failing(minimal_with("effective_from = \"2025-01-01\"", "effective_from = \"2025-13-01\""),
                     PUTOKAZ_RESULT_PACK_INVALID_VALUE);
    FREE_DIAGNOSTIC(d);

    /* A pack given as text cannot list files. */
    d = load_failing(minimal_with("languages = [\"en\"]", "languages = [\"en\"]\nfiles = [\"more.toml\"]"),
                     PUTOKAZ_RESULT_PACK_MISSING_FILE);
    FREE_DIAGNOSTIC(d);

    /* NULLs and bad text. */
    {
        const putokaz_protocol *p = NULL;
        CHECK_RC(putokaz_protocol_from_toml(NULL, &p, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_RC(putokaz_protocol_from_toml("[pack]", NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
        CHECK_RC(putokaz_protocol_from_toml("id = \"\xfe\"", &p, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
        CHECK(p == NULL);
    }
}

void test_protocol_accessors_and_nulls(void) {
    const putokaz_protocol *p = load_demo();
    char buf[128], small[4];
    size_t n = 0;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_id(p, buf, sizeof buf, &n));
    CHECK_STR(buf, "c-demo");
    CHECK(n == 6);
    CHECK_OK(putokaz_protocol_version(p, buf, sizeof buf, &n));
    CHECK_STR(buf, "1.0.0");
    CHECK_OK(putokaz_protocol_digest(p, buf, sizeof buf, &n));
    CHECK(n == 71 && strncmp(buf, "sha256:", 7) == 0);

    CHECK_RC(putokaz_protocol_digest(p, small, sizeof small, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK(n == 71);
    CHECK_RC(putokaz_protocol_digest(p, NULL, 0, &n), PUTOKAZ_RESULT_BUFFER_TOO_SMALL);
    CHECK_RC(putokaz_protocol_id(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_version(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_digest(NULL, buf, sizeof buf, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_id(p, buf, sizeof buf, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_id(p, NULL, 8, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    putokaz_protocol_free(p);
    putokaz_protocol_free(NULL); /* does nothing */
}

void test_protocol_local_parameter(void) {
    const putokaz_protocol *p = load_demo(), *strict = NULL, *q = NULL;
    putokaz_diagnostic *d = NULL;
    char *base = NULL, *changed = NULL;
    char a[128], b[128];
    size_t n = 0;
    if (p == NULL) return;

    CHECK_OK(putokaz_protocol_with_local_parameter(p, "absence_threshold", "30", &strict, &d));
    CHECK(d == NULL);
    /* Same pack, same digest; the original is unchanged. */
    CHECK_OK(putokaz_protocol_digest(p, a, sizeof a, &n));
    CHECK_OK(putokaz_protocol_digest(strict, b, sizeof b, &n));
    CHECK_STR(a, b);
    CHECK_OK(putokaz_assess_json(p, DEMO_CASE_JSON, AS_OF, NULL, &base, NULL));
    CHECK_OK(putokaz_assess_json(strict, DEMO_CASE_JSON, AS_OF, NULL, &changed, NULL));
    CHECK_CONTAINS(base, "\"local_parameters\":[]");
    CHECK_CONTAINS(changed, "\"local_parameters\":[[\"absence_threshold\",\"30\"]]");
    /* 20 absences no longer reach the threshold: the score drops by a medium grade. */
    CHECK_CONTAINS(base, "\"score\":{\"value\":\"8.75\"");
    CHECK_CONTAINS(changed, "\"score\":{\"value\":\"6.75\"");
    putokaz_string_free(base);
    putokaz_string_free(changed);

    CHECK_RC(putokaz_protocol_with_local_parameter(p, "no_such_parameter", "1", &q, &d), PUTOKAZ_RESULT_USAGE);
    CHECK(q == NULL);
    /* The name the caller gave is not repeated; the pack's local parameters are listed. */
    CHECK_CONTAINS(diag_text(d), "no parameter of that name");
    CHECK(strstr(diag_text(d), "no_such_parameter") == NULL);
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_protocol_with_local_parameter(p, "without_delay", "1h", &q, &d), PUTOKAZ_RESULT_USAGE);
    CHECK_CONTAINS(diag_text(d), "local_policy");
    FREE_DIAGNOSTIC(d);
    CHECK_RC(putokaz_protocol_with_local_parameter(p, "absence_threshold", "many", &q, &d), PUTOKAZ_RESULT_USAGE);
    FREE_DIAGNOSTIC(d);

    CHECK_RC(putokaz_protocol_with_local_parameter(NULL, "absence_threshold", "1", &q, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_with_local_parameter(p, NULL, "1", &q, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_with_local_parameter(p, "absence_threshold", NULL, &q, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_with_local_parameter(p, "absence_threshold", "1", NULL, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_with_local_parameter(p, "absence_threshold", "\xff", &q, NULL), PUTOKAZ_RESULT_INVALID_UTF8);
    CHECK(q == NULL);
    putokaz_protocol_free(strict);
    putokaz_protocol_free(p);
}

void test_protocol_clone_and_free(void) {
    const putokaz_protocol *p = load_demo(), *copy = NULL;
    char buf[64];
    size_t n = 0;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_clone(p, &copy));
    CHECK(copy == p); /* the same object, one more reference */
    putokaz_protocol_free(p);
    /* Still usable through the other reference. */
    CHECK_OK(putokaz_protocol_id(copy, buf, sizeof buf, &n));
    CHECK_STR(buf, "c-demo");
    putokaz_protocol_free(copy);
    CHECK_RC(putokaz_protocol_clone(NULL, &copy), PUTOKAZ_RESULT_NULL_PARAMETER);
    p = load_demo();
    CHECK_RC(putokaz_protocol_clone(p, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    putokaz_protocol_free(p);
}

void test_protocol_indicator_catalogue(void) {
    const putokaz_protocol *p = load_demo();
    size_t count = 0, n = 0;
    char id[64];
    putokaz_indicator_kind kind = 0;
    if (p == NULL) return;
    CHECK_OK(putokaz_protocol_indicator_count(p, &count));
    CHECK(count == 8);
    CHECK_OK(putokaz_protocol_indicator_id(p, 0, id, sizeof id, &n));
    CHECK_STR(id, "recruited_transported_or_harboured");
    CHECK_OK(putokaz_protocol_indicator_id(p, count - 1, id, sizeof id, &n));
    CHECK_STR(id, "roma_community");
    CHECK_RC(putokaz_protocol_indicator_id(p, count, id, sizeof id, &n), PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE);

    CHECK_OK(putokaz_protocol_indicator_kind(p, "forced_begging", &kind));
    CHECK(kind == PUTOKAZ_INDICATOR_KIND_BOOL);
    CHECK_OK(putokaz_protocol_indicator_kind(p, "unexcused_absences", &kind));
    CHECK(kind == PUTOKAZ_INDICATOR_KIND_COUNT);
    CHECK_OK(putokaz_protocol_indicator_kind(p, "begging_frequency", &kind));
    CHECK(kind == PUTOKAZ_INDICATOR_KIND_ENUM);
    CHECK_RC(putokaz_protocol_indicator_kind(p, "forced_beging", &kind), PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR);

    CHECK_RC(putokaz_protocol_indicator_count(NULL, &count), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_indicator_count(p, NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_indicator_id(NULL, 0, id, sizeof id, &n), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_indicator_kind(NULL, "x", &kind), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_indicator_kind(p, NULL, &kind), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_indicator_kind(p, "forced_begging", NULL), PUTOKAZ_RESULT_NULL_PARAMETER);
    CHECK_RC(putokaz_protocol_indicator_kind(p, "\xff", &kind), PUTOKAZ_RESULT_INVALID_UTF8);
    putokaz_protocol_free(p);
}
