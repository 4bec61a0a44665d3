/*
 * lex.c -- the query language's lexer: a pure function from bytes to one
 * token {type, span} (as SQLite's sqlite3GetToken), easy to fuzz. Keywords are
 * bare words: the parser recognises them by position, case-insensitively.
 *
 * Place in the flow: first step of query/; parse.c pulls tokens one by one.
 */
#include "query_int.h"

#include <stdlib.h>
#include <string.h>

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == '&' || c == '\'' || c == '/' ||
           c == '+' || c >= 0x80;
}

static int is_word_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c >= 0x80;
}

static kg_token lex_error(size_t off, size_t len, size_t err_off, const char *msg)
{
    kg_token t = {KG_TK_ERROR, off, len, msg, err_off};
    return t;
}

/* A quoted string starting at src[pos] == '"': ends at the next unescaped quote. */
static kg_token lex_string(const char *src, size_t len, size_t start, size_t pos, int type)
{
    size_t i = pos + 1;
    while (i < len) {
        unsigned char c = (unsigned char)src[i];
        if (c == '"') {
            kg_token t = {type, start, i + 1 - start, NULL, 0};
            return t;
        }
        if (c == '\\') {
            if (i + 1 >= len)
                break;
            if (src[i + 1] != '"' && src[i + 1] != '\\')
                return lex_error(start, i + 2 - start, i,
                                 "unknown escape in a string (only \\\" and \\\\)");
            i += 2;
            continue;
        }
        if (c == '\n')
            return lex_error(start, i - start, start, "unterminated string");
        i++;
    }
    return lex_error(start, len - start, start, "unterminated string");
}

kg_token kg_lex_next(const char *src, size_t len, size_t pos)
{
    kg_token t = {KG_TK_EOF, len, 0, NULL, 0};
    unsigned char c;
    /* skip blanks and comments */
    while (pos < len) {
        c = (unsigned char)src[pos];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            pos++;
        } else if (c == '#') {
            while (pos < len && src[pos] != '\n')
                pos++;
        } else {
            break;
        }
    }
    if (pos >= len)
        return t;
    c = (unsigned char)src[pos];
    t.off = pos;
    t.len = 1;
    switch (c) {
    case '\n': t.type = KG_TK_NEWLINE; return t;
    case ',': t.type = KG_TK_COMMA; return t;
    case ';': t.type = KG_TK_SEMI; return t;
    case '=':
        t.type = KG_TK_EQ;
        if (pos + 1 < len && src[pos + 1] == '=')
            t.len = 2;
        return t;
    case '!':
        if (pos + 1 < len && src[pos + 1] == '=') {
            t.type = KG_TK_NE;
            t.len = 2;
            return t;
        }
        if (pos + 1 < len && src[pos + 1] == '~') {
            t.type = KG_TK_NTILDE;
            t.len = 2;
            return t;
        }
        return lex_error(pos, 1, pos, "unexpected \"!\" (did you mean \"!=\"?)");
    case '<':
    case '>':
        t.type = c == '<' ? KG_TK_LT : KG_TK_GT;
        if (pos + 1 < len && src[pos + 1] == '=') {
            t.type = c == '<' ? KG_TK_LE : KG_TK_GE;
            t.len = 2;
        }
        return t;
    case '^':
        if (pos + 1 < len && src[pos + 1] == '=') {
            t.type = KG_TK_PREFIX;
            t.len = 2;
            return t;
        }
        return lex_error(pos, 1, pos, "unexpected \"^\" (did you mean \"^=\"?)");
    case '"':
        return lex_string(src, len, pos, pos, KG_TK_STRING);
    case '~':
        if (pos + 1 < len && src[pos + 1] == '"')
            return lex_string(src, len, pos, pos + 1, KG_TK_REGEX);
        t.type = KG_TK_TILDE;
        return t;
    case '?': {
        size_t i = pos + 1;
        while (i < len && is_word_byte((unsigned char)src[i]) && src[i] != '\'')
            i++;
        if (i == pos + 1)
            return lex_error(pos, 1, pos, "expected a variable name after \"?\"");
        t.type = KG_TK_VAR;
        t.len = i - pos;
        break;
    }
    default:
        if (!is_word_start(c))
            return lex_error(pos, 1, pos, "unexpected character");
        {
            size_t i = pos;
            while (i < len && is_word_byte((unsigned char)src[i]))
                i++;
            t.type = KG_TK_WORD;
            t.len = i - pos;
        }
        break;
    }
    /* Words and variables may hold UTF-8: check it here so later stages can trust it. */
    {
        size_t bad;
        if (!kg_utf8_valid(src + t.off, t.len, &bad))
            return lex_error(t.off, t.len, t.off + bad, "invalid UTF-8");
    }
    return t;
}

const char *kg_lex_type_name(int type)
{
    switch (type) {
    case KG_TK_EOF: return "end of query";
    case KG_TK_WORD: return "a word";
    case KG_TK_STRING: return "a string";
    case KG_TK_REGEX: return "a regex";
    case KG_TK_VAR: return "a variable";
    case KG_TK_COMMA: return "\",\"";
    case KG_TK_SEMI: return "\";\"";
    case KG_TK_NEWLINE: return "end of line";
    case KG_TK_EQ: return "\"=\"";
    case KG_TK_NE: return "\"!=\"";
    case KG_TK_TILDE: return "\"~\"";
    case KG_TK_NTILDE: return "\"!~\"";
    case KG_TK_PREFIX: return "\"^=\"";
    case KG_TK_LT: return "\"<\"";
    case KG_TK_LE: return "\"<=\"";
    case KG_TK_GT: return "\">\"";
    case KG_TK_GE: return "\">=\"";
    default: return "an invalid token";
    }
}

/* ------------------------------------------------------------------ arena */

struct kg_arena_block {
    kg_arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void *kg_arena_alloc(kg_arena *a, size_t n)
{
    kg_arena_block *b = a->head;
    void *p;
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > 8192 ? n : 8192;
        b = calloc(1, sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *kg_arena_strndup(kg_arena *a, const char *s, size_t n)
{
    char *p = kg_arena_alloc(a, n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void kg_arena_free(kg_arena *a)
{
    kg_arena_block *b = a->head;
    while (b) {
        kg_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
