// The header compiles as C++ (extern "C", typed enums) and links: a C++ program calls
// the library through it. Built by tests/c/run.sh with -Wall -Wextra -Werror -pedantic.
#include "putokaz.h"

#include <cstdio>
#include <cstring>

int main() {
    const putokaz_protocol *protocol = nullptr;
    putokaz_diagnostic *diagnostic = nullptr;
    char *json = nullptr;
    int failed = 0;

    if (std::strcmp(putokaz_version(), PUTOKAZ_VERSION_STRING) != 0) failed++;
    if (putokaz_version_number() != PUTOKAZ_VERSION_NUMBER) failed++;
    if (putokaz_protocol_bundled("ilo-2009", &protocol, &diagnostic) != PUTOKAZ_RESULT_OK) failed++;
    const char *c1 =
        "{\"id\":\"c1\",\"reported_at\":\"2026-03-02T09:00:00+01:00\",\"subject\":{\"age\":12},"
        "\"observations\":[{\"indicator\":\"recruited_transported_or_harboured\",\"value\":true},"
        "{\"indicator\":\"d4_excessive_hours\",\"value\":true}]}";
    putokaz_result rc = putokaz_assess_json(protocol, c1, "2026-03-04T12:00:00+01:00", "en", &json, &diagnostic);
    if (rc != PUTOKAZ_RESULT_OK || std::strstr(json, "\"case_id\":\"c1\"") == nullptr) failed++;
    // The lean entries: flags and a C bool through the C++ compiler.
    char *lean = nullptr, *screening = nullptr;
    rc = putokaz_assess_json_with(protocol, c1, "2026-03-04T12:00:00+01:00", "en", PUTOKAZ_ASSESS_TRACE | PUTOKAZ_ASSESS_TEXT,
                                  &lean, nullptr);
    if (rc != PUTOKAZ_RESULT_OK || std::strstr(lean, "\"unknowns\":[]") == nullptr) failed++;
    rc = putokaz_screen_json(protocol, c1, "2026-03-04T12:00:00+01:00", true, &screening, nullptr);
    if (rc != PUTOKAZ_RESULT_OK || std::strstr(screening, "{\"case_id\":\"c1\",") == nullptr) failed++;
    if (putokaz_assess_json_with(protocol, c1, "2026-03-04T12:00:00+01:00", nullptr, 8u, &lean, nullptr) !=
        PUTOKAZ_RESULT_USAGE)
        failed++;
    putokaz_string_free(lean);
    putokaz_string_free(screening);
    putokaz_level level = PUTOKAZ_LEVEL_NONE;
    if (putokaz_assessment_level(nullptr, &level) != PUTOKAZ_RESULT_NULL_PARAMETER) failed++;

    putokaz_string_free(json);
    putokaz_diagnostic_free(diagnostic);
    putokaz_protocol_free(protocol);
    std::printf("c++: %s\n", failed == 0 ? "ok" : "FAILED");
    return failed == 0 ? 0 : 1;
}
