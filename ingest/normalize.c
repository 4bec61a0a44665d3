/*
 * normalize.c -- the normalised relation: lemmas of the content words of a
 * relation phrase, lower case, with auxiliaries, modals, negation, adverbs,
 * determiners and adjectives stripped ("no longer pays" -> "pay", "retains
 * exclusive IP license for" -> "retain license for", "is hosted on" -> "be
 * hosted on", "is a major shareholder in" -> "be shareholder in").
 *
 * Rule: main verbs give their lemma; a passive keeps "be" + the participle;
 * a copula gives "be"; nouns of a V W* P phrase give their lemma (the head
 * noun only: "IP license" -> "license"); particles and prepositions are kept.
 */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

static const char *lemma_of(const xsent *s, size_t i)
{
    return s->tok[i].lemma && s->tok[i].lemma[0] ? s->tok[i].lemma : s->lower[i];
}

/* Irregular past forms (past, lemma) for a verb the lemmatiser left as it is
 * ("who built them" tagged VBP, "spun off" unseen in the treebank). */
static const char *const irregular[] = {
    "arose", "arise", "awoke", "awake", "beat", "beat", "became", "become", "began", "begin",
    "begun", "begin", "bent", "bend", "bet", "bet", "bid", "bid", "bit", "bite", "bled", "bleed",
    "blew", "blow", "blown", "blow", "bore", "bear", "borne", "bear", "bought", "buy",
    "bound", "bind", "bred", "breed", "broke", "break", "broken", "break", "brought", "bring",
    "built", "build", "burnt", "burn", "burst", "burst", "came", "come", "caught", "catch",
    "chose", "choose", "chosen", "choose", "clung", "cling", "crept", "creep", "dealt", "deal",
    "dove", "dive", "drew", "draw", "drawn", "draw", "drove", "drive", "driven", "drive",
    "dug", "dig", "ate", "eat", "eaten", "eat", "fed", "feed", "fell", "fall", "fallen", "fall",
    "felt", "feel", "fled", "flee", "flew", "fly", "flown", "fly", "fought", "fight",
    "forbade", "forbid", "forgave", "forgive", "forgot", "forget", "forgotten", "forget",
    "froze", "freeze", "frozen", "freeze", "got", "get", "gotten", "get", "gave", "give",
    "given", "give", "went", "go", "gone", "go", "grew", "grow", "grown", "grow", "hung", "hang",
    "heard", "hear", "held", "hold", "hid", "hide", "hidden", "hide", "kept", "keep",
    "knew", "know", "known", "know", "laid", "lay", "led", "lead", "leapt", "leap", "left", "leave",
    "lent", "lend", "lost", "lose", "made", "make", "meant", "mean", "met", "meet",
    "overcame", "overcome", "overtook", "overtake", "overtaken", "overtake", "paid", "pay",
    "ran", "run", "rang", "ring", "rose", "rise", "risen", "rise", "rode", "ride", "sought", "seek",
    "sold", "sell", "sent", "send", "shook", "shake", "shaken", "shake", "shot", "shoot",
    "shrank", "shrink", "shrunk", "shrink", "slid", "slide", "sang", "sing", "sank", "sink",
    "sat", "sit", "slept", "sleep", "spent", "spend", "spoke", "speak", "spoken", "speak",
    "spun", "spin", "sprang", "spring", "stood", "stand", "stole", "steal", "stolen", "steal",
    "stuck", "stick", "struck", "strike", "stricken", "strike", "swore", "swear", "sworn", "swear",
    "swept", "sweep", "swung", "swing", "took", "take", "taken", "take", "taught", "teach",
    "tore", "tear", "torn", "tear", "told", "tell", "thought", "think", "threw", "throw",
    "thrown", "throw", "undertook", "undertake", "underwent", "undergo", "understood",
    "understand", "upheld", "uphold", "woke", "wake", "wore", "wear", "worn", "wear", "won", "win",
    "withdrew", "withdraw", "withdrawn", "withdraw", "wrote", "write", "written", "write",
    "saw", "see", "seen", "see", "said", "say", "found", "find", "did", "do",
    "done", "do", "had", "have", "was", "be", "were", "be", "been", "be", "oversaw", "oversee",
    "overseen", "oversee", "outgrew", "outgrow", "rebuilt", "rebuild", "reopened", "reopen",
    "sped", "speed", "split", "split", "spread", "spread", "quit", "quit", "shut", "shut",
    "slit", "slit", "cast", "cast", "cost", "cost", "cut", "cut", "hit", "hit", "hurt", "hurt",
    "let", "let", "put", "put", "set", "set", "shed", "shed", "misled", "mislead",
    "misread", "misread", "mistook", "mistake", "mistaken", "mistake", "outran", "outrun",
    "overrode", "override", "overridden", "override", "overheard", "overhear", "forsook",
    "forsake", "foresaw", "foresee", "foreseen", "foresee", "withheld", "withhold",
    "withstood", "withstand", "upset", "upset", "offset", "offset", "broadcast", "broadcast",
    "forecast", "forecast", "sought", "seek", "fled", "flee", "wed", "wed", "lit", "light",
    "slung", "sling", "spat", "spit", "stung", "sting", "strove", "strive", "strode", "stride",
    "swam", "swim", "wept", "weep", "wrung", "wring", "rebuilt", "rebuild", "retook", "retake",
    "reran", "rerun", "rewrote", "rewrite", "rewritten", "rewrite", "underwrote", "underwrite",
    "underwritten", "underwrite", "undercut", "undercut", "outsold", "outsell", "resold",
    "resell", "remade", "remake", NULL};

