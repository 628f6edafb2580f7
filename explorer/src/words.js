// GloVe word vectors in the page: nearest neighbours and a − b + c, as gensim's most_similar
// computes them over the same frequency-ordered slice of the vocabulary (restrict_vocab).

export class Words {
  /** vocab: words in frequency order; unit: their unit-length vectors, row-major. */
  constructor(vocab, unit, dim, totalWords) {
    this.vocab = vocab;
    this.unit = unit;
    this.dim = dim;
    this.totalWords = totalWords;
    this.index = new Map(vocab.map((w, i) => [w, i]));
  }

  /** The vocabulary's key for a typed word (GloVe is lower-case), or null. */
  key(word) {
    const w = word.trim().toLowerCase();
    return this.index.has(w) ? w : null;
  }

  /** Close words for one the vocabulary lacks: edit distance, then shared prefix. */
  suggestions(word, count = 5) {
    const w = word.trim().toLowerCase();
    if (!w) return [];
    const scored = [];
    const limit = Math.min(this.vocab.length, 30000);
    const maxDist = w.length <= 4 ? 1 : 2;
    for (let i = 0; i < limit; i++) {
      const v = this.vocab[i];
      if (Math.abs(v.length - w.length) > maxDist) continue;
      const dist = editDistance(w, v, maxDist);
      if (dist <= maxDist) scored.push([dist, i, v]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out = scored.slice(0, count).map((s) => s[2]);
    // a known word the typed one starts with ("catzqx" -> "cat"), longest first
    for (let cut = w.length - 1; out.length < count && cut >= 2; cut--) {
      const head = w.slice(0, cut);
      if (this.index.has(head) && !out.includes(head)) out.push(head);
    }
    for (let cut = w.length - 1; out.length < count && cut >= 3; cut--) {
      const stem = w.slice(0, cut);
      for (let i = 0; i < limit && out.length < count; i++) {
        const v = this.vocab[i];
        if (v.startsWith(stem) && !out.includes(v)) out.push(v);
      }
    }
    return out;
  }

  // the row of a key the caller has checked with key(); anything else is a bug worth a clear line
  row(key) {
    const i = this.index.get(key);
    if (i === undefined) throw new Error(`“${key}” is not among the ${this.vocab.length} words here.`);
    return i;
  }

  // cosine of every word's unit vector with the unit direction `q`
  cosines(q) {
    const { dim, unit } = this;
    const n = this.vocab.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * dim;
      for (let k = 0; k < dim; k++) s += unit[row + k] * q[k];
      out[i] = s;
    }
    return out;
  }

  // the unit direction of sum(sign * unit vector), as gensim's most_similar forms it
  direction(terms) {
    const q = new Float64Array(this.dim);
    for (const [sign, key] of terms) {
      const row = this.row(key) * this.dim;
      for (let k = 0; k < this.dim; k++) q[k] += sign * this.unit[row + k];
    }
    const norm = Math.hypot(...q);
    for (let k = 0; k < this.dim; k++) q[k] /= norm;
    return q;
  }

  /** The n nearest words to `key` (cosine), the word itself excluded. */
  neighbours(key, n) {
    const sims = this.cosines(this.direction([[1, key]]));
    return this.best(sims, n, new Set([this.row(key)]));
  }

  /** a − b + c: the top n answers (inputs excluded) and the rank of `expected` if given. */
  analogy(a, b, c, n, expected = null) {
    const sims = this.cosines(this.direction([[1, a], [-1, b], [1, c]]));
    const inputs = new Set([a, b, c].map((k) => this.index.get(k)));
    const result = this.best(sims, n, inputs);
    if (expected !== null) {
      const ie = this.row(expected);
      let rank = 1;
      for (let i = 0; i < sims.length; i++) {
        if (!inputs.has(i) && sims[i] > sims[ie]) rank++;
      }
      result.expected = { word: expected, rank, cosine: sims[ie] };
    }
    return result;
  }

  best(sims, n, skip) {
    const top = [];
    for (let i = 0; i < sims.length; i++) {
      if (skip.has(i)) continue;
      if (top.length === n && sims[i] <= sims[top[n - 1]]) continue;
      let at = top.length < n ? top.length : n - 1;
      top[at] = i;
      while (at > 0 && sims[top[at]] > sims[top[at - 1]]) {
        [top[at], top[at - 1]] = [top[at - 1], top[at]];
        at--;
      }
    }
    return { words: top.map((i) => this.vocab[i]), cosines: top.map((i) => sims[i]) };
  }
}

/** Levenshtein distance, stopping early once it must exceed `cap`. */
export function editDistance(a, b, cap) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}
