/*
 * ner_int.h -- named-entity mentions, typing, lexicons and in-document
 * merging (names, short forms, acronyms, pronouns, definite descriptions).
 *
 * Place in the flow: ingest/ only. Input is a kg_analysis (kg_text.h:
 * sentences, tokens, tags, lemmas); output is a kg_entities record that the
 * extractor (ingest/extract) uses for arguments and prints as mention lines.
 * Never included from graph/ or query/.
 *
 * Contract agreed with EXTRACT: names below may gain members and functions,
 * existing ones keep their meaning.
 */
#ifndef KG_NER_INT_H
#define KG_NER_INT_H

#include <stddef.h>
#include "kg_text.h"

enum kg_label {
    KG_LABEL_NONE = 0, KG_LABEL_PERSON, KG_LABEL_ORG, KG_LABEL_PLACE, KG_LABEL_DATE,
    KG_LABEL_MONEY, KG_LABEL_PERCENT, KG_LABEL_PRODUCT, KG_LABEL_EVENT, KG_LABEL_OTHER,
    KG_LABEL_COUNT
};
/* "PERSON", "ORG", ...; "NONE" for KG_LABEL_NONE; "OTHER" if out of range. */
const char *kg_label_name(int label);
/* Inverse of kg_label_name (ASCII case-insensitive); KG_LABEL_NONE if unknown. */
int kg_label_from_name(const char *name);

enum kg_mention_kind {
    KG_MENTION_NAME,    /* a proper name: "Microsoft Azure", "Satya Nadella" */
    KG_MENTION_VALUE,   /* DATE, MONEY, PERCENT, numbers */
    KG_MENTION_PRONOUN, /* it, its, they, he, she, ... */
    KG_MENTION_NOMINAL  /* a definite description: "the company" */
};

#define KG_NO_ENTITY ((size_t)-1)
#define KG_NO_MENTION ((size_t)-1)

typedef struct kg_mention {
    size_t sentence;              /* index into a->sentences */
    size_t first_token, n_tokens; /* absolute token range in a->tokens */
    size_t start, end;            /* byte offsets in the text (possessive 's excluded) */
    int label;                    /* enum kg_label */
    int kind;                     /* enum kg_mention_kind */
    size_t entity;                /* index into kg_entities.entities, or KG_NO_ENTITY */
} kg_mention;

typedef struct kg_doc_entity {
    char *name;                   /* canonical name (owned; the longest name mention) */
    int label;                    /* enum kg_label */
    size_t n_mentions;            /* mentions merged into it (all kinds) */
} kg_doc_entity;

typedef struct kg_entities {
    kg_mention *mentions; size_t n_mentions;     /* sorted by start, non-overlapping */
    kg_doc_entity *entities; size_t n_entities;
    size_t *token_mention;        /* per token of the analysis: index of the mention
                                     covering it, or KG_NO_MENTION; n = a->n_tokens */
    kg_mention *nested; size_t n_nested; /* named mentions inside a longer one
                                     ("Aberdeen" in "Aberdeen Grammar School", "France" in
                                     "Paris, France"), kind NAME, sorted by start; print them
                                     as mention lines too; not in token_mention */
} kg_entities;

/* Lexicons (places, currencies, titles, suffixes, given names, ...), read-only
 * after load, shareable between threads. */
typedef struct kg_ner kg_ner;

/* Load the lexicons from data_dir/lexicon/, or when data_dir is NULL from the
 * default locations like the tagger: $KG_DATA/lexicon, <dir of the
 * executable>/data/lexicon, KG_DATADIR/lexicon. A missing lexicon directory is
 * not fatal (built-in lists still work); a malformed file is KG_EINPUT naming
 * the file and line. Caller frees with kg_ner_free. */
int kg_ner_load(const char *data_dir, kg_ner **out, kg_error *err);
void kg_ner_free(kg_ner *ner); /* accepts NULL */

/* Find the mentions of a whole analysed document (names, values, pronouns,
 * definite descriptions) and merge them into document entities (possessives,
 * short forms "Azure" <- "Microsoft Azure", acronyms "AWS" <- "Amazon Web
 * Services", pronouns and "the company" to the most recent compatible entity).
 * out is overwritten (zero it first or pass a freed one); on failure it is left
 * empty. Cost: linear in the number of tokens. Free with kg_entities_free. */