const char *kg_xnorm_irregular_past(const char *w)
{
    size_t k;
    for (k = 0; irregular[k]; k += 2)
        if (irregular[k][0] == w[0] && strcmp(w, irregular[k]) == 0)
            return irregular[k + 1];
    return NULL;
}

/* A verb lemma, guarding against a lemmatiser that left "retains" as it is. */
static int put_verb(kg_buf *b, const xsent *s, size_t i)
{
    const char *l = lemma_of(s, i), *x = kg_xtok_xpos(s, i);
    const char *irr = kg_xnorm_irregular_past(s->lower[i]);
    size_t n = strlen(l);
    if (irr && (x[0] != 'V' || strcmp(x, "VBD") == 0 || strcmp(x, "VBN") == 0 ||
                strcmp(x, "VBP") == 0)) {
        /* the form decides: the suffix rules make "misled" "misle"; "spent/JJ"
         * read as a verb: spend */
        if (b->len && kg_buf_puts(b, " "))
            return KG_ENOMEM;
        return kg_buf_puts(b, irr);
    }
    if (x[0] != 'V' && s->tagger) {
        /* a word the tagger did not call a verb ("involved/JJ", "expects/NNS"):
         * the lemma of its verb form */
        const char *w = s->lower[i];
        size_t wn = strlen(w);
        const char *vx = wn > 3 && strcmp(w + wn - 2, "ed") == 0 ? "VBD"
                         : wn > 3 && w[wn - 1] == 's' ? "VBZ" : "VBP";
        kg_buf lb = {0};
        int rc;
        if (kg_tagger_lemma(s->tagger, w, wn, kg_xpos_from_name(vx), &lb) || lb.data == NULL) {
            kg_buf_free(&lb);
            return KG_ENOMEM;
        }
        rc = (b->len && kg_buf_puts(b, " ")) || kg_buf_puts(b, lb.data) ? KG_ENOMEM : KG_OK;
        kg_buf_free(&lb);
        return rc;
    }
    if (strcmp(x, "VBZ") == 0 && strcmp(l, s->lower[i]) == 0 && n > 3 && l[n - 1] == 's' &&
        strcmp(l, "is") != 0 && strcmp(l, "has") != 0 && strcmp(l, "does") != 0) {
        int es = n > 4 && l[n - 2] == 'e' &&
                 (l[n - 3] == 'x' || l[n - 3] == 'z' || (l[n - 3] == 's' && l[n - 4] == 's') ||
                  (l[n - 3] == 'h' && (l[n - 4] == 'c' || l[n - 4] == 's')));
        if (b->len && kg_buf_puts(b, " "))
            return KG_ENOMEM;
        return kg_buf_append(b, l, n - (es ? 2 : 1));
    }
    if (strcmp(x, "VBG") == 0 && strcmp(l, s->lower[i]) == 0 && n > 5 &&
        strcmp(l + n - 3, "ing") == 0) {
        size_t m = n - 3;
        if (b->len && kg_buf_puts(b, " "))
            return KG_ENOMEM;
        if (m > 2 && l[m - 1] == l[m - 2] && strchr("bdgmnprt", l[m - 1]))
            m--; /* "running" -> "run" */
        return kg_buf_append(b, l, m);
    }
    if (b->len && kg_buf_puts(b, " "))
        return KG_ENOMEM;
    return kg_buf_puts(b, l);
}

