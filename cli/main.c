/*
 * main.c -- kg's entry point: global options, the command table, --help,
 * --version, and the one place where error codes become exit statuses.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const kg_cli_command commands[] = {
    {"ingest", kg_cmd_ingest, "kg ingest [--source NAME] PATH...",
     "extract entities and triples from articles and store them",
     "Reads UTF-8 text files, folders (recursively) or - (standard input), extracts\n"
     "entities and triples with provenance and stores each document in one\n"
     "transaction. Ingesting the same content again changes nothing.\n"
     "  --source NAME   the document name to record (default: the path)\n"},
    {"extract", kg_cmd_extract, "kg extract [--format jsonl|tsv|carb] [PATH|-]",
     "extract without storing (a pure filter)",
     "Runs the extraction and prints mentions and triples; stores nothing.\n"
     "  --format jsonl  mentions and triples, one JSON object a line (default)\n"
     "  --format tsv    subject, relation, object, confidence, negated\n"
     "  --format carb   one sentence a line in; CaRB's tab format out\n"},
    {"tag", kg_cmd_tag, "kg tag [--conllu] [PATH|-]",
     "part-of-speech tag text (or CoNLL-U)",
     "Plain text in; token TAB UPOS TAB XPOS TAB lemma out, a blank line between\n"
     "sentences. With --conllu, reads CoNLL-U and writes it back with UPOS, XPOS and\n"
     "LEMMA replaced by kg's and every other column untouched.\n"
     "  --sentences        start TAB end (character offsets) TAB text per sentence\n"
     "  --replace-invalid  read invalid UTF-8 as U+FFFD instead of failing\n"
     "  --model PATH       the model (default: $KG_DATA/tagger.bin, data/ by the binary)\n"
     "  --no-model         crude rule-based tags (tokenizer and splitter only)\n"},
    {"train-tagger", kg_cmd_train_tagger, "kg train-tagger [OPTIONS]",
     "train the part-of-speech tagger and lemmatizer on UD English",
     "Trains the averaged-perceptron tagger deterministically.\n"
     "  --train FILE       CoNLL-U training data (default ../shared/data/ud-ewt train)\n"
     "  --dev FILE|none    CoNLL-U data choosing the epochs (default: EWT dev)\n"
     "  -o OUT             the model to write (default data/tagger.bin)\n"
     "  --epochs N         at most N epochs per pass (default 15)\n"
     "  --min-count N      drop features seen fewer than N times (default 2)\n"
     "  --one-pass         no second, right-context pass\n"
     "  --max-sentences N  train on the first N sentences only\n"
     "  --lexicon FILE|none  part-of-speech lexicon packed into the model (default\n"
     "                     data/lexicon/wordnet.tsv when it exists)\n"
     "  --neighbours FILE|none  neighbour classes packed into the model (default\n"
     "                     data/lexicon/neighbours.tsv when it exists)\n"
     "  --relemma MODEL    keep MODEL's tagger, learn the lemmatizer again\n"
     "  --quiet            no progress on standard error\n"},
    {"query", kg_cmd_query,
     "kg query [--format table|tsv|jsonl|graphml|dot] [--explain] [--induced] [--collapse]\n"
     "         ['QUERY' | -f FILE]",
     "answer queries in the kg query language",
     "With no query, reads queries from standard input (one per line or separated\n"
     "by ;), with a prompt when standard input is a terminal.\n"
     "  --format F   table (default on a terminal), tsv (default when piped), jsonl,\n"
     "               graphml or dot (the subgraph the results touch)\n"
     "  --explain    print each query's plan (names, search, bounds) instead of running it\n"
     "  --induced    graphml/dot: also every other statement between the result's entities\n"
     "  --collapse   graphml/dot: one edge per ordered pair (relations joined), for Gephi\n"
     "  -f FILE      read the queries from FILE\n"
     "Forms: neighbors, path, paths, match, why, top, communities, describe, relations,\n"
     "find, stats; prefixes count, explain and profile (timings on stderr)\n"
     "(see docs/QUERY-LANGUAGE.md). Example: kg query 'neighbors OpenAI depth 2'\n"},
    {"import", kg_cmd_import, "kg import [--format tsv|nt|jsonl] PATH",
     "load triples made elsewhere",
     "tsv: subject TAB relation TAB object [TAB confidence [TAB negated]] a line;\n"
     "a first line naming those columns is a header, '# ...' lines are comments.\n"
     "All or nothing per file.\n"
     "nt: N-Triples (kg's export maps back exactly). jsonl: what kg extract\n"
     "--format jsonl prints (or kg export --format jsonl writes).\n"},
    {"export", kg_cmd_export, "kg export --format graphml|dot|jsonl|tsv|nt|csv [-o PATH]",
     "write the whole graph",
     "Streams the graph; the output path is checked before any work.\n"
     "  -o PATH       output file (default standard output); a directory for csv\n"
     "  --collapse    graphml/dot: one edge per ordered pair (relations joined)\n"
     "  --yed         graphml: add yEd graphics (not valid against the plain schema)\n"
     "  --base IRI    nt: base of the minted IRIs (default http://kg.example.org/)\n"},
    {"stats", kg_cmd_stats, "kg stats [--format text|jsonl]",
     "counts of documents, sentences, entities, triples, relations", ""},
    {"draw", kg_cmd_draw, "kg draw [--format svg|png] 'QUERY' -o FILE",
     "render a query's subgraph to a picture (Graphviz)",
     "Without a query, draws the whole graph. The format defaults to FILE's\n"
     "extension. Needs Graphviz's dot (or $KG_DOT).\n"},
};

const kg_cli_command *kg_cli_find(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_usage(FILE *f)
{
    size_t i;
    fprintf(f, "usage: kg [--db PATH] COMMAND [OPTIONS] [ARGS]\n\n"
               "The database is --db PATH, else $KG_DB, else ./kg.db.\n\nCommands:\n");
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'kg COMMAND --help' for a command's options; 'kg --version'.\n"
               "Exit status: 0 ok, 1 no such entity or relation, 2 usage or syntax error,\n"
               "3 input, I/O or database error.\n");
}

int main(int argc, char **argv)
{
    kg_cli cli = {0};
    const kg_cli_command *c;
    int i, n = 0;
    const char *env = getenv("KG_DB");

    cli.argv0 = argv[0];
    cli.db_path = env && *env ? env : "kg.db";
    /* --db PATH may appear anywhere before "--"; strip it out. */
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            for (; i < argc; i++)
                argv[++n] = argv[i];
            break;
        }
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "kg: --db needs a path\n");
                return 2;
            }
            cli.db_path = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cli.db_path = argv[i] + 5;
        } else {
            argv[++n] = argv[i];
        }
    }
    argc = n + 1;
    argv[argc] = NULL;

    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    if (kg_cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        if (argc > 2 && (c = kg_cli_find(argv[2])) != NULL)
            return kg_cli_help(c);
        print_usage(stdout);
        return kg_cli_finish_stdout(0);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("kg %s\n", KG_VERSION);
        return kg_cli_finish_stdout(0);
    }
    c = kg_cli_find(argv[1]);
    if (c == NULL) {
        fprintf(stderr, "kg: unknown command \"%s\"\n", argv[1]);
        print_usage(stderr);
        return 2;
    }
    for (i = 2; i < argc; i++)
        if (kg_cli_is_help(argv[i]))
            return kg_cli_help(c);
    return kg_cli_finish_stdout(c->handler(&cli, argc - 1, argv + 1));
}
