import { DEFAULT_THRESHOLD } from '../dedupe/NeardupOptions.js';
import { DEFAULT_SHINGLE_SIZE } from '../shingle/ShingleOptions.js';
import { DEFAULT_SCHEME } from '../signature/Scheme.js';
import { DEFAULT_NUM_PERM, DEFAULT_SEED } from '../signature/numPerm.js';
import { DEFAULT_MAX_LINE_BYTES } from './parseCliArgs.js';

/**
 * The library's default `recallAtThreshold` (the default of chooseBandsRows, not exported as a
 * constant); test/cli/cli.test.ts checks it against the library.
 */
export const DEFAULT_RECALL_AT_THRESHOLD = 0.95;
/** The library's default falsePositiveWeight and falseNegativeWeight (checked the same way). */
export const DEFAULT_ERROR_WEIGHT = 0.5;

/**
 * The text of `neardup --help`: usage, every flag with its default (taken from the library's
 * constants, so they cannot drift apart), and the exit codes.
 */
export function helpText(): string {
  return `Usage: neardup [flags] INPUT...

Find near-duplicate documents: clusters of copies, with each pair's similarity.

INPUT is a JSON Lines file (one JSON object per line), a directory (every .txt file
under it is a document whose id is its path relative to the directory), or - for
standard input (JSON Lines).

Input
  --id-field PATH        dotted path of the id in each JSON object        (default: id)
                         (a string or a number; meta.id, a\\.b for a key with a dot)
  --text-field PATH      dotted path of the text in each JSON object      (default: text)
  --skip-invalid         skip bad lines and files, count them, go on       (default: stop at the first)
  --max-line-bytes N     longest JSON line or .txt file accepted, in bytes (default: ${DEFAULT_MAX_LINE_BYTES})

Similarity (the library's options, same names and rules)
  -t, --threshold T      Jaccard similarity that makes a near-duplicate   (default: ${DEFAULT_THRESHOLD})
  --shingle-size K       words per shingle                                (default: ${DEFAULT_SHINGLE_SIZE})
  --char-ngrams N        use character N-grams instead of word shingles   (default: unset)
  --num-perm N           values per MinHash signature, 1 to 1024          (default: ${DEFAULT_NUM_PERM})
  --seed S               seed of the permutations, 0 to 4294967295        (default: ${DEFAULT_SEED})
  --scheme S             oph (one-permutation hashing) or kperm           (default: ${DEFAULT_SCHEME})
  --verify V             exact (Jaccard of shingle sets) or estimate      (default: exact)
  --representative R     first (seen first) or central (the most similar  (default: first)
                         to the others): the document that names a cluster
  --recall-at-threshold P
                         least chance that a pair at the threshold        (default: ${DEFAULT_RECALL_AT_THRESHOLD})
                         becomes a candidate; bands and rows are chosen
                         to reach it
  --false-positive-weight W
                         weight of the false-positive area (below the     (default: ${DEFAULT_ERROR_WEIGHT})
                         threshold) when bands and rows are chosen
  --false-negative-weight W
                         weight of the false-negative area (above it)     (default: ${DEFAULT_ERROR_WEIGHT})
  --bands B, --rows R    LSH banding: B bands of R signature values       (default: chosen
                         (B x R <= --num-perm), given together            for the threshold)

Output
  -f, --format F         text, json, jsonl, csv or html                   (default: text)
  -o, --output FILE      write the report to FILE, replaced atomically    (default: standard output)
  --explain              add each pair's shared passages to json, jsonl   (default: off)
                         (html always shows them)
  -q, --quiet            no progress, summary or warnings on stderr       (default: off)

Runs
  --workers N            sign documents in N worker threads (0: in the    (default: 0)
                         main thread); same results; not with --index
  --index FILE           incremental run: load FILE if it exists, add the new documents,
                         report their matches with everything indexed before, save FILE
  --redis URL            incremental run on an index in Redis, shared by every process
                         that names it (redis://[user:password@]host:port[/db], rediss://
                         for TLS): add the new documents, report their matches with
                         everything in it; running the same input again adds nothing twice
  --redis-prefix P       the index's name in Redis (its keys start with {P}:)  (default: neardup)
  --redis-ttl S          seconds each new document stays in the index     (default: forever)
  -h, --help             show this help
  -v, --version          show the version

Exit codes
  0  success (whether or not near-duplicates were found)
  1  unexpected internal error (a bug: the message has a stack trace)
  2  usage error: unknown flag, bad flag value, no input
  3  input error: bad JSON line, missing or mistyped field, duplicate id, line too
     long, unreadable or unwritable file, no documents, unusable index file,
     Redis unreachable or its index made with other settings

Examples
  neardup examples/articles
  neardup news.jsonl --text-field body.text --format json --output clusters.json
  neardup news.jsonl --num-perm 32 --threshold 0.3 --recall-at-threshold 0.9
  cat today.jsonl | neardup - --index seen.ndx --format jsonl
  neardup today.jsonl --redis redis://cache:6379 --redis-prefix news --redis-ttl 604800
`;
}
