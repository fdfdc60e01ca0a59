// Renders the gateway's OpenAPI document (fetched from ./openapi.json) as a searchable
// reference. Built into the binary; loads nothing from any other origin.
(function () {
  "use strict";
  var METHODS = ["get", "post", "put", "patch", "delete"];
  var doc = null;

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // Inline markdown: `code` and **bold** only.
  function md(s) {
    return esc(s).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");
  }
  function resolve(node) {
    var seen = 0;
    while (node && node.$ref && seen++ < 20) {
      var parts = node.$ref.replace(/^#\//, "").split("/");
      var cur = doc;
      for (var i = 0; i < parts.length && cur; i++) cur = cur[parts[i].replace(/~1/g, "/").replace(/~0/g, "~")];
      node = cur;
    }
    return node || {};
  }
  function refName(node) {
    return node && node.$ref ? node.$ref.split("/").pop() : null;
  }
  function typeLabel(s) {
    var name = refName(s);
    if (name) return name;
    s = s || {};
    var alts = s.anyOf || s.oneOf;
    if (alts) return alts.map(typeLabel).join(" | ");
    if (s.allOf) return s.allOf.map(typeLabel).join(" & ");
    var t = Array.isArray(s.type) ? s.type.join(" | ") : s.type || "any";
    if (t === "array") return "[" + typeLabel(s.items || {}) + "]";
    if (s.enum) return t + " (" + s.enum.join(", ") + ")";
    if (s.pattern) return t + " /" + s.pattern + "/";
    return t;
  }
  // A schema as a nested list of its properties (refs expanded up to a depth).
  function schemaHtml(s, depth, trail) {
    if (depth > 5) return "";
    var name = refName(s);
    if (name && trail.indexOf(name) >= 0) return "";
    var next = name ? trail.concat([name]) : trail;
    var r = resolve(s);
    var out = "";
    if (r.allOf) r.allOf.forEach(function (p) { out += schemaHtml(p, depth + 1, next); });
    var alts = r.anyOf || r.oneOf;
    if (alts) {
      out += '<ul class="schema">' + alts.map(function (p, i) {
        return "<li><span class=\"badge\">option " + (i + 1) + "</span> <span class=\"ty\">" + esc(typeLabel(p)) +
          "</span>" + schemaHtml(p, depth + 1, next) + "</li>";
      }).join("") + "</ul>";
    }
    var props = r.properties;
    if (r.type === "array" && r.items) return out + schemaHtml(r.items, depth + 1, next);
    if (props) {
      var req = r.required || [];
      out += '<ul class="schema">';
      Object.keys(props).forEach(function (k) {
        var p = props[k];
        var rp = resolve(p);
        out += "<li><code>" + esc(k) + "</code>" + (req.indexOf(k) >= 0 ? ' <span class="req">*</span>' : "") +
          ' <span class="ty">' + esc(typeLabel(p)) + "</span>" +
          (rp.description || p.description ? ' <span class="muted">— ' + md(p.description || rp.description) + "</span>" : "") +
          schemaHtml(p, depth + 1, next) + "</li>";
      });
      out += "</ul>";
    }
    return out;
  }
  function paramsHtml(params) {
    if (!params || !params.length) return "";
    var rows = params.map(function (p) {
      p = resolve(p);
      return "<tr><td><code>" + esc(p.name) + "</code>" + (p.required ? ' <span class="req">*</span>' : "") +
        "</td><td>" + esc(p.in) + '</td><td class="ty">' + esc(typeLabel(p.schema || {})) + "</td><td>" + md(p.description) + "</td></tr>";
    }).join("");
    return "<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>Rule</th></tr>" + rows + "</table>";
  }
  function bodyHtml(rb) {
    if (!rb) return "";
    rb = resolve(rb);
    return Object.keys(rb.content || {}).map(function (mt) {
      return "<h4>Request body <span class=\"badge\">" + esc(mt) + "</span></h4>" + schemaHtml(rb.content[mt].schema || {}, 0, []);
    }).join("");
  }
  function responsesHtml(responses) {
    var out = "<h4>Responses</h4><table><tr><th>Status</th><th>Meaning</th></tr>";
    Object.keys(responses || {}).sort().forEach(function (code) {
      var r = resolve(responses[code]);
      var content = r.content || {};
      var mt = Object.keys(content)[0];
      var schema = mt ? content[mt].schema : null;
      var example = mt && content[mt].example;
      var detail = schema && code < "400" ? schemaHtml(schema, 0, []) :
        example && example.message ? '<div class="muted">e.g. <code>' + esc(example.message) + "</code></div>" : "";
      var headers = Object.keys(r.headers || {});
      out += '<tr><td class="code ' + (code < "400" ? "ok" : "err") + '">' + esc(code) + "</td><td>" + md(r.description) +
        (headers.length ? '<div class="muted">Headers: ' + headers.map(function (h) { return "<code>" + esc(h) + "</code>"; }).join(", ") + "</div>" : "") +
        (mt && code < "400" ? '<div class="muted">' + esc(mt) + "</div>" : "") + detail + "</td></tr>";
    });
    return out + "</table>";
  }
  function opHtml(method, path, op) {
    var open = location.hash === "#op-" + op.operationId;
    var auth = op.security && op.security.length === 0 ? ' <span class="badge">no API key</span>' : "";
    return '<details class="op" id="op-' + esc(op.operationId) + '"' + (open ? " open" : "") + ">" +
      '<summary><span class="m ' + method + '">' + method + '</span><span class="path">' + esc(path) +
      '</span><span class="sum">' + esc(op.summary || "") + "</span>" + auth + "</summary>" +
      '<div class="body">' + (op.description ? "<p>" + md(op.description) + "</p>" : "") +
      '<p class="muted mono">operationId: ' + esc(op.operationId) + "</p>" +
      paramsHtml(op.parameters) + bodyHtml(op.requestBody) + responsesHtml(op.responses) + "</div></details>";
  }
  function render() {
    var byTag = {};
    var order = (doc.tags || []).map(function (t) { return t.name; });
    Object.keys(doc.paths).forEach(function (path) {
      METHODS.forEach(function (m) {
        var op = doc.paths[path][m];
        if (!op) return;
        var tag = (op.tags || ["Other"])[0];
        if (order.indexOf(tag) < 0) order.push(tag);
        (byTag[tag] = byTag[tag] || []).push({ method: m, path: path, op: op });
      });
    });
    var tagInfo = {};
    (doc.tags || []).forEach(function (t) { tagInfo[t.name] = t.description; });
    document.getElementById("title").textContent = doc.info.title + " " + doc.info.version + " — API reference";
    var nav = "", main = '<div class="intro"><p>' + md(doc.info.description || "") + "</p></div>";
    order.forEach(function (tag, i) {
      var ops = byTag[tag] || [];
      if (!ops.length) return;
      nav += '<a href="#tag-' + i + '" data-tag="' + i + '">' + esc(tag) + ' <span class="n">' + ops.length + "</span></a>";
      main += '<section class="tag" id="tag-' + i + '"><h2>' + esc(tag) + "</h2><p>" + md(tagInfo[tag] || "") + "</p>" +
        ops.map(function (o) { return opHtml(o.method, o.path, o.op); }).join("") + "</section>";
    });
    document.getElementById("nav").innerHTML = nav;
    document.getElementById("main").innerHTML = main;
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
  function filter(q) {
    q = q.trim().toLowerCase();
    var words = q ? q.split(/\s+/) : [];
    document.querySelectorAll("section.tag").forEach(function (sec) {
      var shown = 0;
      sec.querySelectorAll("details.op").forEach(function (d) {
        var text = d.textContent.toLowerCase();
        var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
        d.classList.toggle("hidden", !hit);
        if (hit) shown++;
      });
      sec.classList.toggle("hidden", shown === 0);
    });
  }
  var search = document.getElementById("search");
  search.addEventListener("input", function () { filter(search.value); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== search) { e.preventDefault(); search.focus(); }
  });
  fetch("openapi.json", { headers: { accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (d) { doc = d; render(); })
    .catch(function (e) {
      document.getElementById("main").innerHTML = '<p class="err">Could not load openapi.json: ' + esc(e.message) + "</p>";
    });
})();
