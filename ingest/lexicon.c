/*
 * lexicon.c -- the NER lexicons: places (countries, regions, cities from
 * iso-codes and tzdata), currencies, and hand-written lists (org suffixes,
 * person titles, given names, months, demonyms, ...). Loaded once from
 * data/lexicon/NAME.tsv into one read-only hash table of exact strings ->
 * category bits (KG_LEX_*); a few built-in words keep NER usable when the
 * files are missing.
 *
 * Place in the flow: ingest/ner.c and ingest/coref.c look words up here.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ner_int.h"

typedef struct lex_entry {
    size_t off;        /* key bytes in ner->keys */
    uint32_t len;
    uint32_t hash;
    unsigned mask;     /* KG_LEX_* */
} lex_entry;

struct kg_ner {
    kg_buf keys;
    lex_entry *slots;  /* open addressing; len == 0 marks an empty slot */
    size_t cap, count; /* cap a power of two */
};

static const struct { const char *name; unsigned mask; } category_names[] = {
    {"country", KG_LEX_COUNTRY}, {"region", KG_LEX_REGION}, {"city", KG_LEX_CITY},
    {"currency", KG_LEX_CURRENCY}, {"org_suffix", KG_LEX_ORG_SUFFIX},
    {"org_word", KG_LEX_ORG_WORD}, {"place_word", KG_LEX_PLACE_WORD},
    {"title", KG_LEX_TITLE}, {"role", KG_LEX_ROLE}, {"demonym", KG_LEX_DEMONYM},
    {"month", KG_LEX_MONTH}, {"weekday", KG_LEX_WEEKDAY}, {"given", KG_LEX_GIVEN},
    {"nominal_org", KG_LEX_NOM_ORG}, {"nominal_person", KG_LEX_NOM_PERSON},
    {"nominal_place", KG_LEX_NOM_PLACE}, {"event_word", KG_LEX_EVENT_WORD},
    {"function", KG_LEX_FUNCTION}, {"org", KG_LEX_ORG},
    {"common", KG_LEX_COMMON}, {"proper", KG_LEX_PROPER},
};

#define DICT_BITS (KG_LEX_COMMON | KG_LEX_PROPER)

/* Files read from the lexicon directory, in this order. */
static const char *const lexicon_files[] = {"places.tsv", "currencies.tsv", "words.tsv",
                                            "dictionary.tsv"};

/* Always present, so that a missing data directory degrades, not breaks. */
static const char *const builtin_months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"};
static const char *const builtin_weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
static const char *const builtin_titles[] = {
    "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Miss", "Sir", "President", "Senator",
    "Prof.", "Professor", "Governor", "Mayor", "King", "Queen", "Prince", "Princess"};
static const char *const builtin_org_suffixes[] = {
    "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "LLC", "PLC", "plc", "GmbH", "AG", "Co.",
    "Labs", "Group", "Holdings", "Corporation", "Company"};

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

static int lex_grow(kg_ner *ner)
{
    size_t cap = ner->cap ? ner->cap * 2 : 8192;
    lex_entry *slots = calloc(cap, sizeof *slots);
    if (!slots) return KG_ENOMEM;
    for (size_t i = 0; i < ner->cap; i++) {
        lex_entry *e = &ner->slots[i];
        if (!e->len) continue;
        size_t j = e->hash & (cap - 1);
        while (slots[j].len) j = (j + 1) & (cap - 1);
        slots[j] = *e;
    }
    free(ner->slots);
    ner->slots = slots;
    ner->cap = cap;
    return KG_OK;
}

static lex_entry *lex_find(const kg_ner *ner, const char *s, size_t n, uint32_t h)
{
    if (!ner || !ner->cap || n == 0) return NULL;
    size_t j = h & (ner->cap - 1);
    while (ner->slots[j].len) {
        lex_entry *e = &ner->slots[j];
        if (e->hash == h && e->len == n && memcmp(ner->keys.data + e->off, s, n) == 0) return e;
        j = (j + 1) & (ner->cap - 1);
    }
    return NULL;
}

