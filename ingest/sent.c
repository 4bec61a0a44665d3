/*
 * sent.c -- the sentence splitter: tokens -> sentences.
 *
 * Place in the flow: after tok.c, before the tagger. Works on tokens, so
 * decimals ($1.5bn, 3.2%), e-mail addresses, URLs and abbreviations with their
 * period (Mr., U.S., Inc.: KG_TOK_ABBREV) never look like a full stop.
 * A sentence ends:
 *   - after . ! ? … or ... (plus any closing quotes and brackets that follow),
 *     unless the next token starts with a lower-case letter or is , ; :
 *   - after an abbreviation (Inc., U.S.) only when the next token is a common
 *     sentence opener ("The", "He", ...); titles (Mr., Dr.) and initials never;
 *   - before a blank line, a list bullet at the start of a line, or a line
 *     break that does not continue the sentence (headlines, list items);
 *   - after KG_MAX_SENTENCE_TOKENS tokens (a run-on is cut into pieces).
 * Linear in the number of tokens; no allocation besides the output array.
 */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

static int tok_is_n(const char *text, const kg_token *t, const char *s, size_t n)
{
    return t->end - t->start == n && memcmp(text + t->start, s, n) == 0;
}
/* tok_is(text, t, "literal"): the token's bytes are the literal's */
#define tok_is(text, t, lit) tok_is_n((text), (t), (lit), sizeof(lit) - 1)

static int is_terminal(const char *text, const kg_token *t)
{
    return tok_is(text, t, ".") || tok_is(text, t, "!") || tok_is(text, t, "?") ||
           tok_is(text, t, "…") || tok_is(text, t, "‼") || tok_is(text, t, "⁇") ||
           tok_is(text, t, "。") || tok_is(text, t, "！") || tok_is(text, t, "？") ||
           (t->end - t->start >= 2 && text[t->start] == '.' && text[t->start + 1] == '.');
}

static int is_closer(const char *text, const kg_token *t)
{
    return tok_is(text, t, "”") || tok_is(text, t, "’") || tok_is(text, t, ")") ||
           tok_is(text, t, "]") || tok_is(text, t, "»") || tok_is(text, t, "}") ||
           tok_is(text, t, "\"") || tok_is(text, t, "'");
}

static int starts_lower(const char *text, const kg_token *t)
{
    unsigned char c = (unsigned char)text[t->start];
    if (c >= 'a' && c <= 'z')
        return 1;
    if (c >= 0xC3 && c < 0xE0 && !(t->flags & KG_TOK_CAPITALISED)) {
        uint32_t cp;
        kg_utf8_decode(text + t->start, t->end - t->start, &cp);
        return (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= 0x100 && cp <= 0x17F);
    }
    return 0;
}

static int is_number(const char *text, const kg_token *t)
{
    size_t i;
    if (t->end - t->start > 3)
        return 0;
    for (i = t->start; i < t->end; i++)
        if (text[i] < '0' || text[i] > '9')
            return 0;
    return 1;
}

static int is_continuing_punct(const char *text, const kg_token *t)
{
    return tok_is(text, t, ",") || tok_is(text, t, ";") || tok_is(text, t, ":") ||
           tok_is(text, t, ")") || tok_is(text, t, "%");
}

/* Titles that precede a name: never the end of a sentence. */
static int is_title(const char *text, const kg_token *t)
{
    static const char *const titles[] = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "mt.",
                                         "gen.", "sen.", "rep.", "gov.", "lt.", "col.",
                                         "capt.", "sgt.", "cmdr.", "adm.", "rev.", "hon.",
                                         "pres.", "supt.", "messrs.", "ft.", "atty.", NULL};
    size_t n = t->end - t->start, i, j;
    if (n == 2 && text[t->start] >= 'A' && text[t->start] <= 'Z')
        return 1; /* an initial */
    for (i = 0; titles[i]; i++) {
        if (strlen(titles[i]) != n)
            continue;
        for (j = 0; j < n; j++) {
            char c = text[t->start + j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (c != titles[i][j])
                break;
        }
        if (j == n)
            return 1;
    }
    return 0;
}

/* Words that commonly open a sentence: after "Inc." or "U.S." they signal an end. */
static int is_opener(const char *text, const kg_token *t)
{
    static const char *const openers[] = {
        "The", "A", "An", "This", "That", "These", "Those", "He", "She", "It", "They", "We",
        "I", "You", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "As", "If",
        "When", "While", "After", "Before", "Its", "His", "Her", "Their", "Our", "My",
        "There", "Here", "Some", "Many", "Most", "However", "Meanwhile", "Still", "Now",
        "Then", "Also", "Last", "Earlier", "Later", "According", "Both", "Each", "No",
        "What", "Why", "How", "Who", "Where", "Such", "Other", "Another", "Since", "Although",
        "Though", "Because", "With", "Without", "By", "From", "To", "Under", "Over", "One",
        NULL};
    size_t i;
    for (i = 0; openers[i]; i++)
        if (tok_is_n(text, t, openers[i], strlen(openers[i])))
            return 1;
    return 0;
}