static int put(kg_buf *b, const char *w)
{
    if (b->len && kg_buf_puts(b, " "))
        return KG_ENOMEM;
    return kg_buf_puts(b, w);
}

char *kg_xnorm_relation(const xsent *s, size_t b, size_t e, int passive)
{
    kg_buf out = {0};
    size_t i, last_verb = b;
    int rc = KG_OK, seen_verb = 0;
    for (i = b; i < e; i++)
        if (s->cls[i] == XC_VERB || s->cls[i] == XC_AUX)
            last_verb = i;
    for (i = b; i < e && rc == KG_OK; i++) {
        char c = s->cls[i];
        switch (c) {
        case XC_TO:
            /* "deployed to retrieve": keep the "to" between two verbs */
            if (seen_verb && i + 1 < e)
                rc = put(&out, "to");
            break;
        case XC_VERB:
            if (i != last_verb && strcmp(kg_xtok_xpos(s, i), "VBN") == 0 && i > b) {
                /* a passive first verb of a chain: "was deployed to" */
                size_t k = i;
                while (k > b && s->cls[k - 1] == XC_ADV)
                    k--;
                if (k > b && s->cls[k - 1] == XC_AUX && strcmp(lemma_of(s, k - 1), "be") == 0) {
                    rc = put(&out, "be");
                    if (rc == KG_OK)
                        rc = put(&out, s->lower[i]);
                    seen_verb = 1;
                    break;
                }
            }
            if (i == last_verb && passive) {
                rc = put(&out, "be");
                if (rc == KG_OK)
                    rc = put(&out, s->lower[i]);
            } else {
                rc = put_verb(&out, s, i);
            }
            seen_verb = 1;
            break;
        case XC_AUX:
            /* an auxiliary before another verb is dropped; a head copula is "be" */
            if (i == last_verb) {
                rc = put(&out, lemma_of(s, i));
                seen_verb = 1;
            }
            break;
        case XC_NOUN:
        case XC_PROPN:
            /* only the head noun (the last before the preposition) */
            if (seen_verb && (i + 1 >= e || (s->cls[i + 1] != XC_NOUN && s->cls[i + 1] != XC_PROPN)))
                rc = put(&out, lemma_of(s, i));
            break;
        case XC_PREP:
        case XC_PART:
            if (seen_verb)
                rc = put(&out, s->lower[i]);
            break;
        case XC_ADJ:
            /* a copula's predicate adjective: "be independent from" */
            if (seen_verb && i + 1 < e && s->cls[i + 1] == XC_PREP && i > b &&
                s->cls[i - 1] == XC_AUX)
                rc = put(&out, s->lower[i]);
            break;
        default:
            break;
        }
    }
    if (rc != KG_OK) {
        kg_buf_free(&out);
        return NULL;
    }
    if (out.data == NULL || out.len == 0) {
        kg_buf_free(&out);
        return strdup(e > b ? lemma_of(s, e - 1) : "");
    }
    return out.data;
}
