// The preview's live reload (guifan serve only; built sites never load
// it): reloads the page when a good build changed its file (a reload
// event names the files that changed; one that names none reloads every
// page) and shows the problems of a broken build over the last good page.
(function () {
  "use strict";
  var gen = null;
  var overlay = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function style() {
    if (document.getElementById("guifan-live-css")) return;
    var l = document.createElement("link");
    l.id = "guifan-live-css";
    l.rel = "stylesheet";
    l.href = "/__guifan/live.css";
    document.head.appendChild(l);
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(p) {
    hide();
    style();
    overlay = el("div", "guifan-overlay");
    overlay.id = "guifan-overlay";
    overlay.setAttribute("role", "alert");
    var box = el("div", "guifan-box");
    box.appendChild(el("h2", "guifan-title", p.title));
    var list = el("ol", "guifan-list");
    (p.problems || []).forEach(function (x) {
      var li = el("li", x.error ? "guifan-error" : "guifan-warning");
      var head = el("div", "guifan-head");
      head.appendChild(el("span", "guifan-place", x.place));
      head.appendChild(el("span", "guifan-sev", x.severity));
      li.appendChild(head);
      li.appendChild(el("div", "guifan-msg", x.message));
      if (x.line) li.appendChild(el("pre", "guifan-src", x.line));
      list.appendChild(li);
    });
    box.appendChild(list);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  // here is the file of this page, as the site names it: "docs/x.html".
  function here() {
    var p = location.pathname;
    try {
      p = decodeURIComponent(p);
    } catch (err) {
      // keep it as it is
    }
    p = p.replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  function connect() {
    var es = new EventSource("/__guifan/events");
    es.addEventListener("hello", function (e) {
      var d = JSON.parse(e.data);
      if (gen !== null && d.gen !== gen) {
        location.reload();
        return;
      }
      gen = d.gen;
    });
    es.addEventListener("reload", function (e) {
      hide();
      var d = {};
      try {
        d = JSON.parse(e.data);
      } catch (err) {
        d = {};
      }
      if (d.paths && d.paths.indexOf(here()) < 0) {
        if (typeof d.gen === "number") gen = d.gen;
        return; // this page's file did not change
      }
      location.reload();
    });
    es.addEventListener("problems", function (e) {
      show(JSON.parse(e.data));
    });
    es.onerror = function () {
      es.close();
      setTimeout(connect, 1000);
    };
  }

  connect();
})();
