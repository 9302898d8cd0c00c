/* factlint editor page: plain JavaScript, no build step, no external assets.
 *
 * Safety rule for this file: article text, file names and everything the server returns are
 * DATA. The DOM is built with createElement + textContent only (see el()); nothing is ever
 * assigned to innerHTML, so a draft containing <script> or <img onerror=...> shows as text.
 *
 * Offsets: the API sends `start`/`end` in UTF-16 code units (docs/web.md), the unit of
 * JavaScript strings and of textarea selections, so they index draft.value directly.
 */
(function () {
  "use strict";

  const CATEGORIES = [
    "typo", "grammar", "citation", "causal", "statistic", "disclaimer", "terminology", "style",
  ];
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
  const LINT_DELAY_MS = 600;
  const FORMAT_BY_EXTENSION = {
    md: "markdown", markdown: "markdown", html: "html", htm: "html", txt: "text",
  };
  const STRENGTH_LABEL = {
    direct_causal: ["states a cause", "bad"],
    conditional_causal: ["may cause", "mid"],
    correlational: ["association", "neutral"],
    none: ["no causal claim", ""],
  };
  const SPECIFICITY_BADGE = { vague: "bad", named: "mid", traceable: "good" };

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const highlights = $("highlights");
  const backdrop = $("backdrop");
  const tooltip = $("tooltip");
  const card = $("card");

  const state = {
    filename: null, // name of the file opened (never a path: the browser gives only names)
    rules: new Map(), // rule id -> rule docs from GET /api/rules
    categories: CATEGORIES.slice(),
    result: null, // the last /api/lint response
    resultText: null, // the exact text that response is about
    shown: [], // findings with offsets into the CURRENT draft (shifted while typing)
    hidden: new Set(), // categories switched off
    minSeverity: "info",
    fixableOnly: false,
    activeId: null,
    seq: 0,
    controller: null,
    timer: null,
    hoverIds: [],
  };

  /* ---------------------------------------------------------------- DOM helpers */

  /** An element with properties (className, title, ...), data-* and children (strings become
   * text nodes). The only way this page builds DOM. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("aria-") || key === "role") node.setAttribute(key, String(value));
      else node[key] = value;
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function catClass(category) {
    return CATEGORIES.includes(category) ? `cat-${category}` : "cat-other";
  }

  function plural(n, word) {
    if (n === 1) return `${n} ${word}`;
    return `${n} ${word}${/(s|x|ch|sh)$/.test(word) ? "es" : "s"}`;
  }

  function setStatus(text, busy) {
    const status = $("status");
    status.textContent = text;
    status.classList.toggle("busy", Boolean(busy));
  }

  let bannerTimer = null;

  function showBanner(text, kind) {
    $("banner-text").textContent = text;
    $("banner").classList.toggle("info", kind === "info");
    $("banner").hidden = false;
    clearTimeout(bannerTimer);
    // News fades by itself; an error stays until dismissed or the next successful lint.
    if (kind === "info") bannerTimer = setTimeout(hideBanner, 6000);
  }

  function hideBanner() {
    $("banner").hidden = true;
  }

  /* ---------------------------------------------------------------- API */

  async function api(path, body, signal) {
    const options = body === undefined ? { signal } : {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal,
    };
    const response = await fetch(path, options);
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok) {
      const reason = data && typeof data.error === "string" ? data.error : response.statusText;
      const failure = new Error(`${reason} (HTTP ${response.status})`);
      failure.status = response.status;
      throw failure;
    }
    return data;
  }

  function requestBody(extra) {
    return Object.assign({
      text: draft.value,
      format: $("format").value,
      filename: state.filename || undefined,
    }, extra || {});
  }

  async function loadRules() {
    try {
      const data = await api("/api/rules");
      for (const rule of data.rules) state.rules.set(rule.id, rule);
      if (Array.isArray(data.categories)) state.categories = data.categories.slice();
    } catch (error) {
      showBanner(`Could not load the rule documentation: ${error.message}`);
    }
    renderLegend();
  }

  /* ---------------------------------------------------------------- linting */

  function scheduleLint() {
    clearTimeout(state.timer);
    state.timer = setTimeout(lintNow, LINT_DELAY_MS);
    setStatus("Editing…", false);
  }

  async function lintNow() {
    clearTimeout(state.timer);
    const text = draft.value;
    if (state.controller) state.controller.abort();
    const seq = ++state.seq;
    if (!text.trim()) {
      state.result = null;
      state.resultText = text;
      state.shown = [];
      renderAll();
      setStatus("Paste or type a draft to lint it.");
      return;
    }
    const controller = new AbortController();
    state.controller = controller;
    setStatus("Linting…", true);
    const started = performance.now();
    try {
      const data = await api("/api/lint", requestBody({ text }), controller.signal);
      if (seq !== state.seq) return;
      state.result = data;
      state.resultText = text;
      state.shown = shift(data.findings, text, draft.value);
      if (!$("banner").classList.contains("info")) hideBanner();
      renderAll();
      const s = data.summary;
      const ms = Math.round(performance.now() - started);
      setStatus(`${plural(s.findings, "finding")} · ${plural(s.fixable, "safe fix")} · ${ms} ms`);
    } catch (error) {
      if (error.name === "AbortError" || seq !== state.seq) return;
      showBanner(`Could not lint the draft: ${error.message}`);
      setStatus("Not linted");
    } finally {
      if (state.controller === controller) state.controller = null;
    }
  }

  /** Findings moved onto `now` after an edit of `then`: spans before the edited region stay,
   * spans after it shift by the length change, spans touching it wait for the next lint. */
  function shift(findings, then, now) {
    if (then === now) return findings.slice();
    const limit = Math.min(then.length, now.length);
    let prefix = 0;
    while (prefix < limit && then.charCodeAt(prefix) === now.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < limit - prefix
      && then.charCodeAt(then.length - 1 - suffix) === now.charCodeAt(now.length - 1 - suffix)) {
      suffix++;
    }
    const editEnd = then.length - suffix;
    const delta = now.length - then.length;
    const out = [];
    for (const f of findings) {
      if (f.end <= prefix) out.push(f);
      else if (f.start >= editEnd) out.push(Object.assign({}, f, { start: f.start + delta, end: f.end + delta }));
    }
    return out;
  }

  /* ---------------------------------------------------------------- rendering */

  function visible(f) {
    if (state.hidden.has(f.category)) return false;
    if ((SEVERITY_RANK[f.severity] || 0) < SEVERITY_RANK[state.minSeverity]) return false;
    return !(state.fixableOnly && !f.fix);
  }

  function renderAll() {
    renderHighlights();
    renderFilters();
    renderFindings();
    renderClaims();
    const has = Boolean(state.result);
    $("download-report").disabled = !has;
    $("download-text").disabled = !has;
    $("fix-all").disabled = !(has && state.result.summary.fixable > 0);
    $("count-findings").textContent = String(has ? state.result.findings.length : 0);
    $("count-claims").textContent = String(has ? state.result.claims.length : 0);
  }

  /** The backdrop: the draft's text with a <mark> on every stretch covered by findings. */
  function renderHighlights() {
    const text = draft.value;
    const spans = [];
    state.shown.forEach((f, index) => {
      if (!visible(f)) return;
      let start = Math.max(0, Math.min(f.start, text.length));
      let end = Math.max(start, Math.min(f.end, text.length));
      if (end === start && end < text.length) end += 1; // a point finding marks one character
      if (end > start) spans.push({ start, end, index, f });
    });
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    spans.sort((x, y) => x.start - y.start);
    const fragment = document.createDocumentFragment();
    let next = 0;
    let active = [];
    for (let i = 0; i + 1 < points.length; i++) {
      // A sweep over the cut points: `active` holds the spans covering [a, b).
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      active = active.filter((s) => s.end > a);
      while (next < spans.length && spans[next].start <= a) active.push(spans[next++]);
      const covering = active.slice();
      if (!covering.length) {
        fragment.append(document.createTextNode(piece));
        continue;
      }
      covering.sort((x, y) => (SEVERITY_RANK[y.f.severity] - SEVERITY_RANK[x.f.severity])
        || ((x.end - x.start) - (y.end - y.start)));
      const top = covering[0].f;
      const mark = el("mark", {
        className: `hl ${catClass(top.category)} ${top.severity}`
          + (covering.length > 1 ? " multi" : "")
          + (covering.some((s) => s.f.id === state.activeId) ? " active" : ""),
        dataset: { ids: covering.map((s) => s.index).join(" ") },
      }, piece);
      fragment.append(mark);
    }
    fragment.append(document.createTextNode(" ")); // keeps a trailing line break's height
    highlights.replaceChildren(fragment);
    syncScroll();
  }

  function renderLegend() {
    const legend = $("legend");
    legend.replaceChildren(...state.categories.map((c) => el("span", { className: catClass(c) },
      el("i", { className: "dot" }), c)));
  }

  function renderFilters() {
    const counts = new Map(state.categories.map((c) => [c, 0]));
    for (const f of state.shown) counts.set(f.category, (counts.get(f.category) || 0) + 1);
    const chips = [];
    for (const [category, n] of counts) {
      const chip = el("button", {
        type: "button",
        className: `chip ${catClass(category)}` + (n === 0 ? " zero" : ""),
        title: `Show or hide ${category} findings`,
        "aria-pressed": String(!state.hidden.has(category)),
        dataset: { category },
      }, el("i", { className: "dot" }), category, el("span", { className: "n" }, String(n)));
      chip.addEventListener("click", () => {
        if (state.hidden.has(category)) state.hidden.delete(category);
        else state.hidden.add(category);
        renderHighlights();
        renderFilters();
        renderFindings();
      });
      chips.push(chip);
    }
    $("category-filters").replaceChildren(...chips);
  }

  function where(f) {
    return `${f.line}:${f.column}`;
  }

  function renderFindings() {
    const groups = new Map();
    state.shown.forEach((f, index) => {
      if (!visible(f)) return;
      if (!groups.has(f.category)) groups.set(f.category, []);
      groups.get(f.category).push({ f, index });
    });
    const out = [];
    const order = state.categories.concat(Array.from(groups.keys()).filter((c) => !state.categories.includes(c)));
    for (const category of order) {
      const items = groups.get(category);
      if (!items) continue;
      out.push(el("h3", { className: `group-head ${catClass(category)}` },
        el("i", { className: "dot" }), category, el("span", { className: "count" }, String(items.length))));
      out.push(el("ol", { className: "finding-list" }, items.map(({ f, index }) => findingItem(f, index))));
    }
    $("finding-groups").replaceChildren(...out);
    const total = state.shown.length;
    const empty = $("findings-empty");
    empty.hidden = out.length > 0;
    empty.textContent = !state.result ? "No findings yet."
      : total ? "Every finding is filtered out." : "No findings: this draft looks clean.";
  }

  function findingItem(f, index) {
    const item = el("li", {
      className: `item ${catClass(f.category)}` + (f.id === state.activeId ? " active" : ""),
      tabIndex: 0,
      dataset: { index: String(index), id: f.id, rule: f.rule },
    },
    el("div", { className: "item-top" },
      el("span", { className: `sev ${f.severity}` }, f.severity),
      el("span", { className: "rule" }, f.rule),
      el("span", { className: "where" }, `line ${where(f)}`)),
    el("p", { className: "message" }, f.message),
    f.excerpt ? el("div", { className: "excerpt" }, `“${f.excerpt}”`) : null,
    f.fix ? el("div", { className: "actions" }, fixButton(f)) : null);
    item.addEventListener("click", () => selectFinding(index, true));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        selectFinding(index, true);
      }
    });
    return item;
  }

  function fixLabel(f) {
    const replacement = f.fix.replacement;
    return replacement ? `Fix: ${replacement}` : "Fix: delete";
  }

  function fixButton(f) {
    const button = el("button", {
      type: "button",
      className: "fix-button",
      title: `Apply the safe fix: “${f.excerpt}” → “${f.fix.replacement}”`,
    }, fixLabel(f));
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      applyFix(f);
    });
    return button;
  }

  /* ---------------------------------------------------------------- claims */

  function renderClaims() {
    const claims = state.result ? state.result.claims : [];
    for (const kind of ["statistic", "citation", "causal"]) {
      const list = claims.filter((c) => c.kind === kind);
      $(`count-${kind}`).textContent = String(list.length);
      const items = list.map((claim) => claimItem(claim));
      if (!items.length) items.push(el("li", { className: "none" }, "None found."));
      $(`claims-${kind}`).replaceChildren(...items);
    }
  }

  function claimItem(claim) {
    const parts = [el("div", { className: "text" }, claim.text)];
    if (claim.kind === "statistic") parts.push(...statisticDetails(claim));
    if (claim.kind === "citation") parts.push(...citationDetails(claim));
    if (claim.kind === "causal") parts.push(...causalDetails(claim));
    const item = el("li", { className: "item", tabIndex: 0, dataset: { kind: claim.kind } }, parts);
    const go = () => {
      // Offsets are those of the linted text: follow edits made since (or wait for a lint).
      const [here] = shift([claim], state.resultText, draft.value);
      if (here) selectRange(here.start, here.end);
    };
    item.addEventListener("click", (event) => {
      if (event.target instanceof HTMLAnchorElement) return;
      go();
    });
    item.addEventListener("keydown", (event) => { if (event.key === "Enter") go(); });
    return item;
  }

  function meta(pairs) {
    const shown = pairs.filter(([, value]) => value !== null && value !== undefined && value !== ""
      && !(Array.isArray(value) && !value.length));
    return el("div", { className: "meta" }, shown.map(([label, value]) => el("span", {},
      label ? `${label}: ` : "", Array.isArray(value) ? value.join(", ") : String(value))));
  }

  function safeLink(url, text) {
    // Only web links become anchors (a rule pack could hold anything).
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text || url);
    }
    return url ? el("span", {}, url) : null;
  }

  function statisticDetails(claim) {
    const value = Array.isArray(claim.value) ? claim.value.join("–") : claim.value;
    const out = [meta([["value", value], ["unit", claim.unit], ["qualifier", claim.qualifier],
      ["about", claim.condition], ["who", claim.population]])];
    const curated = claim.curated;
    if (curated) {
      const fits = curated.status === "fits";
      out.push(el("div", { className: "curated" },
        el("div", {},
          el("span", { className: `badge ${fits ? "good" : "bad"}` },
            fits ? "within curated range" : "outside curated range"), " ",
          el("strong", {}, curated.range),
          curated.population ? ` · ${curated.population}` : ""),
        curated.statement ? el("div", {}, curated.statement) : null,
        el("div", {}, "Source: ", curated.source,
          curated.link ? [" · ", safeLink(curated.link, "link")] : null),
        (curated.caveats || []).map((c) => el("div", { className: "none" }, `Caveat: ${c}`))));
    } else {
      out.push(el("div", { className: "none" }, "No curated fact to compare this figure with."));
    }
    return out;
  }

  function citationDetails(claim) {
    const specificity = claim.specificity || "vague";
    return [
      el("div", { className: "meta" },
        el("span", { className: `badge ${SPECIFICITY_BADGE[specificity] || ""}` }, specificity)),
      meta([["journal", claim.journal], ["organisation", claim.organisation],
        ["authors", claim.authors], ["year", claim.year], ["DOI", claim.doi], ["PMID", claim.pmid]]),
      claim.url ? el("div", { className: "meta" }, safeLink(claim.url)) : null,
    ];
  }

  function causalDetails(claim) {
    const [label, tone] = STRENGTH_LABEL[claim.strength] || [claim.strength || "unknown", ""];
    return [
      el("div", { className: "meta" },
        el("span", { className: `badge ${tone}` }, label),
        claim.hedged ? el("span", { className: "badge neutral" }, "hedged") : null,
        claim.negated ? el("span", { className: "badge" }, "negated") : null,
        claim.intensity ? el("span", { className: "badge mid" }, `intensity: ${claim.intensity}`) : null),
      meta([["cue", claim.cue], ["cause", claim.cause], ["effect", claim.effect]]),
    ];
  }

  /* ---------------------------------------------------------------- selection, tooltip, card */

  function marksOf(index) {
    return highlights.querySelectorAll(`mark[data-ids~="${index}"]`);
  }

  function syncScroll() {
    highlights.style.width = `${draft.clientWidth}px`;
    backdrop.scrollTop = draft.scrollTop;
    backdrop.scrollLeft = draft.scrollLeft;
  }

  function scrollToOffset(offset) {
    // The backdrop lays the text out exactly like the textarea: measure there.
    const probe = document.createRange();
    const walker = document.createTreeWalker(highlights, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.nodeValue.length;
      if (seen + length >= offset) {
        probe.setStart(node, Math.max(0, Math.min(offset - seen, length)));
        probe.collapse(true);
        break;
      }
      seen += length;
    }
    const rect = probe.getBoundingClientRect();
    const box = backdrop.getBoundingClientRect();
    const top = rect.top - box.top + backdrop.scrollTop;
    if (top < draft.scrollTop + 20 || top > draft.scrollTop + draft.clientHeight - 60) {
      draft.scrollTop = Math.max(0, top - draft.clientHeight / 3);
    }
    syncScroll();
  }

  function selectRange(start, end) {
    scrollToOffset(start);
    draft.focus({ preventScroll: true });
    draft.setSelectionRange(start, end);
    syncScroll();
  }

  function setActive(id) {
    state.activeId = id;
    for (const mark of highlights.querySelectorAll("mark.active")) mark.classList.remove("active");
    for (const item of document.querySelectorAll(".finding-list .item.active")) item.classList.remove("active");
    if (id === null) return;
    const index = state.shown.findIndex((f) => f.id === id);
    if (index < 0) return;
    for (const mark of marksOf(index)) mark.classList.add("active");
    const item = document.querySelector(`.finding-list .item[data-index="${index}"]`);
    if (item) item.classList.add("active");
  }

  function selectFinding(index, fromList) {
    const f = state.shown[index];
    if (!f) return;
    setActive(f.id);
    if (fromList) scrollToOffset(f.start);
    const mark = marksOf(index)[0];
    openCard(f, mark ? mark.getBoundingClientRect() : null);
    if (!fromList) {
      const item = document.querySelector(`.finding-list .item[data-index="${index}"]`);
      if (item) item.scrollIntoView({ block: "nearest" });
    }
  }

  function idsAt(x, y) {
    const mark = document.elementsFromPoint(x, y).find((node) => node.matches && node.matches("mark.hl"));
    if (!mark) return [];
    return mark.dataset.ids.split(" ").map(Number)
      .filter((i) => state.shown[i])
      .sort((a, b) => (SEVERITY_RANK[state.shown[b].severity] - SEVERITY_RANK[state.shown[a].severity]));
  }

  function showTooltip(ids, x, y) {
    const rows = ids.slice(0, 4).map((i) => {
      const f = state.shown[i];
      return el("div", { className: "tip-row" },
        el("div", {}, el("span", { className: `dot ${catClass(f.category)}` }), " ",
          el("span", { className: "rule" }, `${f.category} · ${f.rule}`)),
        el("div", {}, f.message));
    });
    if (ids.length > 4) rows.push(el("div", { className: "tip-row" }, `and ${ids.length - 4} more`));
    rows.push(el("div", { className: "tip-row" }, "Click for details and fixes."));
    tooltip.replaceChildren(...rows);
    tooltip.hidden = false;
    const width = tooltip.offsetWidth;
    const height = tooltip.offsetHeight;
    const left = Math.min(x + 14, window.innerWidth - width - 8);
    const top = y + 18 + height > window.innerHeight ? y - height - 12 : y + 18;
    tooltip.style.left = `${Math.max(8, left)}px`;
    tooltip.style.top = `${Math.max(8, top)}px`;
  }

  function setHover(ids) {
    if (ids.join() === state.hoverIds.join()) return;
    for (const mark of highlights.querySelectorAll("mark.hover")) mark.classList.remove("hover");
    state.hoverIds = ids;
    for (const i of ids) for (const mark of marksOf(i)) mark.classList.add("hover");
  }

  function hideTooltip() {
    tooltip.hidden = true;
    setHover([]);
  }

  function openCard(f, anchor) {
    const rule = state.rules.get(f.rule);
    const docs = rule ? rule.docs : null;
    const close = el("button", { type: "button", className: "icon-button", "aria-label": "Close" }, "×");
    close.addEventListener("click", closeCard);
    const actions = [];
    if (f.fix) {
      const apply = el("button", { type: "button", className: "button primary", id: "card-apply" },
        f.fix.replacement ? `Apply fix: “${f.fix.replacement}”` : "Apply fix: delete");
      apply.addEventListener("click", () => applyFix(f));
      actions.push(apply);
    }
    const select = el("button", { type: "button", className: "button" }, "Select in text");
    select.addEventListener("click", () => { closeCard(); selectRange(f.start, f.end); });
    actions.push(select);
    card.className = `card ${catClass(f.category)}`;
    card.replaceChildren(...[
      el("div", { className: "card-head" },
        el("i", { className: "dot" }), f.category,
        el("span", { className: `sev ${f.severity}` }, f.severity),
        el("span", { className: "rule" }, f.rule),
        el("span", {}, `line ${where(f)}`),
        close),
      el("h2", { id: "card-title" }, f.message),
      f.suggestions && f.suggestions.length ? [
        el("h4", {}, f.suggestions.length === 1 ? "Suggestion" : "Suggestions"),
        el("ul", { className: "suggestions" }, f.suggestions.slice(0, 6).map((s) => el("li", {}, s))),
      ] : null,
      docs && docs.why ? [el("h4", {}, "Why it matters"), el("p", { className: "docs" }, docs.why)] : null,
      docs && docs.fix ? [el("h4", {}, "How to fix"), el("p", { className: "docs" }, docs.fix)] : null,
      el("div", { className: "card-actions" }, actions),
    ].flat().filter(Boolean));
    card.hidden = false;
    placeCard(anchor);
    hideTooltip();
  }

  function placeCard(anchor) {
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const box = anchor || draft.getBoundingClientRect();
    let left = Math.min(Math.max(12, box.left), window.innerWidth - width - 12);
    let top = anchor ? box.bottom + 8 : box.top + 40;
    if (top + height > window.innerHeight - 12) top = Math.max(12, (anchor ? box.top : window.innerHeight) - height - 8);
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  }

  function closeCard() {
    card.hidden = true;
    setActive(null);
  }

  /* ---------------------------------------------------------------- fixes and downloads */

  /** Replace the whole draft with `next`, as ONE undoable edit of the part that changed. */
  function replaceDraft(next) {
    const now = draft.value;
    if (next === now) return;
    const limit = Math.min(now.length, next.length);
    let prefix = 0;
    while (prefix < limit && now.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < limit - prefix
      && now.charCodeAt(now.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
    const inserted = next.slice(prefix, next.length - suffix);
    const scroll = draft.scrollTop;
    draft.focus({ preventScroll: true });
    draft.setSelectionRange(prefix, now.length - suffix);
    // execCommand keeps the browser's undo history (Ctrl+Z undoes a fix); setRangeText if not.
    let done = false;
    try {
      done = inserted ? document.execCommand("insertText", false, inserted)
        : document.execCommand("delete", false);
    } catch (error) {
      done = false;
    }
    if (!done || draft.value !== next) draft.value = next;
    draft.scrollTop = scroll;
    syncScroll();
  }

  async function currentResult() {
    if (!state.result || draft.value !== state.resultText) await lintNow();
    return state.result;
  }

  async function applyFix(f) {
    closeCard();
    let target = f;
    if (draft.value !== state.resultText) {
      // The draft changed since this finding was made: lint again, then find the same fix.
      await lintNow();
      target = (state.result ? state.result.findings : []).find((g) => g.rule === f.rule
        && g.start === f.start && g.end === f.end && g.fix) || null;
      if (!target) {
        showBanner("That fix no longer applies to the edited text; the findings are refreshed.", "info");
        return;
      }
    }
    try {
      const data = await api("/api/fix", requestBody({ findings: [target.id] }));
      if (!data.applied.includes(target.id)) {
        showBanner("That fix no longer applies; the findings are refreshed.", "info");
        await lintNow();
        return;
      }
      replaceDraft(data.text);
      await lintNow();
    } catch (error) {
      showBanner(`Could not apply the fix: ${error.message}`);
    }
  }

  async function fixAll() {
    try {
      const data = await api("/api/fix", requestBody());
      replaceDraft(data.text);
      await lintNow();
      const n = data.applied.length;
      showBanner(`Applied ${plural(n, "safe fix")}` + (data.skipped ? `; ${data.skipped} overlapping left for the next pass.` : "."), "info");
    } catch (error) {
      showBanner(`Could not apply the fixes: ${error.message}`);
    }
  }

  function download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = el("a", { href: url, download: name });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function baseName() {
    if (state.filename) return state.filename.replace(/\.[^.]*$/, "");
    return "draft";
  }

  function extension() {
    if (state.filename && /\.[^.]+$/.test(state.filename)) return state.filename.match(/\.[^.]+$/)[0];
    return { markdown: ".md", html: ".html", text: ".txt" }[$("format").value] || ".txt";
  }

  /** The report in the envelope of `factlint check --format json` (docs/output.md), with the
   * page's extras (ids, UTF-16 offsets, claims) added as the contract allows. */
  function buildReport(result) {
    const s = result.summary;
    const byCategory = {};
    for (const [category, n] of Object.entries(s.by_category)) if (n) byCategory[category] = n;
    const file = { path: result.path, format: result.format, findings: result.findings, claims: result.claims };
    if (result.problems.length) file.problems = result.problems;
    return {
      version: result.version,
      offsets: result.offsets,
      files: [file],
      summary: {
        files: 1,
        files_with_findings: result.findings.length ? 1 : 0,
        files_skipped: 0,
        findings: s.findings,
        by_severity: s.by_severity,
        by_category: byCategory,
        fixable: s.fixable,
        errors: result.problems,
      },
    };
  }

  async function downloadReport() {
    const result = await currentResult();
    if (!result) return;
    download(`${baseName()}.factlint.json`, `${JSON.stringify(buildReport(result), null, 2)}\n`,
      "application/json");
  }

  async function downloadFixed() {
    try {
      const data = await api("/api/fix", requestBody());
      download(`${baseName()}.fixed${extension()}`, data.text, "text/plain;charset=utf-8");
    } catch (error) {
      showBanner(`Could not build the fixed text: ${error.message}`);
    }
  }

  /* ---------------------------------------------------------------- files */

  function openFile(file) {
    if (!file) return;
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      state.filename = file.name;
      $("doc-name").textContent = file.name;
      const ext = (file.name.match(/\.([^.]+)$/) || [])[1];
      $("format").value = FORMAT_BY_EXTENSION[(ext || "").toLowerCase()] || "text";
      draft.value = String(reader.result);
      draft.scrollTop = 0;
      closeCard();
      hideBanner();
      lintNow();
    });
    reader.addEventListener("error", () => showBanner(`Could not read ${file.name}.`));
    reader.readAsText(file);
  }

  /* ---------------------------------------------------------------- events */

  function init() {
    draft.addEventListener("input", () => {
      closeCard();
      hideTooltip();
      if (state.result) state.shown = shift(state.result.findings, state.resultText, draft.value);
      renderHighlights();
      scheduleLint();
    });
    draft.addEventListener("scroll", () => {
      syncScroll();
      hideTooltip();
    });
    let pending = null;
    draft.addEventListener("mousemove", (event) => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = null;
        const ids = idsAt(event.clientX, event.clientY);
        setHover(ids);
        if (ids.length && card.hidden) showTooltip(ids, event.clientX, event.clientY);
        else tooltip.hidden = true;
      });
    });
    draft.addEventListener("mouseleave", hideTooltip);
    draft.addEventListener("click", (event) => {
      if (draft.selectionStart !== draft.selectionEnd) return; // selecting text, not a finding
      const ids = idsAt(event.clientX, event.clientY);
      if (ids.length) selectFinding(ids[0], false);
      else closeCard();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        closeCard();
        hideTooltip();
      }
    });
    document.addEventListener("mousedown", (event) => {
      if (card.hidden || card.contains(event.target) || event.target === draft) return;
      if (event.target.closest && event.target.closest(".finding-list")) return;
      closeCard();
    });
    window.addEventListener("resize", () => {
      syncScroll();
      if (!card.hidden) closeCard();
    });
    if (window.ResizeObserver) new ResizeObserver(syncScroll).observe(draft);

    $("format").addEventListener("change", lintNow);
    $("file-input").addEventListener("change", (event) => {
      openFile(event.target.files[0]);
      event.target.value = "";
    });
    $("fix-all").addEventListener("click", fixAll);
    $("download-report").addEventListener("click", downloadReport);
    $("download-text").addEventListener("click", downloadFixed);
    $("banner-close").addEventListener("click", hideBanner);
    $("severity-filter").addEventListener("change", (event) => {
      state.minSeverity = event.target.value;
      renderHighlights();
      renderFindings();
    });
    $("fixable-filter").addEventListener("change", (event) => {
      state.fixableOnly = event.target.checked;
      renderHighlights();
      renderFindings();
    });
    for (const tab of document.querySelectorAll('[role="tab"]')) {
      tab.addEventListener("click", () => {
        for (const other of document.querySelectorAll('[role="tab"]')) {
          const selected = other === tab;
          other.setAttribute("aria-selected", String(selected));
          $(other.getAttribute("aria-controls")).hidden = !selected;
        }
      });
    }
    renderLegend();
    renderAll();
    loadRules();
    if (draft.value.trim()) lintNow(); // a browser may restore the textarea on reload
  }

  init();
}());
