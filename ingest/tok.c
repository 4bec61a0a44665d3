/*
 * tok.c -- the UTF-8 tokenizer: text -> tokens with byte offsets.
 *
 * Place in the flow: first step of ingest (analysis.c calls kg_tok_run, then
 * sent.c groups the tokens). One pcre2 pattern, JIT-compiled once, is matched
 * anchored at each token start; whitespace between tokens is skipped in C.
 * Tokens follow the Penn/UD English treebank where it matters to the tagger:
 * clitics are split (OpenAI’s -> OpenAI ’s; don't -> do n't; can't -> ca n't),
 * "$" and "%" are tokens of their own, while hyphenated words, URLs, e-mail
 * addresses, @handles, numbers with separators (1,000.5), ordinals and
 * abbreviations with their period (Mr., U.S.) stay whole. Anything else is one
 * extended grapheme cluster (punctuation, symbols, emoji with modifiers).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text_int.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Longest subject window one match sees: bounds the work per token, so a
 * 50 MB line without spaces costs linear time (its pieces are 4 KB tokens). */
#define TOK_WINDOW 4096

static const char token_pattern[] =
    /* URL (trailing punctuation trimmed in C) */
    "(?:https?://|ftp://|www\\.)[^\\s<>\"“”‘’«»]++(*MARK:U)"
    /* e-mail address */
    "|[\\w.+-]++@[\\w-]++(?:\\.[\\w-]++)++(*MARK:E)"
    /* @handle, #hashtag */
    "|[@#][\\p{L}\\p{N}_]++(*MARK:H)"
    /* the "do" of "don't", the "ca" of "can't" */
    "|\\p{L}+(?=[nN]['’][tT](?![\\p{L}\\p{N}]))(*MARK:W)"
    /* clitics after a word: n't 's 'm 'd 'll 're 've */
    "|(?<=[\\p{L}\\p{N}])(?:[nN]['’][tT]|['’](?:[sSmMdD]|ll|LL|re|RE|ve|VE))"
    "(?![\\p{L}\\p{N}])(*MARK:C)"
    /* letters with periods: U.S., e.g., a.m., Ph.D. */
    "|(?:\\p{L}\\.){2,}+(?![\\p{L}\\p{N}])(*MARK:A)"
    "|\\p{Lu}\\p{Ll}{1,2}\\.(?:\\p{Lu}\\.)++(?![\\p{L}\\p{N}])(*MARK:A)"
    /* bare domain names: example.com, openai.co.uk */
    "|[\\p{L}\\p{N}][\\p{L}\\p{N}-]*+(?:\\.[\\p{L}\\p{N}-]++)*"
    "\\.(?:com|org|net|edu|gov|io|ai|co|uk|de|fr|info|biz|us|eu)(?![\\p{L}\\p{N}])(*MARK:D)"
    /* decades: '90s */
    "|(?<![\\p{L}\\p{N}])['’]\\d\\ds(?![\\p{L}\\p{N}])(*MARK:N)"
    /* numbers with separators, ordinals, decades, 1.5bn */
    "|\\d++(?:[.,:/]\\d++)*+(?:st|nd|rd|th|s|bn|tn|m|k|am|pm)?+(?![\\p{L}\\p{N}\\-])(*MARK:N)"
    /* words: letters, digits, marks; inner apostrophes (O'Brien) and hyphens;
     * a decimal opening a compound stays whole ("1.2-gigawatt", "3.5x") */
    "|(?:\\d++(?:[.,]\\d++)++(?=[-\\p{L}])|[\\p{L}\\p{N}])[\\p{L}\\p{M}\\p{N}_]*+"
    "(?:['’](?!(?:[sSmMdD]|ll|LL|re|RE|ve|VE)(?![\\p{L}\\p{N}]))[\\p{L}\\p{M}\\p{N}]++"
    "|[-‐](?=[\\p{L}\\p{N}])[\\p{L}\\p{M}\\p{N}]++)*+(*MARK:W)"
    /* ellipses and dash runs */
    "|\\.{2,}+|-{2,}+"
    /* anything else: one grapheme cluster */
    "|\\X";

static pcre2_code *token_re;
static int token_jit_ok;
static pthread_once_t token_once = PTHREAD_ONCE_INIT;

