// Actors living world: vanilla JS over the web app's JSON and server-sent events. Everything shown comes from
// the grains; text is always set with textContent (synthetic names are data, never markup).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { view: "messenger", user: null, conversation: null, bank: null, inbox: null, messages: [], bankView: null, account: null, world: null };

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

// ---------- views ----------
function show(view) {
  state.view = view;
  for (const tab of document.querySelectorAll(".tab")) tab.setAttribute("aria-pressed", String(tab.dataset.view === view));
  for (const name of ["messenger", "bank", "world"]) $(`view-${name}`).hidden = name !== view;
  // The bank side follows the conversation in focus: after "Not me" at a bank, its books are what the room wants to see.
  if (view === "bank" && state.bank && state.bankView !== state.bank) Object.assign(state, { bankView: state.bank, account: null });
  if (view === "bank") { $("account-panel").hidden = state.account === null; loadBanks(); }
  if (view === "messenger") loadPeople();
}
for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => show(tab.dataset.view));

// ---------- Messenger ----------
let searchTimer = null;
$("people-search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadPeople, 200); });

async function loadPeople() {
  const q = $("people-search").value.trim();
  const people = await api("GET", `/api/users${q ? `?q=${encodeURIComponent(q)}` : ""}`);
  const list = $("people-list");
  list.replaceChildren(...people.map((p) => el("li", {},
    el("button", { type: "button", class: "person", "data-user": p.userId, "aria-current": String(state.user === p.userId), onclick: () => openUser(p.userId) },
      el("span", { class: "avatar", "aria-hidden": "true", text: p.initials }),
      el("span", { class: "who" }, el("span", { class: "name", text: p.name }), el("span", { class: "meta", text: `${p.country} · ${p.banks.join(", ")}` }))))));
  const target = $("inject-target");
  const chosen = target.value;
  target.replaceChildren(el("option", { value: "", text: "a random person" }),
    ...people.slice(0, 300).map((p) => el("option", { value: p.userId, text: p.name })));
  target.value = people.some((p) => p.userId === chosen) ? chosen : (state.user && people.some((p) => p.userId === state.user) ? state.user : "");
  if (state.user && !people.some((p) => p.userId === state.user) && !q) closeUser();
}

function closeUser() {
  if (state.inbox) state.inbox.close();
  Object.assign(state, { user: null, conversation: null, inbox: null, messages: [] });
  $("chat").hidden = true; $("details").hidden = true; $("chat-empty").hidden = false;
}

async function openUser(userId) {
  if (state.inbox) state.inbox.close();
  Object.assign(state, { user: userId, messages: [], bank: null });
  for (const b of document.querySelectorAll(".person")) b.setAttribute("aria-current", String(b.dataset.user === userId));
  $("inject-target").value = userId;
  await refreshConversation();
  $("chat-empty").hidden = true; $("chat").hidden = false; $("details").hidden = false;
  const inbox = new EventSource(`/api/users/${encodeURIComponent(userId)}/events`);
  inbox.addEventListener("message", (e) => {
    const m = JSON.parse(e.data);
    if (state.messages.some((x) => x.key === m.key)) return;
    state.messages.push(m);
    if (m.kind === "FraudAlert") refreshConversation(); else renderMessages();
  });
  inbox.onerror = () => { if (inbox.readyState === EventSource.CLOSED) inbox.close(); };
  state.inbox = inbox;
}

async function refreshConversation() {
  const userId = state.user;
  try {
    const c = await api("GET", `/api/users/${encodeURIComponent(userId)}`);
    if (state.user !== userId) return;
    state.conversation = c;
    if (!state.bank || !c.banks.some((b) => b.bank === state.bank)) state.bank = c.banks[0]?.bank ?? null;
    renderConversation();
  } catch (e) {
    $("chat-error").textContent = e.message;
  }
}

function thread() { return state.conversation?.banks.find((b) => b.bank === state.bank); }

function renderConversation() {
  const c = state.conversation;
  $("chat-avatar").textContent = c.initials;
  $("chat-title").textContent = c.name;
  $("chat-sub").textContent = `${c.country} · Messenger ${c.messengerId} · ${c.userId}`;
  $("bank-tabs").replaceChildren(...c.banks.map((b) => el("button", {
    type: "button", "aria-pressed": String(b.bank === state.bank), text: b.bank,
    onclick: () => { state.bank = b.bank; $("chat-error").textContent = ""; renderConversation(); },
  })));
  const t = thread();
  $("pay-currency").textContent = t?.accounts[0]?.balance.split(" ")[1] ?? "";
  $("consent-bank").textContent = state.bank ?? "";
  $("accounts").replaceChildren(...(t?.accounts ?? []).map((a) => el("li", { "data-account": a.accountId },
    el("div", {}, el("strong", { text: a.accountId }), " ", el("span", { class: `badge ${a.status}`, text: a.status })),
    el("div", { class: "muted", text: a.frozenReason ? `Frozen: ${a.frozenReason}` : `${a.postings} postings${a.openAlerts ? ` · ${a.openAlerts} open alert(s)` : ""}` }))));
  $("consents").replaceChildren(...(t?.consents ?? []).map(consentRow));
  $("export-link").href = `/api/users/${encodeURIComponent(c.userId)}/export`;
  $("export-link").setAttribute("download", `${c.userId}.json`);
  renderMessages();
}

function consentRow(consent) {
  const id = `exp-${consent.purpose}`;
  const expiry = el("input", { id, inputmode: "numeric", placeholder: "never", "aria-label": `${consent.label}: expires in minutes (empty for never)` });
  const status = consent.status + (consent.expiresAt ? ` until ${time(consent.expiresAt)}` : "");
  // Purpose and status share a cell, so the controls keep one line in the narrow column of a 1280-pixel screen.
  return el("tr", { "data-purpose": consent.purpose },
    el("th", { scope: "row" }, el("span", { class: "purpose", text: consent.label }), el("span", { class: `badge ${consent.status}`, text: status })),
    el("td", {}, el("div", { class: "change" },
      expiry,
      el("button", { type: "button", text: "Grant", "aria-label": `Grant ${consent.label}`, onclick: () => changeConsent(consent.purpose, "grant", expiry.value) }),
      el("button", { type: "button", text: "Revoke", "aria-label": `Revoke ${consent.label}`, disabled: !consent.active, onclick: () => changeConsent(consent.purpose, "revoke", "") }))));
}

async function changeConsent(purpose, action, expiresInMinutes) {
  $("consent-error").textContent = "";
  try {
    await api("POST", `/api/users/${encodeURIComponent(state.user)}/consents`, { bank: state.bank, purpose, action, expiresInMinutes });
    await refreshConversation();
    $("chat-status").textContent = `${action === "grant" ? "Granted" : "Revoked"} ${purpose} for ${state.bank}.`;
  } catch (e) {
    $("consent-error").textContent = e.message;
  }
}

function renderMessages() {
  const t = thread();
  const list = $("messages");
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 30;
  const alerts = new Map((t?.alerts ?? []).map((a) => [`${a.accountId}|${a.transactionId}`, a]));
  const items = state.messages.filter((m) => m.bank === state.bank).map((m) => {
    const bubble = el("li", { class: `bubble ${m.kind}${m.local ? " " + m.local : ""}`, "data-kind": m.kind, "data-tx": m.transactionId ?? "" },
      el("span", { class: "time", text: `${m.me ? "You" : m.bank} · ${time(m.at)}` }), el("span", { class: "text", text: m.text }));
    if (m.kind === "FraudAlert") {
      const alert = alerts.get(`${m.accountId}|${m.transactionId}`);
      if (alert && !alert.open) bubble.append(el("div", { class: "resolved", text: alert.status === "Confirmed fraud" ? "You said: not me. The account is frozen." : "You said: it was me. Alert cleared." }));
      else bubble.append(el("div", { class: "actions" },
        el("button", { type: "button", class: "primary", text: "It was me", onclick: () => resolve(m, "ItWasMe") }),
        el("button", { type: "button", class: "danger", text: "Not me", onclick: () => resolve(m, "NotMe") })));
    }
    return bubble;
  });
  list.replaceChildren(...items);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function resolve(message, feedback) {
  $("chat-error").textContent = "";
  try {
    const account = await api("POST", `/api/accounts/${encodeURIComponent(message.accountId)}/alerts/${encodeURIComponent(message.transactionId)}/resolve`, { feedback });
    $("chat-status").textContent = account.status === "Frozen" ? `${account.accountId} is now frozen.` : `Alert on ${account.accountId} cleared.`;
    await refreshConversation();
    // The pressed button is gone with the answer: keep keyboard focus on the alert it answered, not on the page.
    const answered = [...document.querySelectorAll("#messages .bubble.FraudAlert")].find((b) => b.dataset.tx === message.transactionId);
    if (answered) { answered.tabIndex = -1; answered.focus(); }
  } catch (e) {
    $("chat-error").textContent = e.message;
  }
}

function localBubble(text, cls, me) {
  state.messages.push({ key: `local-${Date.now()}-${Math.random()}`, at: new Date().toISOString(), kind: "Local", bank: state.bank, text, local: cls, me });
  renderMessages();
}

$("ask-balance").addEventListener("click", async () => {
  $("chat-error").textContent = "";
  localBubble("What is my balance?", "me", true);
  try {
    const answer = await api("POST", `/api/users/${encodeURIComponent(state.user)}/balance`, { bank: state.bank });
    localBubble(answer.text, answer.ok ? "balance" : "denied", false);
  } catch (e) {
    $("chat-error").textContent = e.message;
  }
});

$("pay-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("chat-error").textContent = "";
  const account = thread()?.accounts[0];
  if (!account) return;
  try {
    const result = await api("POST", `/api/accounts/${encodeURIComponent(account.accountId)}/pay`, { amount: $("pay-amount").value });
    $("chat-status").textContent = `Payment ${result.transactionId}: ${result.approved ? "approved" : "declined"}.`;
    $("pay-amount").value = "";
  } catch (e) {
    $("chat-error").textContent = e.message;
  }
});

$("erase").addEventListener("click", () => {
  $("erase-question").textContent = `Erase ${state.conversation.name}? Their Messenger data, consents and links are removed for good.`;
  $("erase-confirm").hidden = false;
  $("erase-yes").focus();
});
$("erase-no").addEventListener("click", () => { $("erase-confirm").hidden = true; $("erase").focus(); });
$("erase-confirm").addEventListener("keydown", (e) => { if (e.key === "Escape") $("erase-no").click(); });
$("erase-yes").addEventListener("click", async () => {
  const name = state.conversation.name;
  try {
    await api("POST", `/api/users/${encodeURIComponent(state.user)}/erase`);
    $("erase-confirm").hidden = true;
    closeUser();
    await loadPeople();
    $("chat-empty").textContent = `${name} was erased. Nothing about them is shown anywhere any more.`;
  } catch (e) {
    $("consent-error").textContent = e.message;
  }
});

// ---------- Bank ----------
async function loadBanks() {
  const banks = await api("GET", "/api/banks");
  if (!state.bankView || !banks.some((b) => b.bank === state.bankView)) state.bankView = banks[0]?.bank ?? null;
  $("bank-pick").replaceChildren(...banks.map((b) => el("button", {
    type: "button", "aria-pressed": String(b.bank === state.bankView), text: `${b.bank} (${b.accounts})`,
    onclick: () => { state.bankView = b.bank; state.account = null; $("account-panel").hidden = true; loadBanks(); },
  })));
  await loadAccounts();
}

async function loadAccounts() {
  if (!state.bankView) return;
  const accounts = await api("GET", `/api/banks/${encodeURIComponent(state.bankView)}/accounts`);
  $("bank-title").textContent = `Accounts at ${state.bankView}`;
  $("bank-accounts").replaceChildren(...accounts.map((a) => el("tr", { class: a.accountId === state.account ? "selected" : "", "data-account": a.accountId },
    el("td", { text: a.accountId }), el("td", { text: a.ownerName }),
    el("td", {}, el("span", { class: `badge ${a.status}`, text: a.status })),
    el("td", { class: "num", text: a.balance }),
    el("td", { class: "num" }, a.openAlerts ? el("span", { class: "badge alert", text: String(a.openAlerts) }) : "0"),
    el("td", {}, el("button", { type: "button", text: "Details", "aria-label": `Details of ${a.accountId}`, onclick: () => openAccount(a.accountId, { focus: true }) })))));
}

async function openAccount(accountId, { focus = false } = {}) {
  state.account = accountId;
  const d = await api("GET", `/api/accounts/${encodeURIComponent(accountId)}`);
  const a = d.account;
  $("account-panel").hidden = false;
  $("account-title").textContent = `${a.accountId} · ${a.ownerName}`;
  $("account-status").replaceChildren(el("span", { class: `badge ${a.status}`, text: a.status }), ` ${a.balance}`, a.frozenReason ? ` · frozen: ${a.frozenReason}` : "");
  $("unfreeze").hidden = a.status !== "Frozen";
  $("account-alerts").replaceChildren(...(d.alerts.length ? d.alerts.map((x) => el("li", {
    text: `${time(x.at)} · ${x.amount} at ${x.merchant} (${x.country}) · score ${x.score} · ${x.rules} · ${x.status}`,
  })) : [el("li", { class: "muted", text: "No alerts." })]));
  $("account-history").replaceChildren(...d.history.map((h) => el("tr", {},
    el("td", { text: time(h.at) }), el("td", { text: h.kind }), el("td", { text: h.outcome }), el("td", { class: "num", text: h.amount }), el("td", { class: "num", text: h.balanceAfter }))));
  const audit = await api("GET", `/api/users/${encodeURIComponent(a.owner)}/audit`);
  $("audit-title").textContent = `Audit trail of ${a.ownerName}`;
  $("audit").replaceChildren(...audit.slice(0, 40).map((x) => el("tr", { class: x.outcome === "Denied" ? "denied" : "" },
    el("td", { text: time(x.at) }), el("td", { text: x.actor }), el("td", { text: x.action }),
    el("td", { text: [x.bank, x.purpose].filter(Boolean).join(" / ") }), el("td", { text: x.outcome }), el("td", { class: "num", text: String(x.occurrences) }))));
  await loadAccounts();
  // Below 1400 pixels the panel sits under the accounts table: bring it (and the keyboard focus) to it.
  if (focus) { $("account-title").focus({ preventScroll: true }); $("account-panel").scrollIntoView({ block: "start" }); }
}

$("unfreeze").addEventListener("click", async () => {
  await api("POST", `/api/accounts/${encodeURIComponent(state.account)}/unfreeze`);
  await openAccount(state.account);
});

// ---------- World ----------
$("rate-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("rate-error").textContent = "";
  try {
    const view = await api("POST", "/api/world/rate", { rate: $("rate-input").value });
    renderWorld(view);
  } catch (e) {
    $("rate-error").textContent = e.message;
  }
});

