/*
 * tagnames.c -- the UPOS and Penn XPOS tag tables, and the rule-based
 * fallback tagger used when no model is loaded.
 *
 * Place in the flow: shared by tagger.c (model classes are indices into these
 * tables), analysis.c and the CLI's output.
 */
#include "text_int.h"

#include <string.h>

static const char *const upos_names[KG_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

/* The XPOS tags of UD English EWT (Penn Treebank plus ADD, AFX, GW, HYPH, NFP, XX). */
static const char *const xpos_names[] = {
    "_", "$", "``", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT",
    "EX", "FW", "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP",
    "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH",
    "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX"};
#define XPOS_COUNT ((int)(sizeof xpos_names / sizeof xpos_names[0]))

const char *kg_upos_name(int upos)
{
    return upos > 0 && upos < KG_UPOS_COUNT ? upos_names[upos] : "_";
}

int kg_upos_from_name(const char *name)
{
    int i;
    for (i = 1; i < KG_UPOS_COUNT; i++)
        if (strcmp(upos_names[i], name) == 0)
            return i;
    return KG_UPOS_NONE;
}

const char *kg_xpos_name(int xpos)
{
    return xpos > 0 && xpos < XPOS_COUNT ? xpos_names[xpos] : "_";
}

int kg_xpos_from_name(const char *name)
{
    int i;
    for (i = 1; i < XPOS_COUNT; i++)
        if (strcmp(xpos_names[i], name) == 0)
            return i;
    return 0;
}

int kg_xpos_count(void)
{
    return XPOS_COUNT;
}

/* Crude tags from the token's shape: punctuation, numbers, capitalised words
 * as proper nouns, everything else as a noun. Only for running without a model. */
void kg_tag_fallback(const char *text, kg_token *toks, size_t n)
{
    static const int cd = 12, nnp = 26, nn = 25, period = 7, comma = 4; /* xpos_names */
    size_t i;
    for (i = 0; i < n; i++) {
        kg_token *t = &toks[i];
        unsigned char c = (unsigned char)text[t->start];
        if (c >= '0' && c <= '9') {
            t->upos = KG_UPOS_NUM;
            t->xpos = (uint16_t)cd;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC3) {
            int cap = (t->flags & KG_TOK_CAPITALISED) && !(t->flags & KG_TOK_SENT_START);
            t->upos = cap ? KG_UPOS_PROPN : KG_UPOS_NOUN;
            t->xpos = (uint16_t)(cap ? nnp : nn);
        } else {
            t->upos = KG_UPOS_PUNCT;
            t->xpos = (uint16_t)(c == '.' || c == '!' || c == '?' ? period : comma);
        }
    }
}
