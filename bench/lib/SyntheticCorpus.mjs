// Synthetic articles made from real stories, for the memory and scale benchmarks: as many as asked,
// each a pure function of its position (so a stream needs no memory of what it produced, and a
// planted copy can be regenerated later to check it).
//
// - A base article is a random story of the corpus with every word edited independently: replaced
//   by a random corpus word with probability `substitute`, dropped with probability `drop`, and
//   followed by an inserted random word with probability `insert`. Replacement words are drawn
//   from the running text of the whole corpus, so they follow its word frequencies. With the
//   defaults (20% of words touched) two articles made from the same story share few 5-shingles
//   (Jaccard about 0.05-0.1), so base articles are distinct documents, not near-duplicates.
// - With probability `copyRate`, an article is instead a near-duplicate copy of a random earlier
//   article (a planted pair): its words with 1 to 3 word edits (substitution, insertion or deletion).
//
// Text is the edited words joined by single spaces (the corpus is split on whitespace, so
// punctuation stays attached to its word as in the original).
import { mulberry32 } from './common.mjs';

export class SyntheticCorpus {
  /**
   * @param {{ text: string }[]} stories
   * @param {{ seed?: number, copyRate?: number, substitute?: number, drop?: number, insert?: number }} [options]
   */
  constructor(stories, options = {}) {
    this.seed = options.seed ?? 1;
    this.copyRate = options.copyRate ?? 0.05;
    this.substitute = options.substitute ?? 0.14;
    this.drop = options.drop ?? 0.03;
    this.insert = options.insert ?? 0.03;
    const idOf = new Map();
    this.vocab = [];
    this.stories = [];
    let total = 0;
    for (const { text } of stories) {
      const words = text.split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      const ids = new Uint32Array(words.length);
      for (let w = 0; w < words.length; w++) {
        let id = idOf.get(words[w]);
        if (id === undefined) {
          id = this.vocab.length;
          idOf.set(words[w], id);
          this.vocab.push(words[w]);
        }
        ids[w] = id;
      }
      this.stories.push(ids);
      total += ids.length;
    }
    // The running text of the corpus: a uniform position in it is a word drawn by frequency.
    this.pool = new Uint32Array(total);
    let at = 0;
    for (const ids of this.stories) {
      this.pool.set(ids, at);
      at += ids.length;
    }
  }

  #rng(i) {
    let h = Math.imul(i ^ 0x5bd1e995, 0x9e3779b1) ^ this.seed;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return mulberry32(h ^ (h >>> 16));
  }

  #randomWord(rng) {
    return this.pool[Math.floor(rng() * this.pool.length)];
  }

  /** Word ids of article `i`, and the earlier article it copies (-1 for a base article). */
  words(i) {
    const rng = this.#rng(i);
    if (i > 0 && rng() < this.copyRate) {
      const copyOf = Math.floor(rng() * i);
      const out = Array.from(this.words(copyOf).ids);
      const edits = 1 + Math.floor(rng() * 3);
      for (let e = 0; e < edits; e++) {
        const kind = rng();
        const at = Math.floor(rng() * out.length);
        if (kind < 1 / 3) out[at] = this.#randomWord(rng);
        else if (kind < 2 / 3) out.splice(at, 0, this.#randomWord(rng));
        else if (out.length > 1) out.splice(at, 1);
      }
      return { ids: out, copyOf };
    }
    const story = this.stories[Math.floor(rng() * this.stories.length)];
    const out = [];
    const { substitute, drop, insert } = this;
    for (let w = 0; w < story.length; w++) {
      const r = rng();
      if (r < substitute) out.push(this.#randomWord(rng));
      else if (r >= substitute + drop) out.push(story[w]);
      if (rng() < insert) out.push(this.#randomWord(rng));
    }
    if (out.length === 0) out.push(story[0]);
    return { ids: out, copyOf: -1 };
  }

  /** Article `i`: `{ id, text, copyOf }`. */
  article(i) {
    const { ids, copyOf } = this.words(i);
    let text = this.vocab[ids[0]];
    for (let w = 1; w < ids.length; w++) text += ' ' + this.vocab[ids[w]];
    return { id: `s${i}`, text, copyOf };
  }

  /** Articles 0 .. n-1 as `{ id, text }`, one at a time. */
  *documents(n) {
    for (let i = 0; i < n; i++) {
      const { id, text } = this.article(i);
      yield { id, text };
    }
  }
}
