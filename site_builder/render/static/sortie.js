/* Quick exit, on the model of GOV.UK's "Exit this page": the button, or Shift pressed three
   times within five seconds, blanks the page at once and leaves with location.replace, so that
   Back does not come back here. The page sends no referrer (meta referrer no-referrer).

   location.replace only replaces the page being read: had the visitor come through three pages
   of the site, Back would show the one before. So links inside the site replace the page too:
   however many pages were read, the site holds one entry in the history, the one the exit
   replaces. (Back then leaves the site rather than going to the page before: the price of it.) */
(function () {
  "use strict";
  document.documentElement.classList.add("iscg-js");  // iscg.css: what scripts will show is laid out at once
  var presses = 0;
  var timer = null;

  function quitter(event) {
    if (event) event.preventDefault();
    var lien = document.querySelector("[data-sortie]");
    var cible = lien ? lien.href : "about:blank";  // every page has the link (iscg check)
    document.documentElement.className += " iscg-sortie-en-cours";
    document.title = "…";
    if (document.body) document.body.innerHTML = "";
    // In a partner's iframe, leave the whole page, not only the frame.
    try {
      if (window.top !== window.self) { window.top.location.replace(cible); return; }
    } catch { /* the partner's page forbids it: at least leave the frame */ }
    window.location.replace(cible);
  }

  document.addEventListener("click", function (event) {
    var cible = event.target && event.target.closest ? event.target.closest("[data-sortie]") : null;
    if (cible) quitter(event);
  });

  // In the capture phase: Leaflet stops clicks in map popups from bubbling up to the document.
  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var lien = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!lien || lien.hasAttribute("data-sortie") || lien.hasAttribute("download")) return;
    // Attributes, not properties: an SVG link (the map of départements) has no string href.
    var cible = lien.getAttribute("target");
    if (cible && cible !== "_self") return;
    var adresse = new URL(lien.getAttribute("href"), window.location.href);
    if (adresse.origin !== window.location.origin) return;  // another site, tel:, sms:, mailto:
    if (adresse.pathname === window.location.pathname && adresse.search === window.location.search) return;  // an anchor here
    event.preventDefault();
    window.location.replace(adresse.href);
  }, true);

  // Shift×3 counts only Shift pressed and released alone: a Shift that made a capital, or a
  // digit on an AZERTY keyboard, or any other key in between starts the count again, and
  // nothing typed in a text field ever counts (as GOV.UK's "Exit this page" does).
  var shiftAlone = false;

  function enSaisie(element) {
    if (!element || !element.closest) return false;
    return Boolean(element.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }

  function recommencer() {
    presses = 0;
    shiftAlone = false;
    clearTimeout(timer);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || enSaisie(event.target)) { recommencer(); return; }
    if (!event.repeat) shiftAlone = true;
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (!shiftAlone || enSaisie(event.target)) { recommencer(); return; }
    shiftAlone = false;
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      quitter();
      return;
    }
    timer = setTimeout(function () { presses = 0; }, 5000);
  }, true);

  // A mouse press between two Shifts also breaks the sequence.
  document.addEventListener("mousedown", recommencer, true);
})();
