/* When the browser prefers a language the site has and the page is not in it, one small line in
   that language: on the home page, a link to its pages; on a page that exists in French only, a
   sentence saying so, and a link to its home page. No redirection, nothing stored. */
(function () {
  "use strict";
  var ligne = document.querySelector("[data-proposer]");
  if (!ligne || !window.navigator) return;
  var offres = JSON.parse(ligne.getAttribute("data-proposer"));
  var actuelle = (document.documentElement.lang || "fr").toLowerCase().split("-")[0];
  var voulues = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < voulues.length; i += 1) {
    var code = String(voulues[i]).toLowerCase().split("-")[0];
    if (code === actuelle) return; // the page is in the visitor's first language we have
    var offre = offres[code];
    if (offre) {
      var lien = document.createElement("a");
      lien.href = offre.href;
      lien.hreflang = code;
      lien.textContent = offre.lien;
      if (offre.avant) ligne.appendChild(document.createTextNode(offre.avant + " "));
      ligne.lang = code;
      ligne.dir = offre.sens;
      ligne.appendChild(lien);
      ligne.hidden = false;
      return;
    }
  }
})();
