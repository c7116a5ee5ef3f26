/* "Notify me on this device": registers static/notify/sw.js, subscribes with the VAPID public
   key and sends the subscription to the API (or removes it). No inline script (strict CSP). */
(function () {
  "use strict";
  var button = document.getElementById("push-toggle");
  var status = document.getElementById("push-status");
  if (!button || !("serviceWorker" in navigator) || !("PushManager" in window)) { return; }

  function csrf() {
    var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function key(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    });
  }
  function show(sub) { button.textContent = sub ? button.dataset.off : button.dataset.on; button.hidden = false; }

  navigator.serviceWorker.register(button.dataset.worker).then(function (reg) {
    return reg.pushManager.getSubscription().then(function (sub) {
      show(sub);
      button.addEventListener("click", function () {
        reg.pushManager.getSubscription().then(function (current) {
          if (current) {
            return post(button.dataset.unsubscribe, { endpoint: current.endpoint })
              .then(function () { return current.unsubscribe(); })
              .then(function () { show(null); });
          }
          return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(button.dataset.key) })
            .then(function (created) {
              var json = created.toJSON();
              return post(button.dataset.subscribe, {
                endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth
              }).then(function () { show(created); });
            });
        }).catch(function () { status.textContent = ""; show(null); });
      });
    });
  }).catch(function () { button.hidden = true; });
})();
