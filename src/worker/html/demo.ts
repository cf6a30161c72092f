/** GET /: a self-contained demo page (inline CSS and JS, nothing loaded from elsewhere). */
export const demoPage = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impostor Hunt: which text is real?</title>
<style>
  :root { --one: #2563eb; --two: #d97706; --bad: #b91c1c; font-family: system-ui, sans-serif; color: #111827; }
  body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  p.lead { color: #4b5563; margin-top: 0; }
  .texts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  @media (max-width: 40rem) { .texts { grid-template-columns: 1fr; } }
  label { font-weight: 600; display: block; margin-bottom: .25rem; }
  textarea { width: 100%; box-sizing: border-box; min-height: 10rem; font: inherit; padding: .5rem; border: 1px solid #d1d5db; border-radius: .375rem; }
  .count { color: #6b7280; font-size: .8rem; }
  button { margin-top: 1rem; font: inherit; font-weight: 600; padding: .5rem 1.5rem; border: 0; border-radius: .375rem; background: #111827; color: white; cursor: pointer; }
  button:disabled { opacity: .5; cursor: progress; }
  #error { margin-top: 1rem; padding: .75rem 1rem; border-radius: .375rem; background: #fef2f2; color: var(--bad); border: 1px solid #fecaca; }
  #result { margin-top: 1.5rem; }
  #verdict { font-size: 1.25rem; font-weight: 700; }
  .labels { display: flex; justify-content: space-between; margin-top: .75rem; font-weight: 600; font-size: .9rem; }
  .bar { display: flex; height: 1.25rem; border-radius: .375rem; overflow: hidden; margin: .25rem 0 .5rem; }
  .bar div { flex: none; }
  #bar1 { background: var(--one); } #bar2 { background: var(--two); }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; font-size: .9rem; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  td.num { font-variant-numeric: tabular-nums; text-align: right; }
  .to1 { color: var(--one); } .to2 { color: var(--two); }
  footer { margin-top: 2rem; color: #6b7280; font-size: .8rem; }
</style>
</head>
<body>
<h1>Impostor Hunt: which text is real?</h1>
<p class="lead">Paste two versions of the same document. A pairwise linear model judges which one is the authentic text.</p>
<form id="form" novalidate>
  <div class="texts">
    <div><label for="text1">Text 1</label><textarea id="text1" name="text1"></textarea><div class="count" id="count1">0 characters</div></div>
    <div><label for="text2">Text 2</label><textarea id="text2" name="text2"></textarea><div class="count" id="count2">0 characters</div></div>
  </div>
  <button id="submit" type="submit">Judge</button>
</form>
<div id="error" role="alert" hidden></div>
<section id="result" hidden aria-live="polite">
  <div id="verdict"></div>
  <div class="labels"><span class="to1" id="label1"></span><span class="to2" id="label2"></span></div>
  <div class="bar" role="img" id="bar"><div id="bar1"></div><div id="bar2"></div></div>
  <div id="tie" hidden>The two texts score exactly the same (for example identical texts): the answer is arbitrary.</div>
  <h2>Top reasons</h2>
  <table>
    <thead><tr><th>Feature</th><th class="num">Text 1</th><th class="num">Text 2</th><th class="num">Contribution</th><th>Points to</th></tr></thead>
    <tbody id="reasons"></tbody>
  </table>
  <p class="count" id="rest"></p>
</section>
<footer>API: <a href="docs">interactive docs</a> · <a href="openapi.json">OpenAPI document</a> · <a href="model_info">model info</a></footer>
<script>
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var fmt = function (x, digits) { return Number(x).toFixed(digits); };

  ["1", "2"].forEach(function (n) {
    $("text" + n).addEventListener("input", function () { $("count" + n).textContent = this.value.length + " characters"; });
  });

  function showError(message) {
    $("error").textContent = message;
    $("error").hidden = false;
    $("result").hidden = true;
  }

  function cell(row, text, className) {
    var td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
  }

  function showResult(body) {
    var p1 = body.probability_text1_real;
    $("error").hidden = true;
    $("verdict").textContent = "Text " + body.real_text_id + " is judged real (" + fmt(body.confidence * 100, 1) + "% confidence)";
    $("verdict").className = "to" + body.real_text_id;
    $("bar1").style.width = (p1 * 100) + "%";
    $("bar2").style.width = ((1 - p1) * 100) + "%";
    $("label1").textContent = "Text 1 real: " + fmt(p1 * 100, 1) + "%";
    $("label2").textContent = "Text 2 real: " + fmt((1 - p1) * 100, 1) + "%";
    $("bar").setAttribute("aria-label", "P(text 1 is real) = " + fmt(p1 * 100, 1) + "%");
    $("tie").hidden = !body.tie;
    var tbody = $("reasons");
    tbody.textContent = "";
    body.explanation.features.forEach(function (f) {
      var row = tbody.insertRow();
      cell(row, f.description);
      row.cells[0].title = f.name;
      cell(row, fmt(f.value_text1, 3), "num");
      cell(row, fmt(f.value_text2, 3), "num");
      cell(row, (f.contribution > 0 ? "+" : "") + fmt(f.contribution, 3), "num");
      cell(row, f.contribution === 0 ? "neither" : "Text " + (f.contribution > 0 ? 1 : 2), f.contribution > 0 ? "to1" : f.contribution < 0 ? "to2" : "");
    });
    $("rest").textContent = "Other features together: " + fmt(body.explanation.other_contributions, 3) + "; score = " + fmt(body.score, 3) + " (> 0 means text 1).";
    $("result").hidden = false;
  }

  $("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text1 = $("text1").value, text2 = $("text2").value;
    var empty = [text1.trim() ? "" : "Text 1", text2.trim() ? "" : "Text 2"].filter(Boolean);
    if (empty.length) return showError("Please paste a text into " + empty.join(" and ") + ": it is empty.");
    $("submit").disabled = true;
    fetch("predict?explain=true", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text1: text1, text2: text2 }) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok) return showResult(body);
          var message = body.error ? body.error.message : response.statusText;
          showError("The API answered " + response.status + ": " + message);
        });
      })
      .catch(function (error) { showError("Could not reach the API: " + error.message); })
      .finally(function () { $("submit").disabled = false; });
  });
})();
</script>
</body>
</html>
`;
