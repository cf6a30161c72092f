/**
 * GET /: a self-contained demo page (inline CSS and JS, nothing loaded from elsewhere), built
 * around the evidence: the verdict, then both texts with each sentence highlighted by how it
 * compares with the rest of its own text (explain=segments), then the features behind the score.
 */
import { MAX_SEGMENTED_TEXT_LENGTH, MAX_TEXT_LENGTH } from "../limits.js";

export const demoPage = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Impostor Hunt: which text is real?</title>
<style>
  :root {
    color-scheme: light dark; font-family: system-ui, sans-serif;
    --fg: #111827; --muted: #4b5563; --bg: #ffffff; --panel: #f3f4f6; --border: #d1d5db; --focus: #7c3aed;
    --one: #2563eb; --two: #b45309; --bad: #b91c1c; --bad-bg: #fef2f2;
    /* Evidence tints, as RGB triplets so that each sentence sets its own strength. */
    --real: 13 148 136; --edited: 225 29 72;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --fg: #e5e7eb; --muted: #9ca3af; --bg: #111827; --panel: #1f2937; --border: #4b5563; --focus: #c4b5fd;
      --one: #60a5fa; --two: #fbbf24; --bad: #fca5a5; --bad-bg: #450a0a;
      --real: 45 212 191; --edited: 251 113 133;
    }
  }
  body { max-width: 64rem; margin: 2rem auto; padding: 0 1rem; background: var(--bg); color: var(--fg); }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  a { color: var(--one); }
  .muted, .count { color: var(--muted); }
  .count { font-size: .8rem; }
  .count.over { color: var(--bad); font-weight: 600; }
  .texts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  @media (max-width: 40rem) { .texts { grid-template-columns: 1fr; } }
  label { font-weight: 600; display: block; margin-bottom: .25rem; }
  textarea, input { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; border: 1px solid var(--border); border-radius: .375rem; background: var(--bg); color: var(--fg); }
  textarea { min-height: 10rem; }
  #auth { max-width: 30rem; margin-bottom: 1rem; }
  .actions { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin-top: 1rem; }
  button { font: inherit; font-weight: 600; padding: .5rem 1.5rem; border: 1px solid var(--fg); border-radius: .375rem; background: var(--fg); color: var(--bg); cursor: pointer; }
  button.secondary { background: transparent; color: var(--fg); }
  button:disabled { opacity: .5; cursor: progress; }
  :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  #error { margin-top: 1rem; padding: .75rem 1rem; border-radius: .375rem; background: var(--bad-bg); color: var(--bad); border: 1px solid var(--bad); }
  #error ul { margin: .5rem 0 0; }
  #result { margin-top: 1.5rem; }
  .verdict { display: flex; gap: .75rem; align-items: flex-start; padding: .75rem 1rem; border-radius: .5rem; border: 2px solid var(--border); }
  .verdict.win1 { border-color: var(--one); } .verdict.win2 { border-color: var(--two); }
  .win1 #verdict { color: var(--one); } .win2 #verdict { color: var(--two); }
  .verdict.uncertain { border-style: dashed; background: var(--panel); }
  #icon { flex: none; box-sizing: border-box; width: 1.75rem; height: 1.75rem; border: 2px solid currentColor; border-radius: 50%; display: grid; place-items: center; font-weight: 700; }
  /* A check mark drawn in CSS: it needs no glyph from the font. */
  .confident #icon::before { content: ""; width: .35rem; height: .7rem; margin-top: -.15rem; border: solid currentColor; border-width: 0 .18rem .18rem 0; transform: rotate(45deg); }
  #verdict { font-size: 1.25rem; font-weight: 700; }
  #why { margin: .25rem 0 0; }
  .labels { display: flex; justify-content: space-between; margin-top: .75rem; font-weight: 600; font-size: .9rem; }
  .bar { display: flex; height: 1.25rem; border-radius: .375rem; overflow: hidden; margin: .25rem 0 .5rem; }
  .bar div { flex: none; }
  #bar1 { background: var(--one); } #bar2 { background: var(--two); }
  .to1 { color: var(--one); } .to2 { color: var(--two); }
  .legend { font-size: .85rem; background: var(--panel); border-radius: .375rem; padding: .5rem .75rem; }
  .legend ul { margin: .25rem 0; padding-left: 1.25rem; }
  .legend p { margin: .25rem 0; }
  .swatch { display: inline-block; width: 2rem; height: .9rem; vertical-align: middle; border-radius: .2rem; }
  .evidence { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.7; border: 1px solid var(--border); border-radius: .375rem; padding: .5rem .75rem; margin: 0; max-height: 32rem; overflow: auto; }
  /* A sentence's tint: solid when it looks more authentic than its text, hatched when more edited; --strength sets how strong. */
  mark, .swatch { --strength: 1; color: inherit; background-color: rgb(var(--tint) / calc(var(--strength) * .45)); border-radius: .2rem; }
  mark:focus-visible { outline-offset: 0; }
  .real { --tint: var(--real); }
  .edited { --tint: var(--edited); background-image: repeating-linear-gradient(135deg, rgb(var(--tint) / calc(var(--strength) * .75)) 0 2px, transparent 2px 7px); }
  .unshared { text-decoration: underline wavy; text-underline-offset: .25em; }
  mark.unshared::after, .only::after { content: "only here"; font-size: .7rem; font-weight: 600; border: 1px solid currentColor; border-radius: .6rem; padding: 0 .35rem; margin: 0 .25rem; white-space: nowrap; text-decoration: none; display: inline-block; }
  #tip { position: absolute; max-width: 22rem; padding: .5rem .75rem; border-radius: .375rem; background: var(--fg); color: var(--bg); font-size: .85rem; pointer-events: none; box-shadow: 0 2px 8px rgb(0 0 0 / .3); z-index: 1; }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; font-size: .9rem; }
  th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
  td.num, th.num { font-variant-numeric: tabular-nums; text-align: right; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  footer { margin-top: 2rem; font-size: .8rem; }
</style>
</head>
<body>
<h1>Impostor Hunt: which text is real?</h1>
<p class="muted">Paste two versions of the same document. A pairwise linear model judges which one is the authentic text, and shows which sentences its verdict rests on.</p>
<div id="auth" hidden>
  <label for="token">API token</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-help">
  <p class="count" id="token-help">This Worker needs a token (sent as <code>Authorization: Bearer …</code>). It is kept in this browser tab only.</p>
</div>
<form id="form" novalidate>
  <div class="texts">
    <div><label for="text1">Text 1</label><textarea id="text1" name="text1" aria-describedby="count1"></textarea><div class="count" id="count1"></div></div>
    <div><label for="text2">Text 2</label><textarea id="text2" name="text2" aria-describedby="count2"></textarea><div class="count" id="count2"></div></div>
  </div>
  <div class="actions">
    <button id="submit" type="submit">Judge</button>
    <button id="example" type="button" class="secondary">Load an example</button>
    <span class="count">or press Ctrl+Enter (Cmd+Enter on a Mac) in a text</span>
  </div>
</form>
<p id="status" class="sr-only" role="status"></p>
<div id="error" role="alert" hidden><div id="error-message"></div><ul id="error-details" hidden></ul></div>
<section id="result" hidden aria-labelledby="verdict">
  <div class="verdict" id="verdict-box">
    <span id="icon" aria-hidden="true"></span>
    <div><div id="verdict"></div><p id="why"></p></div>
  </div>
  <div class="labels"><span class="to1" id="label1"></span><span class="to2" id="label2"></span></div>
  <div class="bar" role="img" id="bar"><div id="bar1"></div><div id="bar2"></div></div>
  <h2>The evidence, sentence by sentence</h2>
  <p id="no-evidence" hidden></p>
  <div id="evidence">
  <div class="legend" id="legend">
    <p>Each sentence is compared with the rest of its own text (with the average for a passage of its length):</p>
    <ul>
      <li><span class="swatch real"></span> solid: looks more <strong>authentic</strong> than the rest of its text;</li>
      <li><span class="swatch edited"></span> hatched: looks more <strong>edited</strong> than the rest of its text;</li>
      <li>the stronger the tint, the larger the difference;</li>
      <li><span class="unshared">wavy underline</span> <span class="only" aria-hidden="true"></span>: a sentence that only this text has (the other has none with nearly the same words).</li>
    </ul>
    <p>Hover over a sentence, or move to it with Tab, to see its numbers.</p>
  </div>
  <div class="texts">
    <div><h3>Text 1</h3><div class="evidence" id="evidence1"></div></div>
    <div><h3>Text 2</h3><div class="evidence" id="evidence2"></div></div>
  </div>
  </div>
  <div id="notes" hidden></div>
  <h2>Top reasons</h2>
  <table>
    <thead><tr><th>Feature</th><th class="num">Text 1</th><th class="num">Text 2</th><th class="num">Contribution</th><th>Points to</th></tr></thead>
    <tbody id="reasons"></tbody>
  </table>
  <p class="count" id="rest"></p>
</section>
<div id="tip" aria-hidden="true" hidden></div>
<footer class="muted">API: <a href="docs">interactive docs</a> · <a href="openapi.json">OpenAPI document</a> · <a href="model_info">model info</a></footer>
<script>
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var MAX_TEXT_LENGTH = ${MAX_TEXT_LENGTH};
  var MAX_SEGMENTED_TEXT_LENGTH = ${MAX_SEGMENTED_TEXT_LENGTH};
  var TOKEN_KEY = "impostor-hunt-token"; // shared with /docs
  var number = new Intl.NumberFormat("en");
  var fmt = function (x, digits) { return Number(x).toFixed(digits); };
  var percent = function (x) { return fmt(x * 100, 1) + "%"; };
  var signed = function (x) { return (x > 0 ? "+" : x < 0 ? "−" : "") + fmt(Math.abs(x), 2); };

  // My own example: a space-science paragraph, and the same with one off-topic sentence inserted.
  var REAL = "The Gaia spacecraft has charted the positions and motions of more than a billion stars in the Milky Way. " +
    "By measuring tiny shifts in each star's apparent position over several years, astronomers can determine its distance through parallax. " +
    "These measurements have refined our picture of the galaxy's spiral arms and revealed streams of stars left behind by smaller galaxies that merged with ours long ago. " +
    "The mission's final data release is expected to improve the precision of these distances even further.";
  var INSERTED = "My grandmother's apple pie recipe calls for three cups of sugar and a generous pinch of cinnamon. ";
  var at = REAL.indexOf("These measurements");
  var EDITED = REAL.slice(0, at) + INSERTED + REAL.slice(at);

  // Auth: GET /health says whether this Worker needs a token; the token lives in sessionStorage.
  var needsToken = false;
  $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
  $("token").addEventListener("input", function () { sessionStorage.setItem(TOKEN_KEY, this.value.trim()); });
  function showAuth() { needsToken = true; $("auth").hidden = false; }
  fetch("health").then(function (r) { return r.json(); }).then(function (h) { if (h.auth === "token") showAuth(); }).catch(function () {});
  function headers(extra) {
    var token = $("token").value.trim();
    if (needsToken && token) extra.Authorization = "Bearer " + token;
    return extra;
  }

  // /model_info, for the uncertainty threshold; fetched again after a failure (e.g. no token yet).
  var info = null;
  function modelInfo() {
    info = info || fetch("model_info", { headers: headers({}) })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(); })
      .catch(function () { info = null; return null; });
    return info;
  }

  function count(n) {
    var length = $("text" + n).value.length;
    $("count" + n).textContent = number.format(length) + " / " + number.format(MAX_TEXT_LENGTH) + " characters" + (length > MAX_TEXT_LENGTH ? ": over the limit" : "");
    $("count" + n).classList.toggle("over", length > MAX_TEXT_LENGTH);
  }
  ["1", "2"].forEach(function (n) {
    $("text" + n).addEventListener("input", function () { count(n); });
    count(n);
  });

  $("example").addEventListener("click", function () {
    $("text1").value = EDITED;
    $("text2").value = REAL;
    count("1"); count("2");
    $("submit").focus();
  });
  $("form").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); this.requestSubmit(); }
  });

  function showError(message, details) {
    $("error-message").textContent = message;
    var list = $("error-details");
    list.textContent = "";
    details.forEach(function (d) {
      var item = document.createElement("li");
      item.textContent = (d.path || "request body") + ": " + d.message;
      list.appendChild(item);
    });
    list.hidden = !details.length;
    $("error").hidden = false;
    $("result").hidden = true;
    $("status").textContent = "";
  }

  function apiError(response, body) {
    var error = body.error || {};
    var message = "The API answered " + response.status + ": " + (error.message || response.statusText);
    var retry = response.headers.get("Retry-After");
    if (retry) message += ". Try again " + (/^\d+$/.test(retry) ? "in " + retry + " seconds" : "after " + retry) + ".";
    if (response.status === 401) { showAuth(); message += ". Enter the API token above."; }
    showError(message, Array.isArray(error.details) ? error.details : []);
  }

  function cell(row, text, className) {
    var td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
  }

  function showVerdict(body, threshold) {
    var winner = "Text " + body.real_text_id;
    var why;
    if (body.tie) why = "The two texts score exactly the same (for example identical texts): either answer would be arbitrary.";
    else if (body.uncertain) why = "The model's confidence (" + percent(body.confidence) + ") is below its threshold (" + (threshold ? percent(threshold) : "see model info") + "): it leans towards " + winner + " but cannot tell reliably.";
    else why = "The model's confidence is above its threshold" + (threshold ? " (" + percent(threshold) + ")" : "") + ", so this is a confident answer.";
    $("verdict-box").className = "verdict " + (body.uncertain ? "uncertain" : "confident win" + body.real_text_id);
    $("icon").textContent = body.uncertain ? "?" : "";
    $("verdict").textContent = body.uncertain ? "Too close to call" : winner + " is judged real (" + percent(body.confidence) + " confidence)";
    $("why").textContent = why;
    $("status").textContent = $("verdict").textContent + ". " + why;
  }

  /**
   * Each segment's lean from its own text's point of view (> 0: looks more authentic), relative to
   * the text's average for a passage of that length: a longer sentence carries more of the score.
   */
  function leanings(text, segments, sign) {
    var total = segments.reduce(function (sum, s) { return sum + sign * s.contribution; }, 0);
    return segments.map(function (s) { return sign * s.contribution - (total * (s.end - s.start)) / text.length; });
  }

  function describe(n, segment, lean) {
    var other = 3 - n;
    var compared = Math.abs(lean) < 0.005 ? "About average for Text " + n + "."
      : "Looks more " + (lean > 0 ? "authentic" : "edited") + " than the rest of Text " + n + " (" + signed(lean) + " relative to its average).";
    return compared + " Contribution to the score: " + signed(segment.contribution) + ", towards Text " + (segment.contribution >= 0 ? 1 : 2) + " being real. " +
      (segment.shared ? "Text " + other + " has a sentence with nearly the same words." : "Only in Text " + n + ": Text " + other + " has no sentence with nearly the same words.");
  }

  function showEvidence(texts, segments) {
    var leans = [leanings(texts[0], segments.text1, 1), leanings(texts[1], segments.text2, -1)];
    var scale = Math.max.apply(null, leans[0].concat(leans[1]).map(Math.abs)) || 1;
    $("notes").textContent = "";
    [segments.text1, segments.text2].forEach(function (list, i) {
      var n = i + 1, box = $("evidence" + n);
      box.textContent = "";
      list.forEach(function (segment, k) {
        var lean = leans[i][k];
        var mark = document.createElement("mark");
        mark.textContent = texts[i].slice(segment.start, segment.end);
        mark.tabIndex = 0;
        mark.className = (lean >= 0 ? "real" : "edited") + (segment.shared ? "" : " unshared");
        mark.style.setProperty("--strength", fmt(Math.abs(lean) / scale, 2));
        // The numbers, for screen readers (aria-describedby) and for the tooltip.
        var note = document.createElement("span");
        note.id = "note" + n + "-" + k;
        note.textContent = describe(n, segment, lean);
        $("notes").appendChild(note);
        mark.setAttribute("aria-describedby", note.id);
        box.appendChild(mark);
      });
    });
  }

  function showResult(body, texts, threshold) {
    var p1 = body.probability_text1_real;
    $("error").hidden = true;
    showVerdict(body, threshold);
    $("bar1").style.width = (p1 * 100) + "%";
    $("bar2").style.width = ((1 - p1) * 100) + "%";
    $("label1").textContent = "Text 1 real: " + percent(p1);
    $("label2").textContent = "Text 2 real: " + percent(1 - p1);
    $("bar").setAttribute("aria-label", "P(text 1 is real) = " + percent(p1));
    // Longer texts are judged without segments, which the API computes only up to its limit.
    $("evidence").hidden = !body.segments;
    $("no-evidence").hidden = !!body.segments;
    $("no-evidence").textContent = "Texts over " + number.format(MAX_SEGMENTED_TEXT_LENGTH) + " characters are judged without the sentence-by-sentence evidence.";
    if (body.segments) showEvidence(texts, body.segments);
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
    $("rest").textContent = "Other features together: " + fmt(body.explanation.other_contributions, 3) +
      (body.segments ? "; tied to no sentence: " + fmt(body.segments.unsegmented_contribution, 3) : "") + "; score = " + fmt(body.score, 3) + " (> 0 means text 1).";
    $("result").hidden = false;
  }

  // One tooltip for the sentence under the pointer or with the focus; Escape hides it.
  function showTip(event) {
    var mark = event.target.closest("mark");
    if (!mark) return;
    var tip = $("tip"), rects = mark.getClientRects(), rect = rects[rects.length - 1];
    tip.textContent = $(mark.getAttribute("aria-describedby")).textContent;
    tip.hidden = false;
    var left = Math.min(rect.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = (Math.max(8, left) + window.scrollX) + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }
  function hideTip() { $("tip").hidden = true; }
  ["1", "2"].forEach(function (n) {
    var box = $("evidence" + n);
    box.addEventListener("mouseover", showTip);
    box.addEventListener("focusin", showTip);
    box.addEventListener("mouseout", hideTip);
    box.addEventListener("focusout", hideTip);
    box.addEventListener("scroll", hideTip);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTip(); });

  $("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var texts = [$("text1").value, $("text2").value];
    var empty = [texts[0].trim() ? "" : "Text 1", texts[1].trim() ? "" : "Text 2"].filter(Boolean);
    if (empty.length) return showError("Please paste a text into " + empty.join(" and ") + ": it is empty.", []);
    $("submit").disabled = true;
    $("status").textContent = "Judging…";
    var segmented = texts.every(function (text) { return text.length <= MAX_SEGMENTED_TEXT_LENGTH; });
    var request = fetch(segmented ? "predict?explain=true,segments" : "predict?explain=true", {
      method: "POST",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ text1: texts[0], text2: texts[1] }),
    });
    Promise.all([request, modelInfo()])
      .then(function (answers) {
        var response = answers[0];
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok) return showResult(body, texts, answers[1] && answers[1].uncertainty.confidence_threshold);
          apiError(response, body);
        });
      })
      .catch(function (error) { showError("Could not reach the API: " + error.message, []); })
      .finally(function () { $("submit").disabled = false; });
  });
})();
</script>
</body>
</html>
`;
