/* The map's weight after the first screen: Leaflet, its plugins, the map's scripts and
   stylesheets, then its places and outlines, are fetched only once the map (or one of its
   insets) comes within a screen of the visible part of the page, or when a script asks for it
   (ISCGChargerCarte, for the finder's "see on the map"). A visitor who reads the hours and
   leaves downloads none of it. The files, in their order, are in the map element's
   data-carte-fichiers (render/carte.py). */
(function () {
  "use strict";

  var carte = document.querySelector("[data-carte-fichiers]");
  if (!carte) return;
  var fichiers = JSON.parse(carte.getAttribute("data-carte-fichiers"));
  var promesse = null;

  function present(selecteur, attribut, adresse) {
    return Array.prototype.some.call(document.querySelectorAll(selecteur), function (e) {
      return e[attribut] === adresse;
    });
  }

  function absolue(adresse) {
    return new URL(adresse, document.baseURI).href;
  }

  function feuille(adresse) {
    return new Promise(function (fin) {
      var lien = document.createElement("link");
      lien.rel = "stylesheet";
      lien.href = adresse;
      lien.onload = lien.onerror = fin;
      document.head.appendChild(lien);
    });
  }

  /* Every script asked for at once, run in their order (async false), once the stylesheets
     have arrived: Leaflet measures its map with them. The shared helpers the page already has
     are not run twice. */
  function charger() {
    if (promesse) return promesse;
    promesse = new Promise(function (fin) {
      var scripts = fichiers.js.map(absolue).filter(function (adresse) {
        return !present("script[src]", "src", adresse);
      });
      scripts.forEach(function (adresse) {
        var avance = document.createElement("link");
        avance.rel = "preload";
        avance.as = "script";
        avance.href = adresse;
        document.head.appendChild(avance);
      });
      var feuilles = fichiers.css.map(absolue).filter(function (adresse) {
        return !present("link[rel=stylesheet]", "href", adresse);
      });
      Promise.all(feuilles.map(feuille)).then(function () {
        scripts.forEach(function (adresse, rang) {
          var script = document.createElement("script");
          script.src = adresse;
          script.async = false;
          if (rang === scripts.length - 1) script.onload = script.onerror = fin;
          document.body.appendChild(script);
        });
        if (!scripts.length) fin();
      });
    }).then(function () {
      return (window.ISCGCartes || [])[0];
    });
    return promesse;
  }

  window.ISCGChargerCarte = charger;

  var cibles = document.querySelectorAll("[data-carte], [data-encart]");
  if (!("IntersectionObserver" in window)) {
    charger();
    return;
  }
  var guet = new IntersectionObserver(function (entrees) {
    if (entrees.some(function (e) { return e.isIntersecting; })) {
      guet.disconnect();
      charger();
    }
  }, { rootMargin: "100% 0px" });
  cibles.forEach(function (cible) { guet.observe(cible); });
})();
