/* guifan search: runs in the browser, from file:// as from a web server.
   The index is a set of small scripts (search/s/NNN.js: postings,
   search/d/NNNN.js: entries, search/t/NNNN.js: the rest of their longer
   texts) that this page loads with <script> tags as a query needs them: no fetch,
   no modules, no workers, which file:// pages may not use. The tokeniser and
   the ranking are the same as generator/search's in Go. */
(function () {
  "use strict";
  var S = window.guifanSearch = window.guifanSearch || {};
  var shards = {}, blocks = {}, texts = {}, waiting = {}, meta = null, titles = null;

  S.meta = function (m) { meta = m; };
  S.shard = function (n, data) { shards[n] = data; done("s" + n); };
  S.block = function (n, data) { blocks[n] = data; done("d" + n); };
  S.titles = function (t) { titles = t; };
  // A text file holds the rest of the longer texts of meta.tblock entries.
  S.text = function (n, t) { texts[n] = t; done("t" + n); };

  function done(key) {
    var w = waiting[key];
    if (w) { delete waiting[key]; w.forEach(function (f) { f(); }); }
  }

  // base is where the index's shards, blocks and texts are: the page's
  // folder, or the first language's search/ folder (data-base).
  function base() {
    var el = document.getElementById("search-messages");
    return (el && el.getAttribute("data-base")) || "";
  }

  function pad(n, width) { n = String(n); while (n.length < width) n = "0" + n; return n; }

  // load adds a <script> for a shard ("s") or block ("d") once.
  function load(kind, n) {
    var key = kind + n;
    if ((kind === "s" && shards[n]) || (kind === "d" && blocks[n]) || (kind === "t" && texts[n] != null)) return Promise.resolve();
    return new Promise(function (resolve) {
      if (waiting[key]) { waiting[key].push(resolve); return; }
      waiting[key] = [resolve];
      var el = document.createElement("script");
      el.src = base() + (kind === "s" ? "s/" + pad(n, 3) + ".js" : (kind === "d" ? "d/" : "t/") + pad(n, 4) + ".js");
      el.onerror = function () { done(key); };
      document.head.appendChild(el);
    });
  }

  var cjkRE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var letterRE = /[\p{L}\p{N}]/u;
  var digitRE = /\p{Nd}/u;

  function normalize(s) { return s.normalize("NFKC").toLowerCase(); }

  // tokens mirrors search.Tokens in Go.
  function tokens(s) {
    var out = [], rs = Array.from(normalize(s)), i = 0;
    while (i < rs.length) {
      var r = rs[i], j = i;
      if (cjkRE.test(r)) {
        while (j < rs.length && cjkRE.test(rs[j])) j++;
        if (j - i === 1) out.push(rs[i]);
        for (var k = i; k + 1 < j; k++) out.push(rs[k] + rs[k + 1]);
        i = j;
      } else if (letterRE.test(r)) {
        var digit = digitRE.test(r);
        while (j < rs.length && !cjkRE.test(rs[j]) && letterRE.test(rs[j]) && digitRE.test(rs[j]) === digit) j++;
        out.push(rs.slice(i, j).join(""));
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }
  S.tokens = tokens;

  // shardOf mirrors the FNV-1a hash of the Go side, over UTF-8 bytes.
  var enc = new TextEncoder();
  function shardOf(t) {
    var h = 2166136261, bytes = enc.encode(t);
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h % meta.shards;
  }

  function unique(a) { var seen = {}, out = []; a.forEach(function (x) { if (!seen[x]) { seen[x] = 1; out.push(x); } }); return out; }

  // dropStop mirrors the Go side: question words go unless nothing else is left.
  function dropStop(toks) {
    var stop = meta.stop || [], kept = toks.filter(function (t) { return stop.indexOf(t) < 0; });
    return kept.length ? kept : toks;
  }

  // runs mirrors search.runs: maximal runs of Chinese, of letters and digits.
  function runs(s) {
    var out = [], cur = "", kind = 0;
    Array.from(s).forEach(function (r) {
      var k = cjkRE.test(r) ? 1 : letterRE.test(r) ? 2 : 0;
      if (k !== kind) { if (cur) out.push(cur); cur = ""; kind = k; }
      if (k) cur += r;
    });
    if (cur) out.push(cur);
    return out;
  }

  // words mirrors Index.queryWords: each run's tokens, by index in toks.
  function words(q, toks) {
    var out = [];
    runs(normalize(q)).forEach(function (run) {
      var w = [];
      tokens(run).forEach(function (t) { var i = toks.indexOf(t); if (i >= 0 && w.indexOf(i) < 0) w.push(i); });
      if (w.length) out.push(w);
    });
    return out;
  }

  // exact mirrors search.exact: at least half of each word's tokens.
  // has tells whether the entry has token i.
  function exact(ws, has) {
    for (var k = 0; k < ws.length; k++) {
      var w = ws[k], n = 0;
      for (var j = 0; j < w.length; j++) if (has(w[j])) n++;
      if (2 * n < w.length) return false;
    }
    return true;
  }

  function byRank(a, b) { return (b.exact - a.exact) || (b.score - a.score) || (a.entry - b.entry); }

  // rank mirrors the first stage of Index.Query: BM25 over precomputed
  // weights, times the square of the share of the query's tokens an entry
  // has; exact matches before near ones.
  function rank(q) {
    if (!meta) return Promise.resolve([]);
    var toks = dropStop(unique(tokens(q)));
    if (!toks.length || !meta) return Promise.resolve([]);
    var ws = words(q, toks);
    var need = unique(toks.map(shardOf));
    return Promise.all(need.map(function (n) { return load("s", n); })).then(function () {
      // Which tokens an entry has: a bit each for up to 30 tokens, a
      // list for a longer query.
      var score = {}, has = {}, matched = {}, n = meta.n, k1 = meta.k1, bits = toks.length <= 30;
      toks.forEach(function (t, ti) {
        var ps = (shards[shardOf(t)] || {})[t];
        if (!ps) return;
        var df = ps[0], idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)), e = 0;
        for (var i = 1; i < ps.length; i += 2) {
          e += ps[i];
          var w = ps[i + 1] / 10;
          score[e] = (score[e] || 0) + idf * w * (k1 + 1) / (w + k1);
          matched[e] = (matched[e] || 0) + 1;
          if (bits) has[e] = (has[e] || 0) | (1 << ti);
          else (has[e] = has[e] || [])[ti] = true;
        }
      });
      var out = Object.keys(score).map(function (k) {
        var c = matched[k] / toks.length, h = has[k];
        var x = exact(ws, bits ? function (i) { return (h >> i) & 1; } : function (i) { return h[i]; });
        return { entry: +k, score: score[k] * c * c, exact: x };
      });
      out.sort(byRank);
      return out;
    });
  }
  S.rank = rank;

  // phrases mirrors Index.Phrases: the query's words of two characters or
  // more and the words of the synonym groups they name, without punctuation.
  function phrases(q) {
    var nq = normalize(q), out = [], stop = meta.stop || [];
    runs(nq).forEach(function (r) { if (Array.from(r).length >= 2 && stop.indexOf(r) < 0) out.push(r); });
    (meta.syn || []).forEach(function (g) {
      var hit = g.some(function (w) { return nq.indexOf(normalize(w)) >= 0; });
      if (hit) g.forEach(function (w) { var p = runs(normalize(w)).join(""); if (Array.from(p).length >= 2) out.push(p); });
    });
    return unique(out);
  }

  function titleHas(title, ps) {
    var t = runs(normalize(title || "")).join("");
    return ps.some(function (p) { return t.indexOf(p) >= 0; });
  }

  // rerank mirrors the second stage of Index.Query over the first results,
  // their details loaded: title, type prior, one document's repeats.
  function rerank(q, top) {
    var ps = phrases(q), prior = meta.prior || {};
    top.forEach(function (r) {
      var f = 1;
      if (Object.prototype.hasOwnProperty.call(prior, r.type)) f *= prior[r.type];
      if (titleHas(r.title, ps)) f *= meta.boost;
      r.score *= f;
    });
    top.sort(byRank);
    var seen = {};
    top.forEach(function (r) {
      r.score *= Math.pow(meta.repeat, seen[r.doc] || 0);
      seen[r.doc] = (seen[r.doc] || 0) + 1;
    });
    top.sort(byRank);
    return top;
  }

  // search ranks, loads the first results' details and orders them again:
  // the same order as Index.Query.
  function search(q) {
    return rank(q).then(function (ranked) {
      return details(ranked.slice(0, meta.rerank)).then(function (top) {
        return { results: rerank(q, top), total: ranked.length, exact: ranked.filter(function (r) { return r.exact; }).length };
      });
    });
  }
  S.search = search;

  // details loads the titles, links and text of entries.
  function details(list) {
    var need = unique(list.map(function (r) { return Math.floor(r.entry / meta.block); }));
    return Promise.all(need.map(function (n) { return load("d", n); })).then(function () {
      return list.map(function (r) {
        var b = blocks[Math.floor(r.entry / meta.block)] || [], d = b[r.entry % meta.block] || [];
        return { entry: r.entry, score: r.score, exact: r.exact, title: d[0], url: d[1], type: meta.types[d[2]], label: meta.labels[d[2]], text: d[3], doc: d[4] };
      });
    });
  }

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  // terms are what to highlight: the query's words and Chinese runs, and
  // the bigrams of runs that do not occur whole.
  function terms(q) {
    var out = [], nq = normalize(q);
    // Words of a synonym group the query names are highlighted too.
    (meta.syn || []).forEach(function (group) {
      var hit = group.some(function (w) { return nq.indexOf(normalize(w)) >= 0; });
      if (hit) group.forEach(function (w) { out.push(normalize(w)); });
    });
    nq.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
      if (!w) return;
      out.push(w);
      // Each run of Chinese (xyz不存在 has 不存在) whole and as bigrams.
      runs(w).forEach(function (r) {
        var rs = Array.from(r);
        if (r !== w) out.push(r);
        if (rs.length > 2 && cjkRE.test(rs[0])) for (var i = 0; i + 1 < rs.length; i++) out.push(rs[i] + rs[i + 1]);
      });
    });
    return unique(out).sort(function (a, b) { return b.length - a.length; });
  }

  function highlight(text, ts) {
    var lower = normalize(text), marks = [];
    ts.forEach(function (t) {
      var from = 0, at;
      while ((at = lower.indexOf(t, from)) >= 0) { marks.push([at, at + t.length]); from = at + t.length; }
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = "", pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      out += escapeHTML(text.slice(pos, m[0])) + "<mark>" + escapeHTML(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return out + escapeHTML(text.slice(pos));
  }

  // snippet cuts the text around the first place of the longest term
  // found (terms come longest first), and marks the terms.
  function snippet(text, ts) {
    if (!text) return "";
    var lower = normalize(text), first = -1;
    for (var i = 0; i < ts.length && first < 0; i++) first = lower.indexOf(ts[i]);
    var start = Math.max(0, first - 40), end = Math.min(text.length, start + 120);
    if (end - start < 120) start = Math.max(0, end - 120);
    var cut = text.slice(start, end);
    return (start > 0 ? "…" : "") + highlight(cut, ts) + (end < text.length ? "…" : "");
  }
  S.snippet = snippet;

  // found reports whether the text has one of the terms.
  function found(text, ts) {
    var lower = normalize(text || "");
    return ts.some(function (t) { return lower.indexOf(t) >= 0; });
  }
  S.highlight = highlight;

  // The page: search box, type filters, results.
  function page() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = document.getElementById("search-q"), list = document.getElementById("search-results");
    var status = document.getElementById("search-status"), filters = document.getElementById("search-filters");
    var msgEl = document.getElementById("search-messages"), nearList = document.getElementById("search-near");
    var nearHead = document.getElementById("search-near-h");
    var msgs = {};
    ["found", "none", "shown", "filtered", "noexact", "nearcount"].forEach(function (k) { msgs[k] = msgEl.getAttribute("data-" + k); });
    var off = {}, last = null, seq = 0, timer = null;
    document.getElementById("search-nojs").hidden = true;
    form.hidden = false;

    // longer is the whole text of an entry (its start and the rest) once
    // its text file is loaded, or null.
    function longer(r) {
      var t = texts[Math.floor(r.entry / meta.tblock)], rest = t && t[r.entry % meta.tblock];
      return rest != null ? r.text + rest : null;
    }

    // item shows a result; shown is true for the first ten, whose snippet
    // comes from further in when the start of the text lacks the words.
    function item(r, i, ts, shown) {
      var full = shown ? longer(r) : null;
      var text = full != null && !found(r.text, ts) ? full : r.text;
      return '<li><a href="../' + escapeHTML(r.url) + '" data-rank="' + (i + 1) + '" data-doc="' + escapeHTML(r.doc) + '">' +
        '<span class="result-title">' + highlight(r.title, ts) + '</span></a> <span class="badge">' + escapeHTML(r.label) + '</span>' +
        '<p class="snippet">' + snippet(text, ts) + '</p></li>';
    }

    // render shows the exact matches, then the near ones under their own
    // heading; the status line counts what the lists show.
    function render(q, res) {
      var results = res ? res.results : [], ts = terms(q), first = results.slice(0, 10);
      var on = results.filter(function (r) { return !off[r.type]; });
      var exact = on.filter(function (r) { return r.exact; }), near = on.filter(function (r) { return !r.exact; });
      list.innerHTML = exact.map(function (r, i) { return item(r, i, ts, first.indexOf(r) >= 0); }).join("");
      nearList.innerHTML = near.map(function (r, i) { return item(r, exact.length + i, ts, first.indexOf(r) >= 0); }).join("");
      nearHead.hidden = nearList.hidden = !near.length;
      var counts = {};
      results.forEach(function (r) { counts[r.type] = (counts[r.type] || 0) + 1; });
      filters.innerHTML = Object.keys(counts).sort().map(function (t) {
        var label = meta.labels[meta.types.indexOf(t)];
        return '<label><input type="checkbox" value="' + escapeHTML(t) + '"' + (off[t] ? "" : " checked") + '> ' + escapeHTML(label) + " (" + counts[t] + ")</label>";
      }).join("");
      var st = "";
      if (q && !results.length) st = msgs.none;
      else if (q && !res.exact) st = msgs.noexact.replace("%s", q);
      else if (q) {
        st = msgs.found.replace("%d", res.exact);
        if (exact.length < res.exact) st += msgs.shown.replace("%d", exact.length);
        if (near.length) st += msgs.nearcount.replace("%d", near.length);
        if (on.length < results.length) st += msgs.filtered;
      }
      status.textContent = st;
      status.setAttribute("data-exact", res ? String(res.exact) : "0");
    }

    // moreText loads the text files of the first shown results whose
    // start lacks the words (the texts of their neighbours come along),
    // then shows their snippets again.
    function moreText(q, res, my) {
      var ts = terms(q), need = [];
      res.results.slice(0, 10).forEach(function (r) {
        if (r.text && Array.from(r.text).length >= 300 && !found(r.text, ts)) need.push(Math.floor(r.entry / meta.tblock));
      });
      if (!need.length) return Promise.resolve();
      return Promise.all(unique(need).map(function (n) { return load("t", n); })).then(function () {
        if (my === seq) render(q, res);
      });
    }

    function run() {
      var q = input.value.trim(), my = ++seq;
      try { history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : "?"); } catch (e) { /* file:// may refuse */ }
      // The other language's search page asks the same.
      Array.prototype.forEach.call(document.querySelectorAll(".lang-toggle a"), function (a) {
        a.href = a.href.split("?")[0] + (q ? "?q=" + encodeURIComponent(q) : "");
      });
      if (!q) { last = null; render("", null); return; }
      var t0 = performance.now();
      // The first five show as soon as their entries are loaded, ordered
      // among themselves; the first 20, ordered as Index.Query orders
      // them, follow.
      rank(q).then(function (ranked) {
        var exactN = ranked.filter(function (r) { return r.exact; }).length;
        function made(top) { return { results: rerank(q, top), total: ranked.length, exact: exactN }; }
        return details(ranked.slice(0, 5)).then(function (first) {
          if (my !== seq) return;
          render(q, made(first));
          S.lastMillis = performance.now() - t0;
          return details(ranked.slice(0, meta.rerank)).then(function (top) {
            if (my !== seq) return;
            var res = made(top);
            last = { q: q, res: res };
            render(q, res);
            return moreText(q, res, my).then(function () {
              if (my === seq) document.body.setAttribute("data-search-done", String(my));
            });
          });
        });
      });
    }
    S.run = function (q) { input.value = q; run(); };

    // Instant suggestions: titles containing what is typed, from the small
    // list loaded with the page (titles.js), before the index answers.
    var suggest = document.getElementById("search-suggest");
    function suggestions() {
      if (!suggest || !titles) return;
      var q = normalize(input.value.trim()), out = [], seen = {};
      if (q) {
        for (var i = 0; i < titles.length && out.length < 8; i++) {
          var t = titles[i][1];
          if (!seen[t] && normalize(t).indexOf(q) >= 0) { seen[t] = 1; out.push(t); }
        }
      }
      suggest.innerHTML = out.map(function (t) { return '<option value="' + escapeHTML(t) + '">'; }).join("");
    }
    input.addEventListener("input", function () { suggestions(); clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    filters.addEventListener("change", function (e) {
      off[e.target.value] = !e.target.checked;
      if (last) render(last.q, last.res);
    });
    // Keyboard: arrows move through results, Escape goes back to the box.
    form.parentNode.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a")).concat(Array.prototype.slice.call(nearList.querySelectorAll("a")));
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown") { e.preventDefault(); (links[at + 1] || links[0] || input).focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
      else if (e.key === "Escape") { input.focus(); }
    });
    var params = new URLSearchParams(location.search);
    if (params.get("q")) { input.value = params.get("q"); run(); }
  }
  // The index scripts (meta.js) come after this one: start once the page
  // and they have loaded.
  if (document.readyState === "complete") page(); else window.addEventListener("load", page);
})();
