// The shipped small GPT (transformers' GPT2LMHeadModel) run in plain JavaScript.
//
// The weights are the model's own fp16 tensors, widened exactly to float32; arithmetic is done in
// double precision and stored as float32, so logits agree with PyTorch's float32 forward to about
// 1e-5. A key/value cache keeps the positions a new prompt shares with the last one.

const HALF_TO_FLOAT = (() => {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) table[h] = sign * frac * 2 ** -24;
    else if (exp === 31) table[h] = frac ? NaN : sign * Infinity;
    else table[h] = sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return table;
})();

/** float16 bits (little-endian bytes) to a Float32Array, exactly. */
export function halfToFloat(bytes, offset, count) {
  const halves = new Uint16Array(bytes.buffer, bytes.byteOffset + offset, count);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = HALF_TO_FLOAT[halves[i]];
  return out;
}

/** The tensors named in a manifest ({name: [offset, shape]}) from one fp16 blob. */
export function readTensors(manifest, bytes) {
  const out = {};
  for (const [name, [offset, shape]] of Object.entries(manifest)) {
    const count = shape.reduce((a, b) => a * b, 1);
    out[name] = halfToFloat(bytes, offset, count);
  }
  return out;
}

function layerNorm(x, w, b, eps, out) {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - mean) ** 2;
  const inv = 1 / Math.sqrt(v / n + eps);
  for (let i = 0; i < n; i++) out[i] = (x[i] - mean) * inv * w[i] + b[i];
  return out;
}

// y = x W + b with GPT-2's Conv1D layout: W is [in][out], row-major
function linear(x, w, b, nIn, nOut, out) {
  const acc = new Float64Array(nOut);
  for (let j = 0; j < nOut; j++) acc[j] = b[j];
  for (let i = 0; i < nIn; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * nOut;
    for (let j = 0; j < nOut; j++) acc[j] += xi * w[row + j];
  }
  for (let j = 0; j < nOut; j++) out[j] = acc[j];
  return out;
}

function geluNew(x) {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
}

export class Gpt {
  /** config: {n_layer, n_head, n_embd, n_positions, vocab_size, layer_norm_epsilon}. */
  constructor(config, tensors) {
    this.config = config;
    this.t = tensors;
    this.d = config.n_embd;
    this.context = config.n_positions;
    this.vocab = config.vocab_size;
    const size = this.context * this.d;
    this.keys = Array.from({ length: config.n_layer }, () => new Float32Array(size));
    this.values = Array.from({ length: config.n_layer }, () => new Float32Array(size));
    this.cachedIds = [];
    this.cachedLogits = null;
    this.hidden = new Float32Array(this.d);
  }

  /** The next-token logits after `ids` (the most recent `context` of them). */
  logits(allIds) {
    const dropped = Math.max(0, allIds.length - this.context);
    const ids = allIds.slice(dropped);
    if (ids.length === 0) throw new Error("no tokens");
    let keep = 0;
    while (keep < ids.length && keep < this.cachedIds.length && ids[keep] === this.cachedIds[keep]) {
      keep++;
    }
    if (keep === ids.length && this.cachedLogits) {
      return { logits: this.cachedLogits, ids, dropped };
    }
    for (let pos = keep; pos < ids.length; pos++) this.step(ids[pos], pos);
    this.cachedIds = ids.slice();
    this.cachedLogits = this.unembed(this.hidden);
    return { logits: this.cachedLogits, ids, dropped };
  }

