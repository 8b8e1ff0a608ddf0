// copylint editors' desk.
//
// All checking happens in Python behind /api/lint and /api/fix: this script only
// sends the draft, draws the findings it gets back, and puts fixed text in place.
// Positions come from the API as UTF-16 offsets (offset16/end_offset16), which is
// how JavaScript strings and the textarea count, so an emoji never shifts a mark.
"use strict";

(() => {
  const DEBOUNCE_MS = 250;
  const LEVELS = ["error", "warning", "suggestion"];
  const EXTENSION_FORMAT = { md: "markdown", markdown: "markdown", html: "html", htm: "html", txt: "text" };
  const FORMAT_EXTENSION = { text: "txt", markdown: "md", html: "html" };
  const STORE_KEY = "copylint-desk";

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const highlights = $("highlights");
  const backdrop = $("backdrop");
  const list = $("findings");
  const panel = list.parentElement;
  const tooltip = $("tooltip");
  const statusEl = $("status");
  const styleSelect = $("style");
  const formatSelect = $("format");

  const state = {
    findings: [],        // as sent by the API, offsets shifted locally while the user types
    text: "",            // the textarea value the findings are positioned for
    lintedText: null,    // the text the server last linted (ids are valid only for it)
    activeId: null,
    hidden: new Set(),   // levels switched off in the counts bar
    fileName: null,
    timer: 0,
    controller: null,
    seq: 0,
  };

  // ---------------------------------------------------------------- API ----
  async function post(path, payload, signal) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
        signal,
      });
    } catch (err) {
      if (err.name === "AbortError") throw err;
      throw new Error("cannot reach the copylint server (is `copylint serve` still running?)");
    }
    let data = null;
    try { data = await response.json(); } catch (_) { /* reported below */ }
    if (!response.ok) {
      const message = data && data.error ? data.error.message : `HTTP ${response.status}`;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function request(extra) {
    const body = { text: draft.value, format: formatSelect.value, style: styleSelect.value };
    // an opened file's name, so the desk's per-path-ignores apply to it as in `copylint check`
    if (state.fileName) body.path = state.fileName;
    return Object.assign(body, extra);
  }

  // --------------------------------------------------------------- lint ----
  function scheduleLint() {
    clearTimeout(state.timer);
    document.body.dataset.state = "pending";
    state.timer = setTimeout(lintNow, DEBOUNCE_MS);
  }

  async function lintNow() {
    clearTimeout(state.timer);
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const seq = ++state.seq;
    const text = draft.value;
    setStatus("busy", "Checking…");
    document.body.dataset.state = "busy";
    try {
      const data = await post("/api/lint", request({ text }), controller.signal);
      if (seq !== state.seq || draft.value !== text) return false; // a newer edit wins
      accept(text, data);
      return true;
    } catch (err) {
      if (err.name === "AbortError") return false;
      if (seq === state.seq) {
        setStatus("failed", err.message);
        document.body.dataset.state = "failed";
      }
      return false;
    } finally {
      if (state.controller === controller) state.controller = null;
    }
  }

  function accept(text, data) {
    state.text = text;
    state.lintedText = text;
    state.findings = data.findings;
    if (!state.findings.some((f) => f.id === state.activeId)) state.activeId = null;
    render();
    const n = data.total ?? data.findings.length;
    const listed = data.truncated ? ` (the first ${data.findings.length} listed)` : "";
    if (!text.trim()) setStatus("", "Paste or type a draft to check it.");
    else setStatus(n ? "problem" : "ok", n ? `${plural(n, "problem")} found${listed}` : "No problems found");
    document.body.dataset.state = "idle";
  }

  // Keep marks on the words they belong to while the user types, until the
  // next lint arrives: findings before the edit stay, findings after it move,
  // findings the edit touched are dropped.
  function onInput(event) {
    const before = state.text;
    const after = draft.value;
    const maxCommon = Math.min(before.length, after.length);
    let prefix = 0;
    while (prefix < maxCommon && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < maxCommon - prefix &&
           before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
    const oldEnd = before.length - suffix;
    const delta = after.length - before.length;
    state.findings = state.findings.flatMap((f) => {
      if (f.end_offset16 <= prefix && f.end_offset16 < oldEnd) return [f];
      if (f.offset16 >= oldEnd && f.offset16 > prefix) {
        return [Object.assign({}, f, { offset16: f.offset16 + delta, end_offset16: f.end_offset16 + delta })];
      }
      return [];
    });
    state.text = after;
    render();
    save();
    // A paste or a dropped text is a whole new draft: check it at once.
    if (event && /^insertFrom(Paste|Drop)$/.test(event.inputType || "")) lintNow();
    else scheduleLint();
  }

  // ------------------------------------------------------------- render ----
  function visible() {
    return state.findings.filter((f) => !state.hidden.has(f.level));
  }

  function render() {
    renderHighlights();
    renderList();
    renderCounts();
    renderWords();
  }

  function renderHighlights() {
    const text = state.text;
    const shown = visible().filter((f) => f.end_offset16 > f.offset16);
    const cuts = new Set([0, text.length]);
    for (const f of shown) { cuts.add(f.offset16); cuts.add(f.end_offset16); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = shown.filter((f) => f.offset16 <= a && f.end_offset16 >= b);
      if (!covering.length) { fragment.append(piece); continue; }
      const worst = covering.reduce((x, y) => (LEVELS.indexOf(y.level) < LEVELS.indexOf(x.level) ? y : x));
      const mark = document.createElement("mark");
      mark.className = `level-${worst.level}`;
      mark.dataset.ids = covering.map((f) => f.id).join(" ");
      if (covering.some((f) => f.id === state.activeId)) mark.classList.add("active");
      mark.textContent = piece;
      fragment.append(mark);
    }
    // A trailing newline needs something after it to take up its line.
    fragment.append("\u200b");
    highlights.replaceChildren(fragment);
    syncScroll();
  }

  function renderList() {
    const items = visible().map((f) => {
      const li = document.createElement("li");
      li.className = `finding level-${f.level}`;
      li.dataset.id = f.id;
      li.tabIndex = -1;
      li.setAttribute("aria-label", `${f.level} at line ${f.line}, column ${f.column}: ${f.message}`);
      if (f.id === state.activeId) li.classList.add("active");

      const head = el("div", "head");
      head.append(el("span", "lvl", f.level), el("span", "where", `line ${f.line}, col ${f.column}`),
                  el("code", "rule", f.rule));
      li.append(head, el("p", "msg", f.message));

      const change = el("div", "change");
      if (isUnsafe(f)) {
        li.classList.add("unsafe-fix");
        change.append(el("span", "unsafe-tag", "unsafe"));
      }
      if (f.fixable) {
        if (f.match) change.append(el("del", "", visibleSpaces(f.match)));
        if (f.fix) {
          if (f.match) change.append(el("span", "arrow", "→"));
          change.append(el("ins", "", visibleSpaces(f.fix)));
        } else {
          change.append(el("span", "arrow", "delete"));
        }
        const apply = el("button", "apply", "Apply");
        apply.type = "button";
        apply.tabIndex = -1;
        apply.title = isUnsafe(f) ? "Apply this unsafe fix: check the sentence first (Ctrl+.)"
                                  : "Apply this fix (Ctrl+.)";
        apply.dataset.action = "apply";
        change.append(apply);
      } else if (f.suggestion) {
        change.append(el("span", "arrow", "Suggestion:"), el("ins", "", visibleSpaces(f.suggestion)),
                      el("span", "manual", "edit by hand"));
      } else {
        change.append(el("span", "manual", "edit by hand"));
      }
      li.append(change);
      return li;
    });
    if (items.length && !items.some((li) => li.classList.contains("active"))) items[0].tabIndex = 0;
    for (const li of items) if (li.classList.contains("active")) li.tabIndex = 0;
    list.replaceChildren(...items);
    panel.classList.toggle("has-findings", items.length > 0);
  }

  function renderCounts() {
    const counts = { error: 0, warning: 0, suggestion: 0 };
    for (const f of state.findings) counts[f.level] += 1;
    for (const level of LEVELS) $(`n-${level}`).textContent = counts[level];
    const safe = state.findings.filter((f) => f.fixable && !isUnsafe(f)).length;
    const unsafe = state.findings.filter(isUnsafe).length;
    const withUnsafe = $("include-unsafe").checked;
    $("fixable").textContent = withUnsafe ? safe + unsafe : safe;
    $("unsafe-fixable").textContent = unsafe;
    $("fix-all").disabled = (withUnsafe ? safe + unsafe : safe) === 0;
    $("fix-all-label").textContent = withUnsafe ? "Apply all fixes" : "Apply all safe fixes";
  }

  // A fix that needs an editor's eye: applied one at a time, or by "apply
  // all" only when "include unsafe fixes" is ticked.
  function isUnsafe(f) {
    return f.fixable && f.fix_applicability === "unsafe";
  }

  function renderWords() {
    const words = (state.text.match(/\S+/g) || []).length;
    $("words").textContent = words ? plural(words, "word") : "";
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function visibleSpaces(text) {
    return text.replace(/^ | $/g, "\u2423").replace(/\n/g, "\u21b5");
  }

  function plural(n, word, many = `${word}s`) {
    return `${n} ${n === 1 ? word : many}`;
  }

  function setStatus(kind, text) {
    statusEl.className = kind;
    statusEl.textContent = text;
  }

  function syncScroll() {
    backdrop.scrollTop = draft.scrollTop;
    backdrop.scrollLeft = draft.scrollLeft;
  }

  // ---------------------------------------------------------- navigation ----
  function byId(id) {
    return state.findings.find((f) => f.id === id);
  }

  function setActive(id, { scrollList = true } = {}) {
    state.activeId = id;
    for (const mark of highlights.querySelectorAll("mark")) {
      mark.classList.toggle("active", id !== null && mark.dataset.ids.split(" ").includes(id));
    }
    for (const li of list.children) {
      const on = li.dataset.id === id;
      li.classList.toggle("active", on);
      li.tabIndex = on ? 0 : -1;
      if (on && scrollList) li.scrollIntoView({ block: "nearest" });
    }
    if (id !== null && !list.querySelector("li[tabindex='0']") && list.firstElementChild) {
      list.firstElementChild.tabIndex = 0;
    }
  }

  function markFor(id) {
    return [...highlights.querySelectorAll("mark")].find((m) => m.dataset.ids.split(" ").includes(id));
  }

  // Put the finding in view in the editor; select its span or just place the caret.
  function reveal(f, { select = true, focus = true } = {}) {
    setActive(f.id);
    if (focus) draft.focus({ preventScroll: true });
    if (select) draft.setSelectionRange(f.offset16, f.end_offset16);
    else draft.setSelectionRange(f.offset16, f.offset16);
    const mark = markFor(f.id);
    if (mark) {
      const top = mark.offsetTop;
      if (top < draft.scrollTop + 20 || top > draft.scrollTop + draft.clientHeight * 0.6) {
        draft.scrollTop = Math.max(0, top - draft.clientHeight / 3);
      }
      syncScroll();
      showTooltip(f, mark.getClientRects()[0] || mark.getBoundingClientRect());
    }
  }

  function findingsAt(position) {
    return visible().filter((f) => f.offset16 <= position && position <= f.end_offset16);
  }

  function step(direction) {
    const shown = visible();
    if (!shown.length) return;
    const caret = draft.selectionStart;
    const current = shown.findIndex((f) => f.id === state.activeId);
    let next;
    if (current >= 0 && findingsAt(caret).some((f) => f.id === state.activeId)) {
      next = (current + direction + shown.length) % shown.length;
    } else if (direction > 0) {
      next = shown.findIndex((f) => f.offset16 > caret);
      if (next < 0) next = 0;
    } else {
      next = shown.length - 1;
      for (let i = shown.length - 1; i >= 0; i--) if (shown[i].offset16 < caret) { next = i; break; }
    }
    reveal(shown[next], { select: false });
  }

  function onCaret() {
    if (document.activeElement !== draft) return;
    const here = findingsAt(draft.selectionStart);
    if (!here.length) {
      if (state.activeId !== null) setActive(null);
      hideTooltip();
      return;
    }
    const f = here.find((x) => x.id === state.activeId) || here[0];
    if (f.id !== state.activeId) setActive(f.id);
    const mark = markFor(f.id);
    if (mark) showTooltip(f, mark.getClientRects()[0] || mark.getBoundingClientRect());
  }

  // --------------------------------------------------------------- tooltip ----
  function showTooltip(f, rect) {
    const head = el("div");
    head.append(el("span", `lvl level-${f.level}`, f.level), el("code", "rule", f.rule));
    const parts = [head, el("p", "msg", f.message)];
    if (f.fixable) {
      const hint = el("p", "hint");
      const label = isUnsafe(f) ? "Unsafe fix (check it first): " : "Fix: ";
      if (f.fix) hint.append(label, el("ins", "", visibleSpaces(f.fix)), " · Ctrl+. applies it");
      else hint.append(label + "delete it · Ctrl+. applies it");
      parts.push(hint);
    } else if (f.suggestion) {
      const hint = el("p", "hint");
      hint.append("Suggestion: ", el("ins", "", visibleSpaces(f.suggestion)), " (edit by hand)");
      parts.push(hint);
    }
    tooltip.replaceChildren(...parts);
    tooltip.hidden = false;
    const width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    let left = Math.min(rect.left, window.innerWidth - width - 8);
    let top = rect.bottom + 6;
    if (top + height > window.innerHeight - 8) top = rect.top - height - 6;
    tooltip.style.left = `${Math.max(8, left)}px`;
    tooltip.style.top = `${Math.max(8, top)}px`;
    tooltip.dataset.id = f.id;
  }

  function hideTooltip() {
    tooltip.hidden = true;
    delete tooltip.dataset.id;
  }

  function onMouseMove(event) {
    const stack = document.elementsFromPoint(event.clientX, event.clientY);
    const mark = stack.find((node) => node.tagName === "MARK" && highlights.contains(node));
    if (!mark) {
      if (tooltip.dataset.hover) { hideTooltip(); delete tooltip.dataset.hover; }
      return;
    }
    const ids = mark.dataset.ids.split(" ");
    const f = byId(ids.includes(state.activeId) ? state.activeId : ids[0]);
    if (!f || tooltip.dataset.id === f.id) return;
    const rect = [...mark.getClientRects()].find((r) =>
      event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom);
    showTooltip(f, rect || mark.getBoundingClientRect());
    tooltip.dataset.hover = "1";
  }

  // --------------------------------------------------------------- fixing ----
  // Replace the textarea's text with `text` through the editing commands, so the
  // browser's own undo (Ctrl+Z) takes the fix back.
  function replaceText(text) {
    const old = draft.value;
    if (old === text) return;
    const max = Math.min(old.length, text.length);
    let prefix = 0;
    while (prefix < max && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    const insert = text.slice(prefix, text.length - suffix);
    draft.focus({ preventScroll: true });
    const scroll = draft.scrollTop;
    draft.setSelectionRange(prefix, old.length - suffix);
    let done = false;
    try {
      done = insert ? document.execCommand("insertText", false, insert) : document.execCommand("delete");
    } catch (_) { done = false; }
    if (!done || draft.value !== text) {
      draft.value = text;  // no undo, but never a wrong text
    }
    draft.setSelectionRange(prefix + insert.length, prefix + insert.length);
    draft.scrollTop = scroll;
    state.text = draft.value;
  }

  async function fresh() {
    if (draft.value === state.lintedText) return true;
    return lintNow();
  }

  async function applyFix(f) {
    if (!f || !f.fixable) return;
    hideTooltip();
    if (draft.value !== state.lintedText) {
      // The marks were shifted locally: find the same problem in a fresh lint.
      const want = { rule: f.rule, offset16: f.offset16, match: f.match };
      if (!(await fresh())) return;
      f = state.findings.find((g) => g.rule === want.rule && g.offset16 === want.offset16 && g.match === want.match);
      if (!f) { setStatus("problem", "That problem is gone; the list is up to date."); return; }
    }
    // the editor chose this fix: an unsafe one is applied on that say-so
    await runFix(isUnsafe(f) ? { ids: [f.id], unsafe: true } : { ids: [f.id] }, `Applied: ${f.rule}`);
  }

  async function applyAll() {
    if (!(await fresh())) return;
    const withUnsafe = $("include-unsafe").checked;
    if (!state.findings.some((f) => f.fixable && (withUnsafe || !isUnsafe(f)))) return;
    await runFix(withUnsafe ? { unsafe: true } : {}, null);
  }

  async function runFix(extra, message) {
    clearTimeout(state.timer);
    const sent = draft.value;
    setStatus("busy", "Applying…");
    document.body.dataset.state = "busy";
    try {
      const data = await post("/api/fix", request(Object.assign({ text: sent }, extra)));
      if (draft.value !== sent) { scheduleLint(); return; }  // the editor typed meanwhile
      replaceText(data.text);
      clearTimeout(state.timer);  // the server already linted the new text
      accept(data.text, data);
      save();
      const applied = data.applied.length;
      setStatus(data.findings.length ? "problem" : "ok",
        (message && applied === 1 ? message : `Applied ${plural(applied, "fix", "fixes")}`) +
        (data.findings.length ? ` · ${plural(data.findings.length, "problem")} left` : " · no problems left"));
      const next = visible()[0];
      if (next && document.activeElement !== draft) setActive(next.id);
    } catch (err) {
      if (err.status === 409) { await lintNow(); return; }
      setStatus("failed", err.message);
      document.body.dataset.state = "failed";
    }
  }

  // ------------------------------------------------------- files, clipboard ----
  function openText(text, name) {
    state.fileName = name || null;
    const ext = name ? name.split(".").pop().toLowerCase() : "";
    if (EXTENSION_FORMAT[ext]) formatSelect.value = EXTENSION_FORMAT[ext];
    replaceText(text.replace(/^\ufeff/, ""));
    draft.setSelectionRange(0, 0);
    draft.scrollTop = 0;
    state.text = draft.value;
    save();
    lintNow();
  }

  function readFile(file) {
    const reader = new FileReader();
    reader.onload = () => openText(String(reader.result), file.name);
    reader.onerror = () => setStatus("failed", `Could not read ${file.name}`);
    reader.readAsText(file, "utf-8");
  }

  async function copyText() {
    try {
      await navigator.clipboard.writeText(draft.value);
    } catch (_) {
      const start = draft.selectionStart, end = draft.selectionEnd;
      draft.select();
      document.execCommand("copy");
      draft.setSelectionRange(start, end);
    }
    setStatus("ok", "Copied the text to the clipboard");
  }

  function download() {
    const ext = FORMAT_EXTENSION[formatSelect.value] || "txt";
    const name = state.fileName || `draft.${ext}`;
    const blob = new Blob([draft.value], { type: "text/plain;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    setStatus("ok", `Downloaded ${name}`);
  }

  function save() {
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify({
        text: draft.value, format: formatSelect.value, style: styleSelect.value, fileName: state.fileName,
      }));
    } catch (_) { /* storage full or disabled: nothing to keep */ }
  }

  function restore() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
    } catch (_) {
      return null;
    }
  }

  // ------------------------------------------------------------------ wiring ----
  function onKeyDown(event) {
    if (event.key === "F8") {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === "." && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      const here = findingsAt(draft.selectionStart).filter((f) => f.fixable);
      const f = here.find((x) => x.id === state.activeId) || here[0] || byId(state.activeId);
      if (f && f.fixable) applyFix(f);
    } else if (event.key === "Escape") {
      hideTooltip();
    }
  }

  function onListKey(event) {
    const li = event.target.closest("li.finding");
    if (!li) return;
    const items = [...list.children];
    const index = items.indexOf(li);
    let target = null;
    if (event.key === "ArrowDown") target = items[Math.min(index + 1, items.length - 1)];
    else if (event.key === "ArrowUp") target = items[Math.max(index - 1, 0)];
    else if (event.key === "Home") target = items[0];
    else if (event.key === "End") target = items[items.length - 1];
    else if (event.key === "Enter") {
      event.preventDefault();
      reveal(byId(li.dataset.id));
      return;
    } else if (event.key === "a" || event.key === "Delete") {
      event.preventDefault();
      applyFix(byId(li.dataset.id)).then(() => { const first = list.querySelector("li[tabindex='0']"); if (first) first.focus(); });
      return;
    } else {
      return;
    }
    event.preventDefault();
    setActive(target.dataset.id);
    target.focus();
  }

  function onListClick(event) {
    const li = event.target.closest("li.finding");
    if (!li) return;
    const f = byId(li.dataset.id);
    if (event.target.closest("[data-action='apply']")) applyFix(f);
    else reveal(f);
  }

  async function loadStyles() {
    const response = await fetch("/api/rules");
    const data = await response.json();
    // the desk's own styles (its configuration or --style) first, then the built-in ones
    const groups = [["desk", "This desk"], ["builtin", "Built-in styles"]].map(([origin, label]) => {
      const group = el("optgroup");
      group.label = label;
      group.dataset.origin = origin;
      group.append(...data.styles.filter((s) => (s.origin || "builtin") === origin).map((s) => {
        const option = el("option", "", `${s.name} (${s.rules} rules)`);
        option.value = s.name;
        option.selected = s.default;
        return option;
      }));
      return group;
    }).filter((group) => group.children.length);
    styleSelect.replaceChildren(...groups);
  }

  async function start() {
    draft.addEventListener("input", onInput);
    draft.addEventListener("scroll", syncScroll);
    draft.addEventListener("mousemove", onMouseMove);
    draft.addEventListener("mouseleave", () => { if (tooltip.dataset.hover) hideTooltip(); });
    draft.addEventListener("keyup", onCaret);
    draft.addEventListener("click", onCaret);
    draft.addEventListener("blur", () => hideTooltip());
    document.addEventListener("keydown", onKeyDown);
    list.addEventListener("click", onListClick);
    list.addEventListener("keydown", onListKey);
    list.addEventListener("focusin", (event) => {
      const li = event.target.closest("li.finding");
      if (li) setActive(li.dataset.id, { scrollList: false });
    });
    $("fix-all").addEventListener("click", applyAll);
    $("include-unsafe").addEventListener("change", renderCounts);
    $("copy").addEventListener("click", copyText);
    $("download").addEventListener("click", download);
    $("file").addEventListener("change", (event) => {
      if (event.target.files[0]) readFile(event.target.files[0]);
      event.target.value = "";
    });
    for (const select of [styleSelect, formatSelect]) {
      select.addEventListener("change", () => { save(); lintNow(); });
    }
    for (const button of document.querySelectorAll(".count")) {
      button.addEventListener("click", () => {
        const level = button.dataset.level;
        if (state.hidden.has(level)) state.hidden.delete(level); else state.hidden.add(level);
        button.setAttribute("aria-pressed", String(!state.hidden.has(level)));
        render();
      });
    }
    const editor = $("editor");
    editor.addEventListener("dragover", (event) => { event.preventDefault(); $("drop-hint").hidden = false; });
    editor.addEventListener("dragleave", () => { $("drop-hint").hidden = true; });
    editor.addEventListener("drop", (event) => {
      $("drop-hint").hidden = true;
      const file = event.dataTransfer.files[0];
      if (file) { event.preventDefault(); readFile(file); }
    });
    window.addEventListener("resize", () => { hideTooltip(); syncScroll(); });

    try {
      await loadStyles();
    } catch (_) {
      setStatus("failed", "Cannot reach the copylint server (is `copylint serve` still running?)");
      document.body.dataset.state = "failed";
      return;
    }
    const saved = restore();
    if (saved) {
      if (saved.format) formatSelect.value = saved.format;
      if (saved.style && [...styleSelect.options].some((o) => o.value === saved.style)) styleSelect.value = saved.style;
      state.fileName = saved.fileName || null;
      if (saved.text) draft.value = saved.text;
    }
    state.text = draft.value;
    document.body.dataset.ready = "1";
    await lintNow();
    draft.focus();
  }

  start();
})();