int kg_ner_run(const kg_ner *ner, const kg_analysis *a, kg_entities *out, kg_error *err);
void kg_entities_free(kg_entities *e); /* accepts NULL; leaves *e zeroed */

/* The mentions to print as `kg extract --format jsonl` mention lines, in start
 * order: NAME and VALUE mentions of e->mentions and all of e->nested; never
 * PRONOUN or NOMINAL ones (entity_score.py counts every printed PERSON/ORG/PLACE
 * line, and "the company" is not a named mention). VALUE mentions have entity
 * KG_NO_ENTITY: print their own text as "entity". *out is an array of pointers
 * into e, caller frees it with free(); KG_ENOMEM on failure. */
int kg_entities_printable(const kg_entities *e, const kg_mention ***out, size_t *n_out);

/* ---- internal to ingest/: the lexicon (lexicon.c) and merging (coref.c) ---- */

/* Lexicon categories, a bit mask per entry (an entry may have several). */
enum {
    KG_LEX_COUNTRY = 1u << 0,     /* also continents and country aliases ("US", "Britain") */
    KG_LEX_REGION = 1u << 1,      /* subdivisions, regions ("Texas", "Middle East") */
    KG_LEX_CITY = 1u << 2,
    KG_LEX_CURRENCY = 1u << 3,    /* "Euro", "USD" */
    KG_LEX_ORG_SUFFIX = 1u << 4,  /* last word of a company name: Inc., Corp., Labs */
    KG_LEX_ORG_WORD = 1u << 5,    /* anywhere in an org name: University, Ministry, Bank */
    KG_LEX_PLACE_WORD = 1u << 6,  /* last word of a place name: River, Street, Island */
    KG_LEX_TITLE = 1u << 7,       /* before a person's name, part of the mention: Dr., President */
    KG_LEX_ROLE = 1u << 8,        /* lower-case role nouns: ceo, spokesman, founder */
    KG_LEX_DEMONYM = 1u << 9,     /* American, French; not a mention on their own */
    KG_LEX_MONTH = 1u << 10,
    KG_LEX_WEEKDAY = 1u << 11,
    KG_LEX_GIVEN = 1u << 12,      /* common given names */
    KG_LEX_NOM_ORG = 1u << 13,    /* "the company" heads */
    KG_LEX_NOM_PERSON = 1u << 14, /* "the president" heads */
    KG_LEX_NOM_PLACE = 1u << 15,  /* "the city" heads */
    KG_LEX_EVENT_WORD = 1u << 16, /* last word of an event name: War, Olympics, Election */
    KG_LEX_FUNCTION = 1u << 17,   /* lower-case function words: never a name when capitalised */
    KG_LEX_ORG = 1u << 18,        /* well-known organisations: "NATO", "Google" */
    KG_LEX_COMMON = 1u << 19,     /* a lower-case English word never capitalised ("image");
                                     from dictionary.tsv, only via kg_lex_dict */
    KG_LEX_PROPER = 1u << 20,     /* a capitalised word never lower case ("Gorbachev");
                                     only via kg_lex_dict */
    KG_LEX_PLACE = KG_LEX_COUNTRY | KG_LEX_REGION | KG_LEX_CITY
};

/* The categories of s[0..n) (exact bytes; multi-word entries use single spaces),
 * 0 if absent. O(n). */
unsigned kg_lex_lookup(const kg_ner *ner, const char *s, size_t n);
/* The same after ASCII lower-casing s (for role and nominal words). */
unsigned kg_lex_lookup_lower(const kg_ner *ner, const char *s, size_t n);
/* The dictionary class of a word: KG_LEX_COMMON if its lower-cased form is a common word,
 * KG_LEX_PROPER if the word as written is a proper name, 0 otherwise (or if no
 * dictionary.tsv was loaded). kg_lex_lookup/_lower never return these two bits. */
unsigned kg_lex_dict(const kg_ner *ner, const char *s, size_t n);

/* Merge the mentions of e (filled by ner.c, kinds and first labels set) into
 * document entities: fills e->entities, every mention's entity, and makes the
 * labels of an entity's names agree. strength[i] is the evidence behind
 * mention i's label (0 guess .. 3 lexicon); nested_strength likewise. */
int kg_coref_run(const kg_ner *ner, const kg_analysis *a, kg_entities *e,
                 const unsigned char *strength, const unsigned char *nested_strength,
                 kg_error *err);

#endif