for (const button of document.querySelectorAll(".inject-btn")) {
  button.addEventListener("click", async () => {
    $("inject-error").textContent = "";
    button.disabled = true;
    try {
      const r = await api("POST", "/api/world/inject", { pattern: button.dataset.pattern, userId: $("inject-target").value || null });
      const verdict = r.declined ? "detected: declined" : r.alerted ? "detected: alert raised" : "not detected";
      $("inject-log").prepend(el("li", { text: `${time(new Date().toISOString())} ${r.pattern} on ${r.accountId} (${r.userId}): ${verdict}. ${r.decisions.join("; ")}` }));
      if (state.user === r.userId) refreshConversation();
    } catch (e) {
      $("inject-error").textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
}

function renderWorld(view) {
  state.world = view;
  const s = view.series;
  const last = s.points.slice(-5);
  const perSecond = last.reduce((n, p) => n + p.authorizations, 0) / Math.max(1, last.length);
  $("rate-now").textContent = String(view.rate);
  if (document.activeElement !== $("rate-input") && $("rate-input").value === "") $("rate-input").placeholder = String(view.rate);
  $("live-summary").textContent = `${view.users} people · ${perSecond.toFixed(1)} auth/s · ${s.alerts} alerts`;
  const declines = Object.values(s.declines).reduce((a, b) => a + b, 0);
  $("totals").replaceChildren(...[["Authorizations", s.authorizations], ["Declines", declines], ["Fraud alerts", s.alerts], ["Consent denials", s.consentDenials]]
    .map(([label, value]) => el("div", { class: "total" }, el("span", { class: "muted", text: label }), el("strong", { text: String(value) }))));
  if (state.view !== "world") return;
  lineChart($("chart-auth"), s.points.map((p) => p.authorizations));
  lineChart($("chart-alerts"), s.points.map((p) => p.alerts));
  lineChart($("chart-denials"), s.points.map((p) => p.consentDenials));
  lineChart($("chart-latency"), s.points.map((p) => p.latencyMs));
  declineChart($("chart-declines"), s.points);
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) { const n = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; }
const W = 600, H = 160, PAD = 28;

function frame(node, max) {
  node.setAttribute("viewBox", `0 0 ${W} ${H}`);
  node.setAttribute("preserveAspectRatio", "none");
  node.replaceChildren(svg("line", { class: "axis", x1: PAD, y1: H - 16, x2: W, y2: H - 16 }), svg("line", { class: "axis", x1: PAD, y1: 6, x2: PAD, y2: H - 16 }));
  const top = svg("text", { x: 2, y: 14 }); top.textContent = String(Math.round(max * 10) / 10); node.append(top);
  const zero = svg("text", { x: 2, y: H - 18 }); zero.textContent = "0"; node.append(zero);
  const left = svg("text", { x: PAD + 2, y: H - 2 }); left.textContent = "−60 s"; node.append(left);
  const right = svg("text", { x: W - 30, y: H - 2 }); right.textContent = "now"; node.append(right);
}

function lineChart(node, values) {
  const max = Math.max(1, ...values.filter((v) => v !== null));
  frame(node, max);
  const x = (i) => PAD + (i * (W - PAD)) / Math.max(1, values.length - 1);
  const y = (v) => H - 16 - (v / max) * (H - 26);
  let path = "";
  values.forEach((v, i) => { if (v === null) return; path += `${path ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`; });
  if (!path) return;
  node.append(svg("path", { class: "line", d: path }));
}

const COLORS = { insufficient_funds: "#ffb547", fraud_suspected: "#ff5f6d", account_frozen: "#b78cff", account_closed: "#8899aa", invalid: "#4aa3ff", unspecified: "#cccccc" };
function declineChart(node, points) {
  const totals = points.map((p) => Object.values(p.declines).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  frame(node, max);
  const bw = (W - PAD) / points.length;
  const reasons = new Set();
  points.forEach((p, i) => {
    let base = H - 16;
    for (const [reason, n] of Object.entries(p.declines)) {
      reasons.add(reason);
      const h = (n / max) * (H - 26);
      base -= h;
      node.append(svg("rect", { x: (PAD + i * bw + 1).toFixed(1), y: base.toFixed(1), width: Math.max(1, bw - 2).toFixed(1), height: h.toFixed(1), fill: COLORS[reason] ?? "#ccc" }));
    }
  });
  const all = Object.keys(state.world.series.declines);
  $("decline-legend").replaceChildren(...(all.length ? all : ["none yet"]).map((r) => el("li", {}, el("span", { style: `background:${COLORS[r] ?? "#555"}` }), `${r.replaceAll("_", " ")}${state.world.series.declines[r] !== undefined ? `: ${state.world.series.declines[r]}` : ""}`)));
}

const worldEvents = new EventSource("/api/world/events");
worldEvents.addEventListener("world", (e) => renderWorld(JSON.parse(e.data)));

show("messenger");