static int lex_add(kg_ner *ner, const char *s, size_t n, unsigned mask)
{
    if (n == 0 || n > UINT32_MAX) return KG_OK;
    uint32_t h = hash_bytes(s, n);
    lex_entry *e = lex_find(ner, s, n, h);
    if (e) {
        e->mask |= mask;
        return KG_OK;
    }
    if ((ner->count + 1) * 2 > ner->cap && lex_grow(ner)) return KG_ENOMEM;
    size_t off = ner->keys.len;
    if (kg_buf_append(&ner->keys, s, n)) return KG_ENOMEM;
    size_t j = h & (ner->cap - 1);
    while (ner->slots[j].len) j = (j + 1) & (ner->cap - 1);
    ner->slots[j] = (lex_entry){off, (uint32_t)n, h, mask};
    ner->count++;
    return KG_OK;
}

static unsigned lookup_all(const kg_ner *ner, const char *s, size_t n)
{
    const lex_entry *e = lex_find(ner, s, n, hash_bytes(s, n));
    return e ? e->mask : 0;
}

/* s lower-cased (ASCII) into low[64]; 0 when too long. */
static size_t to_lower(const char *s, size_t n, char *low)
{
    if (n >= 64) return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    return n;
}

/* "NEW YORK" -> "New York" in tmp (each word's first letter kept, the rest lowered) when
 * s is all capitals with at least four letters; 0 otherwise. */
static size_t title_case(const char *s, size_t n, char *tmp)
{
    size_t letters = 0;
    if (n >= 64) return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z') return 0;
        letters += s[i] >= 'A' && s[i] <= 'Z';
        tmp[i] = (i > 0 && s[i] >= 'A' && s[i] <= 'Z' && s[i - 1] != ' ' && s[i - 1] != '-')
                     ? (char)(s[i] - 'A' + 'a') : s[i];
    }
    return letters >= 4 ? n : 0;
}

unsigned kg_lex_lookup(const kg_ner *ner, const char *s, size_t n)
{
    unsigned l = lookup_all(ner, s, n) & ~(unsigned)DICT_BITS;
    char tmp[64];
    /* a name in capitals, as in datelines and headlines ("WASHINGTON (Reuters) -") */
    if (l == 0 && title_case(s, n, tmp))
        l = lookup_all(ner, tmp, n) & ~(unsigned)DICT_BITS;
    return l;
}

unsigned kg_lex_lookup_lower(const kg_ner *ner, const char *s, size_t n)
{
    char low[64];
    if (!to_lower(s, n, low)) return 0;
    return kg_lex_lookup(ner, low, n);
}

unsigned kg_lex_dict(const kg_ner *ner, const char *s, size_t n)
{
    char low[64];
    unsigned r = lookup_all(ner, s, n) & KG_LEX_PROPER;
    if (to_lower(s, n, low)) r |= lookup_all(ner, low, n) & KG_LEX_COMMON;
    return r;
}

static int add_list(kg_ner *ner, const char *const *words, size_t n, unsigned mask)
{
    for (size_t i = 0; i < n; i++)
        if (lex_add(ner, words[i], strlen(words[i]), mask)) return KG_ENOMEM;
    return KG_OK;
}

