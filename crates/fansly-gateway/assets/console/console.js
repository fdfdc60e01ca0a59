// fansly-gateway console: the only script. It fills the live event list (/console/live) from
// the gateway's server-sent events; every other page works without JavaScript.
"use strict";
(function () {
  var list = document.getElementById("live-events");
  if (!list || !window.EventSource) { return; }
  var state = document.getElementById("live-state");
  var source = new EventSource(list.getAttribute("data-stream"));
  source.onopen = function () { if (state) { state.textContent = "Connected: new events appear below."; } };
  source.onerror = function () { if (state) { state.textContent = "Disconnected; retrying…"; } };
  source.addEventListener("event", function (e) {
    var ev = JSON.parse(e.data);
    var li = document.createElement("li");
    li.className = "live-event";
    var name = document.createElement("strong");
    name.textContent = ev.event;
    var meta = document.createElement("span");
    meta.className = "hint";
    meta.textContent = " " + ev.occurredAt + " · " + ev.accountId + " · " + ev.id;
    var body = document.createElement("pre");
    body.className = "mono";
    body.textContent = ev.body;
    li.appendChild(name);
    li.appendChild(meta);
    li.appendChild(body);
    list.insertBefore(li, list.firstChild);
  });
})();