  // one position through every layer, writing its keys and values into the cache
  step(id, pos) {
    const { d, t } = this;
    const nHead = this.config.n_head;
    const hd = d / nHead;
    const eps = this.config.layer_norm_epsilon;
    const h = new Float32Array(d);
    const wte = t["transformer.wte.weight"];
    const wpe = t["transformer.wpe.weight"];
    for (let i = 0; i < d; i++) h[i] = wte[id * d + i] + wpe[pos * d + i];
    const a = new Float32Array(d);
    const qkv = new Float32Array(3 * d);
    const y = new Float32Array(d);
    const proj = new Float32Array(d);
    const inner = t["transformer.h.0.mlp.c_fc.bias"].length;
    const f = new Float32Array(inner);
    const scale = 1 / Math.sqrt(hd);
    for (let l = 0; l < this.config.n_layer; l++) {
      const p = `transformer.h.${l}.`;
      layerNorm(h, t[p + "ln_1.weight"], t[p + "ln_1.bias"], eps, a);
      linear(a, t[p + "attn.c_attn.weight"], t[p + "attn.c_attn.bias"], d, 3 * d, qkv);
      const K = this.keys[l];
      const V = this.values[l];
      K.set(qkv.subarray(d, 2 * d), pos * d);
      V.set(qkv.subarray(2 * d, 3 * d), pos * d);
      const scores = new Float64Array(pos + 1);
      for (let head = 0; head < nHead; head++) {
        const o = head * hd;
        let max = -Infinity;
        for (let j = 0; j <= pos; j++) {
          let s = 0;
          for (let k = 0; k < hd; k++) s += qkv[o + k] * K[j * d + o + k];
          scores[j] = s * scale;
          if (scores[j] > max) max = scores[j];
        }
        let sum = 0;
        for (let j = 0; j <= pos; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (let k = 0; k < hd; k++) {
          let acc = 0;
          for (let j = 0; j <= pos; j++) acc += scores[j] * V[j * d + o + k];
          y[o + k] = acc / sum;
        }
      }
      linear(y, t[p + "attn.c_proj.weight"], t[p + "attn.c_proj.bias"], d, d, proj);
      for (let i = 0; i < d; i++) h[i] += proj[i];
      layerNorm(h, t[p + "ln_2.weight"], t[p + "ln_2.bias"], eps, a);
      linear(a, t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"], d, inner, f);
      for (let i = 0; i < inner; i++) f[i] = geluNew(f[i]);
      linear(f, t[p + "mlp.c_proj.weight"], t[p + "mlp.c_proj.bias"], inner, d, proj);
      for (let i = 0; i < d; i++) h[i] += proj[i];
    }
    layerNorm(h, t["transformer.ln_f.weight"], t["transformer.ln_f.bias"], eps, this.hidden);
  }

  // logits = W_U h, with W_U tied to the token embedding (as GPT-2 does)
  unembed(h) {
    const { d } = this;
    const wte = this.t["transformer.wte.weight"];
    const out = new Float64Array(this.vocab);
    for (let v = 0; v < this.vocab; v++) {
      let s = 0;
      const row = v * d;
      for (let i = 0; i < d; i++) s += h[i] * wte[row + i];
      out[v] = Math.fround(s);
    }
    return out;
  }
}

/** Probabilities at temperature T with optional top-k / top-p: livenumbers.gpt.softmax's rules
 * (numpy's stable argsort picks among equal values by index; so do the thresholds here). */
export function softmax(z, temperature, topK = null, topP = null) {
  const n = z.length;
  const keep = new Uint8Array(n).fill(1);
  if (topK !== null && topK < n) keepLargest(z, topK, keep);
  const p = new Float64Array(n);
  if (temperature === 0) {
    let best = -1;
    for (let i = 0; i < n; i++) if (keep[i] && (best < 0 || z[i] > z[best])) best = i;
    p[best] = 1;
    return p;
  }
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (keep[i] && z[i] > max) max = z[i];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    p[i] = keep[i] ? Math.exp((z[i] - max) / temperature) : 0;
    sum += p[i];
  }
  for (let i = 0; i < n; i++) p[i] /= sum;
  if (topP !== null && topP < 1) {
    const sorted = Float64Array.from(p).sort().reverse();
    let cum = 0;
    let cut = n;
    for (let r = 0; r < n; r++) {
      cum += sorted[r];
      if (cum >= topP) {
        cut = r + 1;
        break;
      }
    }
    const mask = keepLargest(p, cut, new Uint8Array(n).fill(1));
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (!mask[i]) p[i] = 0;
      s += p[i];
    }
    for (let i = 0; i < n; i++) p[i] /= s;
  }
  return p;
}

/** Clear keep[i] for all but the k largest values (ties at the threshold: lowest index first). */
export function keepLargest(values, k, keep) {
  const sorted = Float64Array.from(values).sort();
  const threshold = sorted[values.length - k];
  let above = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > threshold) above++;
  let ties = k - above;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > threshold) continue;
    if (values[i] === threshold && ties > 0) ties--;
    else keep[i] = 0;
  }
  return keep;
}

/** The `top` most likely ids, ties broken by logit (as livenumbers.gpt.next_token). */
export function topIds(p, z, top) {
  const better = (a, b) => p[a] > p[b] || (p[a] === p[b] && (z[a] > z[b] || (z[a] === z[b] && a < b)));
  const best = [];
  for (let i = 0; i < p.length; i++) {
    if (best.length === top && !better(i, best[top - 1])) continue;
    let at = best.length < top ? best.length : top - 1;
    best[at] = i;
    while (at > 0 && better(best[at], best[at - 1])) {
      [best[at], best[at - 1]] = [best[at - 1], best[at]];
      at--;
    }
  }
  return best;
}

/** Shannon entropy in bits. */
export function entropyBits(p) {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log2(p[i]);
  return Math.max(0, h);
}

/** A small seeded generator (mulberry32): the page's samples repeat for a seed. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** One id drawn from p with a uniform number u in [0, 1). */
export function draw(p, u) {
  let cum = 0;
  let last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0) continue;
    cum += p[i];
    last = i;
    if (u < cum) return i;
  }
  return last;
}
