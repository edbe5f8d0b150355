/* exported ISCG */
/* What every script of the site shares: building elements with text (never HTML) and the
   settings the build hands over in reglages.js (status labels, exit, emergency numbers). */
var ISCG = (function () {
  "use strict";
  var reglages = window.ISCG_REGLAGES || { statuts: {}, textes: {}, urgences: [] };

  /* A new element; its text is set with textContent, so nothing from the data is parsed as HTML. */
  function element(tag, texte, classe) {
    var node = document.createElement(tag);
    if (texte !== undefined && texte !== null && texte !== "") node.textContent = texte;
    if (classe) node.className = classe;
    return node;
  }

  function statut(code) {
    return reglages.statuts[code] || code;
  }

  /* A sentence of the site, its {names} filled in (as text: the result goes to textContent). */
  function texte(cle, valeurs) {
    var modele = (reglages.textes || {})[cle];
    if (modele === undefined) return cle;
    return modele.replace(/\{(\w+)\}/g, function (tout, nom) {
      return valeurs && valeurs[nom] !== undefined ? String(valeurs[nom]) : tout;
    });
  }

  /* The year of information checked on ``verifieLe`` (AAAA-MM-JJ) when it is older than the
     threshold by the visitor's clock, else null. */
  function ancien(verifieLe, instant) {
    if (!verifieLe) return null;
    var jours = ((instant || new Date()).getTime() - Date.parse(verifieLe + "T00:00:00Z")) / 86400000;
    return jours > reglages.seuil_ancien ? verifieLe.slice(0, 4) : null;
  }

  /* The notice that goes with old information, as an element, or null when it is recent. */
  function avisAncien(verifieLe) {
    var annee = ancien(verifieLe);
    return annee ? element("p", texte("ancien", { annee: annee }), "iscg-ancien") : null;
  }

  return { element: element, statut: statut, texte: texte, ancien: ancien, avisAncien: avisAncien, reglages: reglages };
})();