/* file -> lines "name<TAB>category"; '#' comments and blank lines skipped. */
static int load_file(kg_ner *ner, const char *path, kg_error *err)
{
    kg_buf buf = {0};
    int rc = kg_read_file(path, KG_MAX_DOCUMENT_BYTES, &buf, err);
    if (rc) goto done;
    size_t bad;
    if (!kg_utf8_valid(buf.data, buf.len, &bad)) {
        rc = kg_error_set(err, KG_EINPUT, "%s: lexicon is not valid UTF-8 at byte %zu", path, bad);
        goto done;
    }
    unsigned line_no = 0;
    for (size_t pos = 0; pos < buf.len;) {
        const char *line = buf.data + pos;
        const char *nl = memchr(line, '\n', buf.len - pos);
        size_t n = nl ? (size_t)(nl - line) : buf.len - pos;
        pos += n + 1;
        line_no++;
        if (n && line[n - 1] == '\r') n--;
        if (n == 0 || line[0] == '#') continue;
        const char *tab = memchr(line, '\t', n);
        if (!tab || tab == line) {
            rc = kg_error_set(err, KG_EINPUT, "%s:%u: expected name<TAB>category", path, line_no);
            goto done;
        }
        const char *cat = tab + 1;
        size_t cat_n = n - (size_t)(cat - line);
        unsigned mask = 0;
        for (size_t c = 0; c < sizeof category_names / sizeof category_names[0]; c++)
            if (strlen(category_names[c].name) == cat_n &&
                memcmp(category_names[c].name, cat, cat_n) == 0)
                mask = category_names[c].mask;
        if (!mask) {
            rc = kg_error_set(err, KG_EINPUT, "%s:%u: unknown lexicon category \"%.*s\"", path,
                              line_no, (int)(cat_n > 40 ? 40 : cat_n), cat);
            goto done;
        }
        if ((rc = lex_add(ner, line, (size_t)(tab - line), mask))) {
            kg_error_set(err, rc, "out of memory loading %s", path);
            goto done;
        }
    }
done:
    kg_buf_free(&buf);
    return rc;
}

static int dir_exists(const char *path)
{
    return access(path, R_OK | X_OK) == 0;
}

/* The lexicon directory: data_dir/lexicon, else $KG_DATA/lexicon, <exe dir>/data/lexicon,
 * KG_DATADIR/lexicon; "" when none exists. */
static void find_dir(const char *data_dir, char *out, size_t cap)
{
    out[0] = 0;
    if (data_dir) {
        if (snprintf(out, cap, "%s/lexicon", data_dir) >= (int)cap) out[0] = 0;
        return;
    }
    const char *env = getenv("KG_DATA");
    if (env && *env) {
        if (snprintf(out, cap, "%s/lexicon", env) < (int)cap && dir_exists(out)) return;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            if (snprintf(out, cap, "%s/data/lexicon", exe) < (int)cap && dir_exists(out)) return;
        }
    }
#ifdef KG_DATADIR
    snprintf(out, cap, "%s/lexicon", KG_DATADIR);
    if (dir_exists(out)) return;
#endif
    out[0] = 0;
}

int kg_ner_load(const char *data_dir, kg_ner **out, kg_error *err)
{
    *out = NULL;
    kg_ner *ner = calloc(1, sizeof *ner);
    if (!ner) return kg_error_set(err, KG_ENOMEM, "out of memory loading the lexicon");
    int rc = KG_OK;
    if (add_list(ner, builtin_months, 12, KG_LEX_MONTH) ||
        add_list(ner, builtin_weekdays, 7, KG_LEX_WEEKDAY) ||
        add_list(ner, builtin_titles, sizeof builtin_titles / sizeof *builtin_titles, KG_LEX_TITLE) ||
        add_list(ner, builtin_org_suffixes, sizeof builtin_org_suffixes / sizeof *builtin_org_suffixes,
                 KG_LEX_ORG_SUFFIX)) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory loading the lexicon");
        goto done;
    }
    char dir[PATH_MAX];
    find_dir(data_dir, dir, sizeof dir);
    if (dir[0] && dir_exists(dir)) {
        for (size_t i = 0; i < sizeof lexicon_files / sizeof *lexicon_files; i++) {
            char path[PATH_MAX + 64];
            if (snprintf(path, sizeof path, "%s/%s", dir, lexicon_files[i]) >= (int)sizeof path) continue;
            if (access(path, F_OK) != 0) continue;
            if ((rc = load_file(ner, path, err))) goto done;
        }
    }
done:
    if (rc) {
        kg_ner_free(ner);
        return rc;
    }
    *out = ner;
    return KG_OK;
}

void kg_ner_free(kg_ner *ner)
{
    if (!ner) return;
    kg_buf_free(&ner->keys);
    free(ner->slots);
    free(ner);
}
