/**
 * GET /docs: interactive API docs. A small page that renders /openapi.json with a try-it form per
 * operation; everything is inline, so it works offline and loads nothing from elsewhere.
 */
export const docsPage = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impostor Hunt Edge API: docs</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #111827; }
  h1 { font-size: 1.5rem; }
  .op { border: 1px solid #e5e7eb; border-radius: .5rem; margin: 1rem 0; }
  .op > summary { padding: .75rem 1rem; cursor: pointer; font-weight: 600; }
  .op > div { padding: 0 1rem 1rem; }
  .method { display: inline-block; min-width: 3.5rem; text-align: center; border-radius: .25rem; color: white; font-size: .8rem; padding: .1rem .4rem; margin-right: .5rem; }
  .get { background: #2563eb; } .post { background: #059669; }
  code, pre, textarea { font-family: ui-monospace, monospace; font-size: .85rem; }
  pre { background: #f3f4f6; padding: .5rem; border-radius: .25rem; overflow: auto; max-height: 24rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .try label { display: block; margin: .5rem 0; }
  textarea { width: 100%; box-sizing: border-box; min-height: 8rem; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; } th:first-child { width: 4rem; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  button { margin: .5rem 0; padding: .35rem 1rem; font: inherit; }
  .status { font-weight: 600; }
  #error { color: #b91c1c; }
  #auth label { font-weight: 600; } #auth input { font: inherit; width: 20rem; max-width: 100%; margin-left: .5rem; }
  #auth p { margin: .25rem 0 1rem; font-size: .9rem; }
</style>
</head>
<body>
<h1 id="title">API docs</h1>
<p id="description"></p>
<p>The machine-readable document is at <a href="openapi.json">/openapi.json</a>. Try each operation below; requests go to this Worker.</p>
<div id="auth" hidden><label>API token <input id="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-help"></label>
  <p id="token-help">This Worker needs a token: the try-it requests send it as <code>Authorization: Bearer …</code>. It is kept in this browser tab only.</p></div>
<p id="error" role="alert"></p>
<main id="ops"></main>
<script>
(function () {
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key]; else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }
  var json = function (value) { return JSON.stringify(value, null, 2); };
  // Schemas shared under components are shown in place of their $ref, as a reader wants them.
  var shared = {};
  function inline(value, depth) {
    if (Array.isArray(value)) return value.map(function (v) { return inline(v, depth); });
    if (!value || typeof value !== "object") return value;
    if (typeof value.$ref === "string" && depth < 8) return inline(shared[value.$ref.split("/").pop()], depth + 1);
    var out = {};
    Object.keys(value).forEach(function (key) { out[key] = inline(value[key], depth); });
    return out;
  }

  // GET /health says whether this Worker needs a token; the token lives in sessionStorage, shared with the demo page.
  var TOKEN_KEY = "impostor-hunt-token";
  var token = document.getElementById("token");
  token.value = sessionStorage.getItem(TOKEN_KEY) || "";
  token.addEventListener("input", function () { sessionStorage.setItem(TOKEN_KEY, token.value.trim()); });
  fetch("health").then(function (r) { return r.json(); }).then(function (h) {
    document.getElementById("auth").hidden = h.auth !== "token";
  }).catch(function () {});

  function tryIt(path, method, op) {
    var box = el("div", { class: "try" });
    var params = (op.parameters || []).map(function (p) {
      var select = el("select", { name: p.name, "aria-label": p.name }, [el("option", { value: "", text: "(none)" })]);
      (p.schema.enum || []).forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
      box.appendChild(el("label", {}, [el("code", { text: p.name + " " }), select]));
      return select;
    });
    var body = null;
    if (op.requestBody) {
      var schema = op.requestBody.content["application/json"].schema;
      body = el("textarea", { "aria-label": "request body" });
      body.value = json((schema.examples || [{}])[0]);
      box.appendChild(el("p", {}, [el("strong", { text: "Request body (application/json)" })]));
      box.appendChild(body);
    }
    var status = el("div", { class: "status" });
    var out = el("pre", { class: "response" });
    var button = el("button", { type: "button", text: "Send " + method.toUpperCase() + " " + path });
    button.addEventListener("click", function () {
      var query = params.filter(function (s) { return s.value; }).map(function (s) { return encodeURIComponent(s.name) + "=" + encodeURIComponent(s.value); }).join("&");
      var init = { method: method.toUpperCase(), headers: {} };
      if (body) { init.headers["Content-Type"] = "application/json"; init.body = body.value; }
      if (!document.getElementById("auth").hidden && token.value.trim()) init.headers.Authorization = "Bearer " + token.value.trim();
      status.textContent = "…";
      fetch(path.slice(1) + (query ? "?" + query : ""), init).then(function (r) {
        return r.text().then(function (text) {
          status.textContent = r.status + " " + r.statusText;
          try { out.textContent = json(JSON.parse(text)); } catch (e) { out.textContent = text.slice(0, 2000); }
        });
      }).catch(function (e) { status.textContent = "failed: " + e.message; });
    });
    box.appendChild(button);
    box.appendChild(status);
    box.appendChild(out);
    return box;
  }

  function responses(op) {
    var rows = Object.keys(op.responses).map(function (code) {
      var r = op.responses[code], media = r.content["application/json"] || r.content["text/html"];
      var values = media.examples ? Object.keys(media.examples).map(function (k) { return media.examples[k].value; }) : media.schema.examples || [];
      var examples = values.map(json).join("\n");
      return el("tr", {}, [
        el("td", { text: code }),
        el("td", {}, [el("div", { text: r.description }), examples ? el("pre", { text: examples }) : el("span"),
          el("details", {}, [el("summary", { text: "schema" }), el("pre", { text: json(inline(media.schema, 0)) })])]),
      ]);
    });
    return el("table", {}, [el("thead", {}, [el("tr", {}, [el("th", { text: "Status" }), el("th", { text: "Response" })])]), el("tbody", {}, rows)]);
  }

  fetch("openapi.json").then(function (r) { return r.json(); }).then(function (doc) {
    shared = (doc.components && doc.components.schemas) || {};
    document.getElementById("title").textContent = doc.info.title + " " + doc.info.version;
    document.getElementById("description").textContent = doc.info.description;
    var ops = document.getElementById("ops");
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        var html = !op.responses["200"].content["application/json"];
        var children = [
          el("summary", {}, [el("span", { class: "method " + method, text: method.toUpperCase() }), el("code", { text: path + " " }), el("span", { text: op.summary })]),
          el("div", {}, [
            el("p", { text: op.description || "" }),
            (op.parameters || []).length ? el("p", { text: op.parameters.map(function (p) { return p.name + ": " + (p.description || ""); }).join("; ") }) : el("span"),
            op.requestBody ? el("details", {}, [el("summary", { text: "request body schema" }), el("pre", { text: json(inline(op.requestBody.content["application/json"].schema, 0)) })]) : el("span"),
            html ? el("p", {}, [el("a", { href: path.slice(1) || "./", text: "Open " + path })]) : tryIt(path, method, op),
            responses(op),
          ]),
        ];
        ops.appendChild(el("details", { class: "op", id: op.operationId }, children));
      });
    });
  }).catch(function (e) { document.getElementById("error").textContent = "Could not load openapi.json: " + e.message; });
})();
</script>
</body>
</html>
`;
