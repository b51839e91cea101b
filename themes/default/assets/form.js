/* guifan blank forms: a print button for the printable form page. The page
   prints without it (Ctrl+P); it is a file, not an inline script, because
   the pages' Content-Security-Policy runs scripts from the site's files
   only. */
(function () {
  "use strict";
  var b = document.querySelector(".print-button");
  if (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  }
})();