static void compile_pattern(void)
{
    int errcode;
    PCRE2_SIZE erroff;
    token_re = pcre2_compile((PCRE2_SPTR)token_pattern, PCRE2_ZERO_TERMINATED,
                             PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &errcode,
                             &erroff, NULL);
    if (token_re)
        token_jit_ok = pcre2_jit_compile(token_re, PCRE2_JIT_COMPLETE) == 0;
}

/* Abbreviations that keep their period (lower case, no period). */
static const char *const abbrev_always[] = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "sen", "rep", "gov",
    "lt", "col", "capt", "sgt", "cmdr", "adm", "rev", "hon", "pres", "supt", "messrs", "mssrs",
    "inc", "corp", "ltd", "co", "bros", "llc", "plc", "dept", "univ", "assn", "approx", "vs",
    "etc", "cf", "viz", "ave", "blvd", "hwy", "mph", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "esq", "atty", "phd", "c", "ca", "b", "d", "m", "div", "fl", "bros", "approx",
    NULL};
/* Abbreviations only when a digit follows: "No. 1", "Fig. 3", "vol. 2". */
static const char *const abbrev_before_digit[] = {"no", "nos", "fig", "figs", "vol", "vols",
                                                  "pp", "p", "art", "sec", "ch", "op",
                                                  NULL};

static int in_list(const char *const *list, const char *w, size_t n)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

static int lower_ascii_word(const char *w, size_t n, char *out, size_t cap)
{
    size_t i;
    if (n >= cap)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (!(c >= 'a' && c <= 'z'))
            return 0;
        out[i] = (char)c;
    }
    out[n] = '\0';
    return 1;
}

int kg_tok_is_abbrev(const char *w, size_t n)
{
    char low[16];
    return lower_ascii_word(w, n, low, sizeof low) && in_list(abbrev_always, low, n);
}

/* Whitespace at p (n bytes left): its length, or 0. ASCII, NBSP, the
 * U+2000..U+200B spaces, U+202F, U+205F, U+3000 and the BOM. */
static size_t space_len(const unsigned char *p, size_t n)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
        return 1;
    if (*p < 0x80)
        return 0;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xA8 ||
                                                   p[2] == 0xA9 || p[2] == 0xAF))
        return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
        return 3;
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3;
    return 0;
}

static int is_upper_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    if (c >= 0x100 && c <= 0x17F)
        return (c & 1) == 0;
    if (c >= 0x391 && c <= 0x3A9)
        return 1;
    if (c >= 0x400 && c <= 0x42F)
        return 1;
    return 0;
}

/* A bullet: • ◦ ‣ ▪ ● ■ ► · – — - * */
static int is_bullet(const char *p, size_t n)
{
    static const char *const bullets[] = {"•", "◦", "‣", "▪", "●", "■", "►", "·", "–", "—",
                                          "-", "*", "○", "◆", "✓", "✔", NULL};
    size_t i;
    for (i = 0; bullets[i]; i++)
        if (strlen(bullets[i]) == n && memcmp(bullets[i], p, n) == 0)
            return 1;
    return 0;
}

static int is_pictographic(uint32_t c)
{
    if ((c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0x1F1E6 && c <= 0x1F1FF))
        return 0; /* skin-tone modifiers and flag letters join their neighbour */
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2300 && c <= 0x23FF);
}

/* pcre2 10.42's \X keeps adjacent emoji together ("😀👍"); cut before a second
 * pictograph unless a zero-width joiner links them. */
static size_t split_emoji(const char *text, size_t start, size_t end)
{
    size_t i = start;
    uint32_t prev = 0;
    int seen = 0;
    while (i < end) {
        uint32_t cp;
        int n = kg_utf8_decode(text + i, end - i, &cp);
        if (is_pictographic(cp)) {
            if (seen && prev != 0x200D)
                return i;
            seen = 1;
        }
        prev = cp;
        i += (size_t)n;
    }
    return end;
}

static int push(kg_tok_vec *out, size_t start, size_t end, unsigned flags)
{
    kg_token *t;
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        kg_token *v = realloc(out->v, cap * sizeof *v);
        if (v == NULL)
            return KG_ENOMEM;
        out->v = v;
        out->cap = cap;
    }
    t = &out->v[out->n++];
    memset(t, 0, sizeof *t);
    t->start = start;
    t->end = end;
    t->flags = flags;
    return KG_OK;
}

