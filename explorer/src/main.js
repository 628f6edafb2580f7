// The explorer page: the film's small GPT and GloVe vectors answering live, offline.
// Data arrive inlined by tools/build_explorer.py; nothing is fetched.
import { decode, encode } from "gpt-tokenizer/encoding/r50k_base";
import { Gpt, draw, entropyBits, readTensors, seededRandom, softmax, topIds } from "./gpt.js";
import { Words } from "./words.js";

const TOKEN_COLORS = ["#83C167", "#D8A6A6", "#9A72AC", "#FF862F", "#5CD0B3", "#B5835A",
  "#E07BE0", "#C8E66E"];
const MAX_PROMPT_CHARS = 20000;
const $ = (id) => document.getElementById(id);

function bytesOf(id) {
  const text = $(id).textContent.trim();
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function jsonOf(id) {
  return JSON.parse($(id).textContent);
}

/** A token's text with its leading space and newlines visible (as the film draws it). */
export function showPiece(piece) {
  let out = piece.replace(/\n/g, "\u21b5");
  if (out.startsWith(" ")) out = "\u2423" + out.slice(1);
  return out || "\u2205";
}

/** A probability as the film prints it (scenes/common/widgets.percent). */
export function percent(p) {
  if (p >= 0.995 || p === 0) return `${(p * 100).toFixed(0)}%`;
  if (p >= 0.1) return `${(p * 100).toFixed(1)}%`;
  if (p >= 0.001) return `${(p * 100).toFixed(2)}%`;
  return `${Number((p * 100).toPrecision(2))}%`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function bars(rows, { highlight = -1, scale = 1, format = percent } = {}) {
  const box = el("div", { class: "bars" });
  rows.forEach(([name, value], i) => {
    const width = Math.max(0.3, (100 * Math.max(0, value)) / scale);
    box.append(el("div", { class: i === highlight ? "row picked" : "row" },
      el("span", { class: "name" }, name),
      el("span", { class: "track" }, el("span", { class: "bar", style: `width:${width}%` })),
      el("span", { class: "value" }, format(value))));
  });
  return box;
}

// ------------------------------------------------------------------ facts (no DOM)

function load() {
  const meta = jsonOf("explorer-meta");
  const gpt = new Gpt(meta.gpt.config, readTensors(meta.gpt.tensors, bytesOf("gpt-weights")));
  const vocab = jsonOf("words-vocab");
  const unit = readTensors({ unit: [0, [vocab.length, meta.words.dim]] }, bytesOf("words-vectors"))
    .unit;
  const words = new Words(vocab, unit, meta.words.dim, meta.words.total_words);
  return { meta, gpt, words };
}

// <|endoftext|> typed in a prompt is plain text, as livenumbers.tokens.encode treats it
const ORDINARY = { disallowedSpecial: new Set() };

function tokenize(text) {
  return encode(text, ORDINARY);
}

/** One token's text; a token that is part of a UTF-8 character shows as U+FFFD (as in Python). */
function pieceOf(id) {
  return decode([id]) || "\ufffd";
}

/** The next-token distribution, with the same rules as livenumbers.gpt.next_token. */
function nextToken(models, prompt, { temperature = 1, topK = null, topP = null, top = 10 } = {}) {
  if (!prompt.trim()) throw new Error("The prompt is empty; give at least one word.");
  const ids = tokenize(prompt);
  const { logits, ids: seen, dropped } = models.gpt.logits(ids);
  const p = softmax(logits, temperature, topK, topP);
  const order = topIds(p, logits, top);
  return {
    promptIds: ids, ids: order, pieces: order.map(pieceOf),
    probs: order.map((i) => p[i]), logits: order.map((i) => logits[i]),
    entropyBits: entropyBits(p), dropped, seen, p,
  };
}

// ------------------------------------------------------------------ page

function start() {
  const t0 = performance.now();
  const models = load();
  const { meta } = models;
  const timings = { loadMs: performance.now() - t0, firstAnswerMs: null, updatesMs: [] };
  const state = {
    temperature: meta.defaults.temperature, topK: meta.defaults.top_k, topP: null,
    seed: meta.defaults.seed, draws: 0, picked: null, history: [],
  };
  const prompt = $("prompt");
  prompt.value = meta.defaults.prompt;
  $("seed").value = String(state.seed);
  $("model-gpt").textContent = meta.gpt.model_id;
  $("model-words").textContent = meta.words.model_id;
  $("words-count").textContent = meta.words.count.toLocaleString("en");
  $("words-total").textContent = meta.words.total_words.toLocaleString("en");
  $("context").textContent = String(meta.gpt.config.n_positions);

  function readKnobs() {
    state.temperature = Number($("temperature").value);
    const k = Number($("top-k").value);
    state.topK = k === 0 ? null : k;
    const p = Number($("top-p").value);
    state.topP = p >= 1 ? null : p;
    $("temperature-value").textContent = state.temperature.toFixed(2);
    $("top-k-value").textContent = state.topK === null ? "off" : String(state.topK);
    $("top-p-value").textContent = state.topP === null ? "off" : state.topP.toFixed(2);
    $("api-note").hidden = state.temperature <= meta.api_temperature_cap;
  }

  function showTokens(ids, dropped) {
    const row = $("tokens");
    row.replaceChildren();
    ids.forEach((id, i) => {
      const color = TOKEN_COLORS[i % TOKEN_COLORS.length];
      row.append(el("span", {
        class: i < dropped ? "token dropped" : "token",
        style: `border-color:${color};background:${color}38`, title: `id ${id}`,
      }, showPiece(pieceOf(id))));
    });
    row.scrollTop = row.scrollHeight; // the most recent tokens, the ones the model reads
  }

  function message(id, text) {
    $(id).textContent = text;
    $(id).hidden = !text;
  }

  function update() {
    const started = performance.now();
    readKnobs();
    const text = prompt.value;
    if (!text.trim()) {
      $("tokens").replaceChildren();
      $("next-bars").replaceChildren();
      $("entropy").textContent = "–";
      message("prompt-error", "Type a prompt: the model needs at least one token to predict the next.");
      return;
    }
    if (text.length > MAX_PROMPT_CHARS) {
      message("prompt-error", `The prompt is ${text.length.toLocaleString("en")} characters; ` +
        `keep it under ${MAX_PROMPT_CHARS.toLocaleString("en")} (the model only reads its last ` +
        `${meta.gpt.config.n_positions} tokens anyway).`);
      return;
    }
    message("prompt-error", "");
    const r = nextToken(models, text, {
      temperature: state.temperature, topK: state.topK, topP: state.topP, top: meta.top,
    });
    showTokens(r.promptIds, r.dropped);
    $("token-count").textContent = `${r.promptIds.length} token${r.promptIds.length === 1 ? "" : "s"}`;
    message("context-note", r.dropped ? `The prompt is ${r.promptIds.length} tokens; the model ` +
      `reads only the most recent ${meta.gpt.config.n_positions} (its context), so the first ` +
      `${r.dropped} (struck through) play no part.` : "");
    const rows = r.ids.map((id, i) => [showPiece(r.pieces[i]), r.probs[i]]);
    const shown = r.probs.reduce((a, b) => a + b, 0);
    const rest = Math.max(0, 1 - shown);
    rows.push([`other ${(meta.gpt.config.vocab_size - r.ids.length).toLocaleString("en")}`, rest]);
    const pickedAt = state.picked === null ? -1 : r.ids.indexOf(state.picked);
    $("next-bars").replaceChildren(bars(rows, { highlight: pickedAt }));
    $("entropy").textContent = `${r.entropyBits.toFixed(2)} bits`;
    const kept = r.p.reduce((n, q) => n + (q > 0 ? 1 : 0), 0);
    const rules = [state.topK !== null ? `top-k ${state.topK}` : "",
      state.topP !== null ? `top-p ${state.topP.toFixed(2)}` : ""].filter(Boolean).join(", ");
    message("kept-note", rules && state.temperature > 0 ? `${rules}: probabilities re-normalised ` +
      `over the ${kept.toLocaleString("en")} kept tokens; the other ` +
      `${(meta.gpt.config.vocab_size - kept).toLocaleString("en")} get 0.` : "");
    state.last = r;
    const ms = performance.now() - started;
    timings.updatesMs.push(ms);
    if (timings.firstAnswerMs === null) timings.firstAnswerMs = performance.now();
    $("timing").textContent = `answered in ${ms.toFixed(0)} ms`;
  }

  function sample() {
    if (!state.last) return null;
    const seed = Number($("seed").value) >>> 0;
    if (seed !== state.seed) {
      state.seed = seed;
      state.draws = 0;
    }
    const rand = seededRandom(state.seed + 7919 * state.draws);
    state.draws += 1;
    const id = draw(state.last.p, rand());
    state.picked = id;
    const rank = 1 + Array.from(state.last.p).filter((q) => q > state.last.p[id]).length;
    $("sampled").textContent = `drew ${showPiece(pieceOf(id))} (rank ${rank}, ` +
      `${percent(state.last.p[id])}) — draw ${state.draws} with seed ${state.seed}`;
    return id;
  }

  function repeat(steps) {
    for (let s = 0; s < steps; s++) {
      if (!state.last) return;
      const id = sample();
      state.history.push(prompt.value);
      prompt.value += pieceOf(id);
      state.picked = null;
      update();
    }
  }

  // a new prompt or knob: the last draw described an older distribution
  function changed() {
    state.picked = null;
    $("sampled").textContent = "";
    update();
  }
  for (const id of ["temperature", "top-k", "top-p"]) $(id).addEventListener("input", changed);
  prompt.addEventListener("input", changed);
  $("sample").addEventListener("click", () => {
    sample();
    update();
  });
  $("step").addEventListener("click", () => repeat(1));
  $("step10").addEventListener("click", () => repeat(10));
  $("undo").addEventListener("click", () => {
    if (state.history.length) prompt.value = state.history.pop();
    state.picked = null;
    update();
  });
  $("temperature").value = String(state.temperature);
  $("top-k").value = String(state.topK ?? 0);
  $("top-p").value = "1";

  // -------------------------------------------------------------- words
  function wordKey(field, label) {
    const raw = $(field).value;
    if (!raw.trim()) throw new Error(`Type a word for ${label}.`);
    const key = models.words.key(raw);
    if (key) return key;
    const close = models.words.suggestions(raw);
    throw new Error(`“${raw.trim()}” (${label}) is not among the ${meta.words.count.toLocaleString("en")} ` +
      `most frequent GloVe words here. ` + (close.length ? `Close words: ${close.join(", ")}.`
        : "No word here is close to it; try a common English word."));
  }

  function timed(fn) {
    return () => {
      const started = performance.now();
      fn();
      $("timing").textContent = `answered in ${(performance.now() - started).toFixed(0)} ms`;
    };
  }

  function neighboursUpdate() {
    try {
      const key = wordKey("word", "the word");
      const r = models.words.neighbours(key, 10);
      message("word-error", "");
      $("word-bars").replaceChildren(bars(r.words.map((w, i) => [w, r.cosines[i]]),
        { format: (c) => c.toFixed(3) }));
    } catch (err) {
      message("word-error", err.message);
      $("word-bars").replaceChildren();
    }
  }

  function analogyUpdate() {
    try {
      const [a, b, c] = [wordKey("a", "a"), wordKey("b", "b"), wordKey("c", "c")];
      const want = $("expected").value.trim() ? wordKey("expected", "the expected answer") : null;
      if (want && [a, b, c].includes(want)) {
        throw new Error(`The expected answer “${want}” is one of the inputs; pick another.`);
      }
      const r = models.words.analogy(a, b, c, 10, want);
      message("analogy-error", "");
      const at = want ? r.words.indexOf(want) : -1;
      $("analogy-bars").replaceChildren(bars(r.words.map((w, i) => [w, r.cosines[i]]),
        { format: (x) => x.toFixed(3), highlight: at }));
      $("analogy-rank").textContent = want
        ? `“${want}” ranks #${r.expected.rank} (cosine ${r.expected.cosine.toFixed(3)})` : "";
    } catch (err) {
      message("analogy-error", err.message);
      $("analogy-bars").replaceChildren();
      $("analogy-rank").textContent = "";
    }
  }

  $("word").value = meta.defaults.word;
  [$("a").value, $("b").value, $("c").value] = meta.defaults.analogy;
  $("expected").value = meta.defaults.expected;
  $("word").addEventListener("input", timed(neighboursUpdate));
  for (const id of ["a", "b", "c", "expected"]) {
    $(id).addEventListener("input", timed(analogyUpdate));
  }

  for (const tab of document.querySelectorAll("[data-tab]")) {
    tab.addEventListener("click", () => {
      for (const t of document.querySelectorAll("[data-tab]")) {
        t.classList.toggle("active", t === tab);
      }
      for (const panel of document.querySelectorAll(".panel")) {
        panel.hidden = panel.id !== tab.dataset.tab;
      }
    });
  }

  // inside the presentation (its last slide): a clicker's PageUp/PageDown still move the slides
  if (window.parent !== window) {
    $("embedded-note").hidden = false;
    window.addEventListener("keydown", (e) => {
      if (e.key !== "PageUp" && e.key !== "PageDown") return;
      e.preventDefault();
      window.parent.postMessage({ explorer: e.key === "PageUp" ? "prev" : "next" }, "*");
    });
  }

  update();
  neighboursUpdate();
  analogyUpdate();

  // what the tests (and a curious lecturer's console) can call
  window.explorer = {
    meta, timings,
    encode: (text) => tokenize(text),
    nextToken: (text, opts) => {
      const r = nextToken(models, text, opts);
      return { ids: r.ids, pieces: r.pieces, probs: r.probs, logits: r.logits,
        entropyBits: r.entropyBits, dropped: r.dropped, promptIds: r.promptIds };
    },
    neighbours: (word, n = 10) => models.words.neighbours(models.words.key(word), n),
    analogy: (a, b, c, n = 10, expected = null) => models.words.analogy(a, b, c, n, expected),
    suggestions: (word) => models.words.suggestions(word),
    ready: true,
  };
  document.body.dataset.ready = "1";
}

window.addEventListener("error", (e) => {
  const bar = document.getElementById("fatal");
  if (bar) {
    bar.hidden = false;
    bar.textContent = `The explorer stopped: ${e.message}. Rebuild it with ./render.sh explorer.`;
  }
});

try {
  start();
} catch (err) {
  const bar = document.getElementById("fatal");
  bar.hidden = false;
  bar.textContent = `The explorer could not start: ${err.message}. Rebuild it with ./render.sh explorer.`;
  throw err;
}
