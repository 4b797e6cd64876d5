/* Review queue: keyboard-driven accept / reject / correct over the JSON API.
   All document text is inserted with textContent, never innerHTML. */
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll("article.ind"));
  const form = document.getElementById("edit");
  const help = document.getElementById("help");
  const msg = document.getElementById("message");
  const FIELDS = ["value", "value_high", "unit", "subject", "period", "qualifier", "kind", "forecast"];
  let current = -1;

  function item(row) { return JSON.parse(row.dataset.item); }
  function say(text, isError) {
    msg.textContent = text;
    msg.classList.toggle("error", !!isError);
  }
  function fmt(v) {
    if (v === null || v === undefined) return "\u2014";
    if (v === true) return "yes";
    if (v === false) return "no";
    if (typeof v === "number") {
      return Math.abs(v) >= 1000 ? v.toLocaleString("en-US", {maximumFractionDigits: 10})
                                 : String(v);
    }
    return String(v);
  }

  function select(i) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (current >= 0 && rows[current]) rows[current].classList.remove("selected");
    current = i;
    const row = rows[current];
    row.classList.add("selected");
    row.focus({preventScroll: true});
    row.scrollIntoView({block: "nearest"});
  }

  async function api(url, body) {
    const res = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      const detail = data && data.detail ? (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)) : res.statusText;
      throw new Error(detail);
    }
    return data;
  }

  function applyDecision(row, dec) {
    const it = item(row);
    it.review = {status: dec.status, reviewer: dec.reviewer, reviewed_at: dec.reviewed_at,
                 note: dec.note, corrected_fields: dec.corrected_fields};
    FIELDS.forEach(function (f) {
      it.final[f] = dec.corrected_fields.includes(f) ? dec[f] : it[f];
      const cell = row.querySelector('[data-field="' + f + '"]');
      if (cell) {
        cell.querySelector("dd").textContent = fmt(it.final[f]);
        cell.classList.toggle("changed", dec.corrected_fields.includes(f));
      }
    });
    row.dataset.item = JSON.stringify(it);
    row.className = row.className.replace(/\bstatus-\w+/, "status-" + dec.status);
    const badge = row.querySelector(".badge.status");
    badge.textContent = dec.status;
    badge.className = "badge status " + dec.status;
  }

  async function refreshStats() {
    try {
      const res = await fetch("/api/stats", {credentials: "same-origin"});
      if (!res.ok) return;
      const st = await res.json();
      ["pending", "accepted", "corrected", "rejected", "orphaned"].forEach(function (k) {
        const el = document.getElementById("stat-" + k);
        if (el) el.textContent = st[k] + " " + k;
      });
    } catch (e) { /* the counts are a convenience; the decision is saved */ }
  }

  async function decide(row, body) {
    const id = row.dataset.id;
    try {
      const dec = await api("/api/indicators/" + encodeURIComponent(id) + "/review", body);
      applyDecision(row, dec);
      refreshStats();
      say(dec.status + ": " + item(row).text, false);
      return true;
    } catch (e) {
      say("Not saved: " + e.message, true);
      return false;
    }
  }

  async function quick(status) {
    if (current < 0) select(0);
    const row = rows[current];
    if (row && await decide(row, {status: status})) select(current + 1);
  }

  function openEdit() {
    if (current < 0) select(0);
    const row = rows[current];
    if (!row) return;
    const it = item(row);
    form.dataset.row = String(current);
    form.querySelector(".edit-text").textContent = it.text + " \u2014 " + (it.sentence || "");
    form.querySelector(".edit-error").textContent = "";
    FIELDS.forEach(function (f) {
      const v = it.final[f];
      form.elements[f].value = (v === null || v === undefined) ? "" : String(v);
    });
    form.elements.note.value = "";
    form.hidden = false;
    form.elements.value.focus();
    form.elements.value.select();
  }
  function closeEdit() {
    form.hidden = true;
    if (current >= 0) rows[current].focus({preventScroll: true});
  }

  function parseField(f, raw) {
    raw = raw.trim();
    if (f === "forecast") return raw === "true";
    if (raw === "") return null;
    if (f === "value" || f === "value_high") {
      const n = Number(raw.replace(/,/g, ""));
      return Number.isFinite(n) ? n : raw;  /* let the server explain what is wrong */
    }
    return raw;
  }

  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const row = rows[Number(form.dataset.row)];
    const it = item(row);
    const body = {status: "corrected"};
    FIELDS.forEach(function (f) {
      const v = parseField(f, form.elements[f].value);
      const old = it.final[f] === undefined ? null : it.final[f];
      if (v !== old) body[f] = v;
    });
    const note = form.elements.note.value.trim();
    if (note) body.note = note;
    if (Object.keys(body).length === 1 || (Object.keys(body).length === 2 && note)) {
      form.querySelector(".edit-error").textContent = "Nothing changed: use accept (a) if the extraction is right.";
      return;
    }
    try {
      const dec = await api("/api/indicators/" + encodeURIComponent(row.dataset.id) + "/review", body);
      applyDecision(row, dec);
      refreshStats();
      say("corrected: " + it.text, false);
      form.hidden = true;
      select(Number(form.dataset.row) + 1);
    } catch (e) {
      form.querySelector(".edit-error").textContent = e.message;
    }
  });
  form.querySelector('[data-action="cancel"]').addEventListener("click", closeEdit);

  rows.forEach(function (row, i) {
    row.addEventListener("click", function (ev) {
      select(i);
      const btn = ev.target.closest("button[data-action]");
      if (!btn) return;
      const a = btn.dataset.action;
      if (a === "accept") quick("accepted");
      else if (a === "reject") quick("rejected");
      else if (a === "edit") openEdit();
    });
  });

  const bulk = document.getElementById("bulk-accept");
  if (bulk) bulk.addEventListener("click", async function () {
    const n = Number(bulk.dataset.expected);
    if (!window.confirm("Accept all " + n + " pending indicators matching this view (all pages)?")) return;
    try {
      const res = await api("/api/bulk-accept", {filters: JSON.parse(bulk.dataset.filters), expected: n});
      say("accepted " + res.accepted + " indicators", false);
      window.location.reload();
    } catch (e) {
      say("Bulk accept refused: " + e.message, true);
    }
  });

  function go(id) { const a = document.getElementById(id); if (a) window.location.href = a.href; }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target.tagName || "").toLowerCase();
    const typing = tag === "input" || tag === "select" || tag === "textarea";
    if (!form.hidden) {
      if (ev.key === "Escape") { ev.preventDefault(); closeEdit(); }
      return;
    }
    if (typing) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    switch (ev.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": quick("accepted"); break;
      case "r": quick("rejected"); break;
      case "e": openEdit(); break;
      case "n": go("next-page"); break;
      case "p": go("prev-page"); break;
      case "/": document.getElementById("f-subject").focus(); break;
      case "?": help.hidden = !help.hidden; break;
      case "Escape": help.hidden = true; break;
      default: return;
    }
    ev.preventDefault();
  });

  if (rows.length) select(0);
})();