static size_t trim_url(const char *text, size_t start, size_t end)
{
    int opens = 0, closes = 0;
    size_t i;
    for (i = start; i < end; i++) {
        if (text[i] == '(')
            opens++;
        else if (text[i] == ')')
            closes++;
    }
    while (end > start + 1) {
        char c = text[end - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
            c == '\'' || c == '"') {
            end--;
        } else if (c == ')' && closes > opens) {
            closes--;
            end--;
        } else {
            break;
        }
    }
    return end;
}

int kg_tok_run(const char *text, size_t len, kg_tok_vec *out, kg_error *err)
{
    const unsigned char *u = (const unsigned char *)text;
    pcre2_match_data *md;
    size_t pos = 0;
    int rc = KG_OK;
    unsigned newlines = 0, spaced = 0;
    int at_line_start = 1;

    pthread_once(&token_once, compile_pattern);
    if (token_re == NULL)
        return kg_error_set(err, KG_EINPUT, "tokenizer: cannot compile the token pattern");
    md = pcre2_match_data_create(1, NULL);
    if (md == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");

    while (pos < len) {
        size_t sl = space_len(u + pos, len - pos), start, end, window;
        unsigned flags = 0;
        int m;
        const char *mark = NULL;
        if (sl) {
            if (u[pos] == '\n') {
                newlines++;
                at_line_start = 1;
            }
            spaced = 1;
            pos += sl;
            continue;
        }
        start = pos;
        window = len - pos > TOK_WINDOW ? pos + TOK_WINDOW : len;
        if (token_jit_ok)
            m = pcre2_jit_match(token_re, (PCRE2_SPTR)text, window, start, PCRE2_ANCHORED, md,
                                NULL);
        else
            m = pcre2_match(token_re, (PCRE2_SPTR)text, window, start,
                            PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md, NULL);
        if (m >= 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            end = ov[1];
            mark = (const char *)pcre2_get_mark(md);
        } else {
            end = start;
        }
        if (end <= start) { /* no match (cannot happen with \X) or an error: one code point */
            uint32_t cp;
            end = start + (size_t)kg_utf8_decode(text + start, len - start, &cp);
        }
        if (mark == NULL && end - start > 4) {
            end = split_emoji(text, start, end);
        } else if (mark && mark[0] == 'U') {
            end = trim_url(text, start, end);
        } else if (mark && mark[0] == 'W' && end < len && text[end] == '.') {
            char low[16];
            size_t n = end - start;
            int abbrev = 0;
            if (n == 1 && u[start] >= 'A' && u[start] <= 'Z')
                abbrev = 1; /* an initial: J. K. Rowling */
            else if (lower_ascii_word(text + start, n, low, sizeof low)) {
                if (in_list(abbrev_always, low, n))
                    abbrev = 1;
                else if (in_list(abbrev_before_digit, low, n)) {
                    size_t j = end + 1;
                    while (j < len && (text[j] == ' ' || text[j] == '\t'))
                        j++;
                    abbrev = j < len && u[j] >= '0' && u[j] <= '9';
                }
            }
            if (abbrev) {
                end++;
                flags |= KG_TOK_ABBREV;
            }
        } else if (mark && mark[0] == 'A') {
            flags |= KG_TOK_ABBREV;
        }
        if (spaced)
            flags |= KG_TOK_SPACE_BEFORE;
        if (newlines >= 1)
            flags |= KG_TOK_NEWLINE_BEFORE;
        if (newlines >= 2)
            flags |= KG_TOK_PARAGRAPH_BEFORE;
        {
            uint32_t cp;
            kg_utf8_decode(text + start, end - start, &cp);
            if (is_upper_cp(cp))
                flags |= KG_TOK_CAPITALISED;
        }
        if (at_line_start && is_bullet(text + start, end - start) &&
            (end == len || space_len(u + end, len - end)))
            flags |= KG_TOK_BULLET;
        rc = push(out, start, end, flags);
        if (rc) {
            kg_error_set(err, rc, "out of memory");
            break;
        }
        newlines = 0;
        spaced = 0;
        at_line_start = 0;
        pos = end;
    }
    pcre2_match_data_free(md);
    return rc;
}
