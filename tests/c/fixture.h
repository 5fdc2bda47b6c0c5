/* Reading the line-based fixtures that tests/c/make_fixtures.py writes from the JSON
 * vectors and the malformed-input catalogue (C has no JSON library; the converter does
 * the JSON, the tests only split lines). Plain C99.
 *
 * A record is one line of tokens separated by single spaces. A text token is "x" and the
 * hex of its bytes ("x" alone is empty) or "-" for absent. Lines starting with '#' and
 * empty lines are skipped. */
#ifndef PUTOKAZ_TEST_FIXTURE_H
#define PUTOKAZ_TEST_FIXTURE_H

#include <stddef.h>
#include <stdio.h>

#define FIXTURE_MAX_TOKENS 16

typedef struct {
    FILE *file;
    char *line;
    size_t cap;
    int lineno;
    int ntok;
    char *tok[FIXTURE_MAX_TOKENS];
    char path[4096];
} fixture;

/* Opens $PUTOKAZ_C_FIXTURES/NAME. Fails the running test (with a message saying how to
 * make the fixtures) and returns 0 when it cannot. */
int fixture_open(fixture *fx, const char *name);
/* Reads the next record into fx->tok / fx->ntok. Returns the number of tokens, 0 at the
 * end of the file, -1 on a line with too many tokens or a read error (after failing the
 * test). */
int fixture_next(fixture *fx);
void fixture_close(fixture *fx);

/* Decodes a text token into a new malloc'd NUL-terminated string (*out NULL for "-");
 * *len gets its length when `len` is not NULL. Returns 0 (after failing the test with
 * the file and line) for a token that is not a text token. */
int fixture_text(const fixture *fx, int index, char **out, size_t *len);
/* Decodes a whole number token; 0 (after failing the test) when it is not one. */
int fixture_number(const fixture *fx, int index, unsigned long long *out);

/* A growable byte buffer for building inputs. */
typedef struct {
    char *data;
    size_t len, cap;
} sbuf;

void sbuf_add(sbuf *b, const char *bytes, size_t n);
void sbuf_str(sbuf *b, const char *s);
void sbuf_repeat(sbuf *b, const char *s, size_t times, const char *separator);
/* The NUL-terminated contents; the buffer stays owned by `b` (free with sbuf_free). */
const char *sbuf_cstr(sbuf *b);
void sbuf_free(sbuf *b);

/* A whole file with its length, malloc'd and NUL-terminated; NULL if unreadable. */
char *fixture_read_file(const char *path, size_t *len);

#endif
