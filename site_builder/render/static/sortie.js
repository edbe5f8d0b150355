/* Quick exit, on the model of GOV.UK's "Exit this page": the button, or Shift pressed three
   times within five seconds, blanks the page at once and leaves with location.replace, so that
   Back does not come back here. The page sends no referrer (meta referrer no-referrer). */
(function () {
  "use strict";
  var presses = 0;
  var timer = null;

  function quitter(event) {
    if (event) event.preventDefault();
    var lien = document.querySelector("[data-sortie]");
    var cible = lien ? lien.href : "https://www.google.fr/";
    document.documentElement.className += " iscg-sortie-en-cours";
    document.title = "…";
    if (document.body) document.body.innerHTML = "";
    // In a partner's iframe, leave the whole page, not only the frame.
    try {
      if (window.top !== window.self) { window.top.location.replace(cible); return; }
    } catch (error) { /* the partner's page forbids it: at least leave the frame */ }
    window.location.replace(cible);
  }

  document.addEventListener("click", function (event) {
    var cible = event.target && event.target.closest ? event.target.closest("[data-sortie]") : null;
    if (cible) quitter(event);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      quitter();
      return;
    }
    timer = setTimeout(function () { presses = 0; }, 5000);
  });
})();
