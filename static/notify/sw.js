/* Tandem's service worker for web push (tandem.notify): shows the notification the server
   sent (title, body, url) and opens its page when it is tapped. */
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = { title: event.data ? event.data.text() : "" }; }
  event.waitUntil(self.registration.showNotification(data.title || "Tandem", {
    body: data.body || "",
    data: { url: data.url || "/" },
    lang: data.lang || undefined
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});
