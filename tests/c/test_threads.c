/* One protocol shared by 8 threads: every thread assesses the same cases, by JSON and
 * with the typed API, and must get exactly the bytes a serial run got; and 8 threads
 * borrowing the same texts at once. */
#include "harness.h"

#include <pthread.h>
#include <stdlib.h>

#define THREADS 8
#define CASES 12
#define ROUNDS 3

static const char *const MUNICIPALITIES[] = {"Jajce", "Bihać", "Banja Luka", "Brčko"};

/* Case `i` as JSON, in a malloc'd string. */
static char *case_json(int i) {
    char *json = malloc(1024);
    if (json == NULL) return NULL;
    snprintf(json, 1024,
             "{\"id\":\"thread-%d\",\"reported_at\":\"2026-03-0%dT09:00:00+01:00\",\"municipality\":\"%s\","
             "\"reporter\":\"school\",\"subject\":{\"age\":%d},\"observations\":["
             "{\"indicator\":\"recruited_transported_or_harboured\",\"value\":%s},"
             "{\"indicator\":\"forced_begging\",\"value\":%s},"
             "{\"indicator\":\"unexcused_absences\",\"value\":%d},"
             "{\"indicator\":\"begging_frequency\",\"value\":\"%s\"},"
             "{\"indicator\":\"daily_money_quota\",\"value\":%s}]%s}",
             i, 1 + i % 5, MUNICIPALITIES[i % 4], 8 + i, i % 2 ? "true" : "false", i % 3 ? "true" : "null",
             5 * i, i % 3 == 0 ? "daily" : "occasionally", i % 4 == 1 ? "null" : "true",
             i % 5 == 0 ? ",\"events\":[{\"kind\":\"csw_notified\",\"at\":\"2026-03-06T10:00:00+01:00\"}]" : "");
    return json;
}

struct worker {
    const putokaz_protocol *protocol;
    char **expected;
    int index;
    int mismatches;
    int errors;
};

static void *work(void *arg) {
    struct worker *w = arg;
    const putokaz_protocol *mine = NULL;
    int round, i, cloned = 0;
    /* Half the threads take a reference of their own and release it when done. */
    if (w->index % 2 == 1) {
        if (putokaz_protocol_clone(w->protocol, &mine) == PUTOKAZ_RESULT_OK) cloned = 1;
        else w->errors++;
    } else {
        mine = w->protocol;
    }
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < CASES; i++) {
            int k = (i + w->index) % CASES; /* each thread in its own order */
            char *json = case_json(k), *got = NULL, *typed = NULL;
            putokaz_case *c = NULL;
            putokaz_assessment *a = NULL;
            if (json == NULL) {
                w->errors++;
                continue;
            }
            if (putokaz_assess_json(mine, json, AS_OF, NULL, &got, NULL) != PUTOKAZ_RESULT_OK) w->errors++;
            else if (strcmp(got, w->expected[k]) != 0) w->mismatches++;
            if (putokaz_case_from_json(json, &c, NULL) != PUTOKAZ_RESULT_OK ||
                putokaz_assess(mine, c, AS_OF, NULL, &a, NULL) != PUTOKAZ_RESULT_OK ||
                putokaz_assessment_to_json(a, &typed) != PUTOKAZ_RESULT_OK)
                w->errors++;
            else if (strcmp(typed, w->expected[k]) != 0) w->mismatches++;
            putokaz_string_free(got);
            putokaz_string_free(typed);
            putokaz_assessment_free(a);
            putokaz_case_free(c);
            free(json);
        }
    }
    if (cloned) putokaz_protocol_free(mine);
    return NULL;
}

void test_threads_share_one_protocol(void) {
    const putokaz_protocol *p = load_demo();
    char *expected[CASES];
    struct worker workers[THREADS];
    pthread_t threads[THREADS];
    int i, started = 0;
    if (p == NULL) return;

    /* The serial run. */
    for (i = 0; i < CASES; i++) {
        char *json = case_json(i);
        expected[i] = NULL;
        CHECK(json != NULL);
        if (json == NULL) continue;
        CHECK_OK(putokaz_assess_json(p, json, AS_OF, NULL, &expected[i], NULL));
        free(json);
    }
    if (harness_failures > 0) goto done;

    for (i = 0; i < THREADS; i++) {
        workers[i].protocol = p;
        workers[i].expected = expected;
        workers[i].index = i;
        workers[i].mismatches = 0;
        workers[i].errors = 0;
        if (pthread_create(&threads[i], NULL, work, &workers[i]) != 0) break;
        started++;
    }
    CHECK(started == THREADS);
    for (i = 0; i < started; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(workers[i].errors == 0);
        CHECK(workers[i].mismatches == 0);
    }
done:
    for (i = 0; i < CASES; i++) putokaz_string_free(expected[i]);
    putokaz_protocol_free(p);
}

/* Threads that read one assessment's and one protocol's lent texts at the same moment,
 * the first time anyone reads them, all get the same pointers. */
struct lender {
    const putokaz_protocol *protocol;
    const putokaz_assessment *assessment;
    const char *text, *role;
    int errors;
};

static void *lend(void *arg) {
    struct lender *l = arg;
    if (putokaz_assessment_text_str(l->assessment, &l->text) != PUTOKAZ_RESULT_OK) l->errors++;
    if (putokaz_protocol_term_id(l->protocol, PUTOKAZ_VOCABULARY_ROLE, 0, &l->role) != PUTOKAZ_RESULT_OK) l->errors++;
    return NULL;
}

void test_threads_share_lent_texts(void) {
    const putokaz_protocol *p = load_demo();
    putokaz_case *c = build_demo_case();
    putokaz_assessment *a = NULL;
    struct lender lenders[THREADS];
    pthread_t threads[THREADS];
    int i, started = 0;
    if (p != NULL && c != NULL) CHECK_OK(putokaz_assess(p, c, AS_OF, "en", &a, NULL));
    if (a != NULL) {
        for (i = 0; i < THREADS; i++) {
            lenders[i].protocol = p;
            lenders[i].assessment = a;
            lenders[i].text = lenders[i].role = NULL;
            lenders[i].errors = 0;
            if (pthread_create(&threads[i], NULL, lend, &lenders[i]) != 0) break;
            started++;
        }
        CHECK(started == THREADS);
        for (i = 0; i < started; i++) {
            CHECK(pthread_join(threads[i], NULL) == 0);
            CHECK(lenders[i].errors == 0);
            CHECK(lenders[i].text != NULL && lenders[i].text == lenders[0].text);
            CHECK(lenders[i].role != NULL && lenders[i].role == lenders[0].role);
        }
        CHECK_CONTAINS(lenders[0].text, "Case demo-1");
    }
    putokaz_assessment_free(a);
    putokaz_case_free(c);
    putokaz_protocol_free(p);
}
