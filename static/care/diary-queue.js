// The staff diary keeps working when the room's Wi-Fi drops. Forms marked data-diary-queue
// carry a client-made idempotency key (crypto.randomUUID); when a post cannot reach the
// server it is kept in localStorage and sent again when the browser is back online or the
// page next loads. The server records each key once, so a post sent twice is recorded once.
// Without JavaScript the forms post normally. No inline script: the CSP stays strict.
(function () {
  "use strict";
  const STORE = "tandem.care.queue";

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Older browsers: a random version-4 UUID from getRandomValues.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function load() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || "[]");
    } catch (e) {
      return [];
    }
  }

  function save(items) {
    localStorage.setItem(STORE, JSON.stringify(items));
    showStatus();
  }

  function showStatus() {
    const n = load().length;
    document.querySelectorAll("[data-diary-queue-status]").forEach((el) => {
      const text = n === 1 ? el.dataset.one : (el.dataset.many || "").replace("{n}", String(n));
      el.textContent = n ? text : "";
      el.hidden = n === 0;
    });
  }

  function enqueue(url, params) {
    const items = load();
    if (!items.some((i) => i.key === params.idempotency_key)) {
      items.push({ url, key: params.idempotency_key, params, queuedAt: new Date().toISOString() });
    }
    save(items);
  }

  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    let sent = 0;
    try {
      for (const item of load()) {
        let response;
        try {
          response = await fetch(item.url, {
            method: "POST",
            body: toSearch(item.params),
            credentials: "same-origin",
            headers: { "X-Diary-Queue": "1" },
          });
        } catch (e) {
          break; // still offline: keep this one and the rest, in order
        }
        // Recorded, already recorded, or refused for good: either way it leaves the queue.
        save(load().filter((i) => i.key !== item.key));
        if (response.ok) sent += 1;
      }
    } finally {
      flushing = false;
    }
    if (sent) refresh();
  }

  function refresh() {
    const target = document.querySelector("[data-diary-refresh]");
    if (target && window.htmx) {
      window.htmx.ajax("GET", target.dataset.diaryRefresh, { target, swap: "innerHTML" });
    }
  }

  function paramsOf(form, submitter) {
    const params = {};
    new FormData(form, submitter).forEach((value, name) => {
      if (name in params) {
        params[name] = [].concat(params[name], value);
      } else {
        params[name] = value;
      }
    });
    return params;
  }

  function toSearch(params) {
    const search = new URLSearchParams();
    Object.entries(params).forEach(([name, value]) => {
      [].concat(value).forEach((v) => search.append(name, v));
    });
    return search;
  }

  // Full forms (an entry for several children): sent with fetch, queued when offline.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.dataset.diaryQueue === undefined || form.hasAttribute("hx-post")) {
      return;
    }
    event.preventDefault();
    const keyInput = form.querySelector("input[name=idempotency_key]");
    if (keyInput && !keyInput.value) keyInput.value = newKey();
    const params = paramsOf(form, event.submitter);
    const url = form.action;
    let response;
    try {
      response = await fetch(url, { method: "POST", body: toSearch(params), credentials: "same-origin" });
    } catch (e) {
      enqueue(url, params);
      if (keyInput) keyInput.value = newKey(); // the next entry is a new one
      form.dataset.diaryQueued = "yes";
      return;
    }
    if (response.ok && response.redirected) {
      window.location.assign(response.url);
    } else {
      form.submit(); // show the server's answer (e.g. a message about the time) the normal way
    }
  });

  // One-tap forms posted by htmx: give each post a key and the time of the tap, and keep it
  // if it cannot be sent.
  document.addEventListener("htmx:configRequest", (event) => {
    const el = event.detail.elt;
    const form = el && el.closest ? el.closest("form[data-diary-queue]") : null;
    if (!form) return;
    const params = event.detail.formData || event.detail.parameters;
    const key = newKey();
    if (params instanceof FormData) {
      params.set("idempotency_key", key);
      params.set("at", new Date().toISOString());
    } else {
      params.idempotency_key = key;
      params.at = new Date().toISOString();
    }
  });

  document.addEventListener("htmx:sendError", (event) => {
    const el = event.detail.elt;
    const form = el && el.closest ? el.closest("form[data-diary-queue]") : null;
    if (!form) return;
    const config = event.detail.requestConfig || {};
    const raw = config.formData || config.parameters || {};
    const params = {};
    if (raw instanceof FormData) {
      raw.forEach((v, k) => { params[k] = v; });
    } else {
      Object.assign(params, raw);
    }
    if (!params.csrfmiddlewaretoken) {
      const token = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) params.csrfmiddlewaretoken = token.value;
    }
    enqueue(config.path || form.action, params);
  });

  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-diary-queue] input[name=idempotency_key]").forEach((input) => {
      input.value = newKey();
    });
    showStatus();
    if (navigator.onLine) flush();
  });
  window.tandemDiaryQueue = { flush, load, size: () => load().length };
})();