/* Function words that, ending a line, show the sentence goes on after a line break. */
static int is_linker(const char *text, const kg_token *t)
{
    static const char *const linkers[] = {"and", "or", "but", "the", "a", "an", "of", "to",
                                          "in", "on", "at", "for", "with", "by", "from",
                                          "that", "which", "who", "as", "is", "are", "was",
                                          "were", "its", "their", "his", "her", "&", ",",
                                          "-", "–", "—", "(", "“", NULL};
    size_t i;
    for (i = 0; linkers[i]; i++)
        if (tok_is_n(text, t, linkers[i], strlen(linkers[i])))
            return 1;
    return 0;
}

static int push(kg_sentence **sent, size_t *n, size_t *cap, const kg_token *toks, size_t first,
                size_t end_tok)
{
    kg_sentence *s;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        kg_sentence *v = realloc(*sent, c * sizeof *v);
        if (v == NULL)
            return KG_ENOMEM;
        *sent = v;
        *cap = c;
    }
    s = &(*sent)[(*n)++];
    s->first_token = first;
    s->n_tokens = end_tok - first;
    s->start = toks[first].start;
    s->end = toks[end_tok - 1].end;
    return KG_OK;
}

int kg_sent_split(const char *text, kg_token *toks, size_t n_toks, kg_sentence **sent,
                  size_t *n_sent, size_t *cap, kg_error *err)
{
    size_t i = 0, first = 0;
    while (i < n_toks) {
        const kg_token *t = &toks[i];
        size_t next = i + 1; /* the first token after this one that stays in the sentence */
        int end_here = 0;

        if (is_terminal(text, t)) {
            /* absorb more terminal marks and closers attached to the sentence */
            while (next < n_toks && !(toks[next].flags & KG_TOK_NEWLINE_BEFORE) &&
                   (is_terminal(text, &toks[next]) ||
                    (is_closer(text, &toks[next]) &&
                     (!(toks[next].flags & KG_TOK_SPACE_BEFORE) ||
                      tok_is(text, &toks[next], ")")))))
                next++;
            /* reference marks after the stop belong to the sentence: "... Dulwich. [17]",
             * "[citation needed]" */
            while (next + 2 < n_toks && tok_is(text, &toks[next], "[") &&
                   !(toks[next].flags & KG_TOK_NEWLINE_BEFORE)) {
                size_t k = next + 1;
                while (k < n_toks && k < next + 6 && !tok_is(text, &toks[k], "]") &&
                       !(toks[k].flags & KG_TOK_NEWLINE_BEFORE))
                    k++;
                if (k >= n_toks || !tok_is(text, &toks[k], "]"))
                    break;
                next = k + 1;
            }
            if (next >= n_toks)
                end_here = 1;
            else if (i == first + 1 && tok_is(text, t, ".") && is_number(text, &toks[first]))
                end_here = 0; /* a numbered list item: "1. The nature of ..." */
            else if ((t->flags & KG_TOK_SPACE_BEFORE) && text[t->start] == '.' &&
                     t->end - t->start >= 3 && !(toks[next].flags & KG_TOK_NEWLINE_BEFORE))
                end_here = 0; /* a spaced " ... " pause, not an end */
            else if (toks[next].flags & KG_TOK_NEWLINE_BEFORE)
                end_here = 1;
            else if (starts_lower(text, &toks[next]) ||
                     is_continuing_punct(text, &toks[next]))
                end_here = 0;
            else if (!(toks[next].flags & KG_TOK_SPACE_BEFORE) &&
                     !is_closer(text, &toks[next]) && text[t->start] == '.')
                end_here = 0; /* "3.x", "file.txt"-like leftovers */
            else
                end_here = 1;
        } else if ((t->flags & KG_TOK_ABBREV) && next < n_toks &&
                   !(toks[next].flags & KG_TOK_NEWLINE_BEFORE)) {
            if (!is_title(text, t) && is_opener(text, &toks[next]))
                end_here = 1;
        }
        if (!end_here && next < n_toks && next - first < KG_MAX_SENTENCE_TOKENS) {
            const kg_token *u = &toks[next];
            if (u->flags & (KG_TOK_PARAGRAPH_BEFORE | KG_TOK_BULLET))
                end_here = 1;
            else if ((u->flags & KG_TOK_NEWLINE_BEFORE) && !starts_lower(text, u) &&
                     !is_linker(text, &toks[next - 1]) && !is_continuing_punct(text, u))
                end_here = 1;
        }
        if (next - first >= KG_MAX_SENTENCE_TOKENS)
            end_here = 1;
        if (next > first + KG_MAX_SENTENCE_TOKENS)
            next = first + KG_MAX_SENTENCE_TOKENS;
        if (end_here || next >= n_toks) {
            if (push(sent, n_sent, cap, toks, first, next))
                return kg_error_set(err, KG_ENOMEM, "out of memory");
            toks[first].flags |= KG_TOK_SENT_START;
            first = next;
        }
        i = next;
    }
    return KG_OK;
}
