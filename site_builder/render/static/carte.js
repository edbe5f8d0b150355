/* exported ISCGCarte */
/* global ISCG */
/* Places and département outlines on a Leaflet map, loaded with fetch. Every text from the
   data is set with textContent: nothing from a data file is ever parsed as HTML. */
var ISCGCarte = (function () {
  "use strict";

  var element = ISCG.element;

  // Reduced motion asked for: maps jump instead of gliding (set before any map is made).
  if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    L.Map.mergeOptions({ zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
  }

  /* ``pages``: the way to the pages of the map's language (en/, ar/…; the site's root in French). */
  function popup(feature, pages) {
    // Short keys (render/lieux_carte.py): i id, n name, c commune, a approximate, p present, s posts.
    var p = feature.properties;
    var box = element("div", null, "iscg-popup");
    var title = element("p", null, "iscg-popup__titre");
    var link = element("a", p.n);
    link.href = pages + "lieux/" + encodeURIComponent(p.i) + "/";
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(element("p", p.c + (p.a ? ISCG.texte("position_approchee") : "")));
    var avis = ISCG.avisAncien(p.v);
    if (avis) box.appendChild(avis);
    var list = element("ul");
    (p.s || []).forEach(function (poste) {
      var item = element("li");
      var a = element("a", poste[1]);
      a.href = pages + "postes/" + encodeURIComponent(poste[0]) + "/";
      item.appendChild(a);
      if (poste[2] !== "en_poste") {
        item.appendChild(element("span", " — " + ISCG.statut(poste[2]), "iscg-statut"));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function couleur(n) {
    if (!n) return "#f2f2f2";
    if (n === 1) return "#c6dbef";
    if (n <= 3) return "#6baed6";
    if (n <= 6) return "#2171b5";
    return "#08306b";
  }

  var documents = {};

  /* Each GeoJSON file fetched once per page, whatever the number of maps that draw it. */
  function charger(adresse) {
    if (!documents[adresse]) documents[adresse] = fetch(adresse).then(function (r) { return r.json(); });
    return documents[adresse];
  }

  /* ``code``: only this département's outline (an inset), else all of them. */
  function contours(map, config, code) {
    charger(config.contours).then(function (data) {
      var effectifs = config.effectifs;
      var couche = L.geoJSON(data, {
        interactive: !!effectifs,
        filter: function (f) { return !code || f.properties.code === code; },
        style: function (f) {
          if (!effectifs) return { color: "#5c5c5c", weight: 1, fill: !!code, fillColor: "#ffffff", fillOpacity: 1 };
          return { color: "#5c5c5c", weight: 1, fillOpacity: 0.8, fillColor: couleur(effectifs[f.properties.code] || 0) };
        },
        onEachFeature: function (f, layer) {
          if (!effectifs) return;
          var n = effectifs[f.properties.code] || 0;
          layer.bindTooltip(f.properties.nom + " : " + n + " poste" + (n > 1 ? "s" : ""));
        }
      }).addTo(map);
      couche.bringToBack();
    }).catch(function () { /* the list beside the map says the same */ });
  }

  /* Every target on a map, a place's marker or a cluster, is a box of CIBLE × CIBLE CSS pixels
     (WCAG 2.5.5), its hit area exactly its icon, anchored alike above its point (ANCRE): two
     boxes then never overlap when their points are CIBLE·√2 apart. markercluster keeps the
     points it shows (its grid points) more than maxClusterRadius apart at each whole zoom, and
     shows a whole zoom's clusters at half zooms too (zoomSnap 0.5, and 0.1 in the insets),
     where distances shrink by up to √2: hence RAYON = CIBLE·√2·√2. */
  var CIBLE = 44;
  var ANCRE = [22, 40];
  var RAYON = 2 * CIBLE;

  /* A cluster stands at its grid point (the first place it took in, see denses) rather than at
     the mean of its places, which markercluster may bring next to another target: the spacing
     above then holds. */
  if (L.MarkerCluster && !L.MarkerCluster.prototype._iscgAuPoint) {
    var moyenne = L.MarkerCluster.prototype._recalculateBounds;
    L.MarkerCluster.include({
      _iscgAuPoint: true,
      _recalculateBounds: function () {
        moyenne.call(this);
        if (this._cLatLng) this._latlng = this._cLatLng;
      }
    });
  }

  /* Markers drawn in CSS (sharp at any pixel ratio), each a button named for the place; places
     where nobody receives yet are grey. */
  function repere(present) {
    return L.divIcon({
      className: present ? "iscg-repere" : "iscg-repere iscg-repere--absent",
      html: "<span></span>", iconSize: [CIBLE, CIBLE], iconAnchor: ANCRE, popupAnchor: [0, -34]
    });
  }

  /* A cluster: its count, and words for screen readers (its element is a button). */
  function grappe(cluster) {
    var n = cluster.getChildCount();
    var taille = n < 10 ? "small" : (n < 100 ? "medium" : "large");
    var contenu = element("div");
    var nombre = element("span", String(n));
    nombre.appendChild(element("span", ISCG.texte("grappe_suite"), "iscg-cache"));
    contenu.appendChild(nombre);
    return L.divIcon({ html: contenu, className: "marker-cluster marker-cluster-" + taille,
      iconSize: L.point(CIBLE, CIBLE), iconAnchor: ANCRE });
  }

  /* By keyboard (not after a pointer): Enter and Space act on a marker or a cluster (they are
     buttons); a popup opened from its marker takes the focus, and Escape or its close button
     gives it back to the marker; a cluster that zooms leaves the focus on the map, and the places
     of a fan (spiderfy) take it. */
  function clavier(map, groupe) {
    var conteneur = map.getContainer();
    var parClavier = false;
    var ouvert = null;
    function icone(cible) { return cible && cible.classList && cible.classList.contains("leaflet-marker-icon"); }
    conteneur.addEventListener("pointerdown", function () { parClavier = false; }, true);
    conteneur.addEventListener("keydown", function (e) {
      var popup = ouvert && ouvert.getPopup().getElement();
      if (popup && popup.contains(e.target)) {
        // Leaving the popup by keyboard (Escape, its close button): the focus goes back to the marker.
        var fermer = e.target.classList.contains("leaflet-popup-close-button") && (e.key === "Enter" || e.key === " ");
        if (e.key === "Escape" || fermer) {
          e.preventDefault();
          var marqueur = ouvert;
          marqueur.closePopup();
          if (marqueur._icon) marqueur._icon.focus({ preventScroll: true });
        }
        return;
      }
      if (!icone(e.target) || (e.key !== "Enter" && e.key !== " " && e.key !== "Spacebar")) return;
      parClavier = true;
      // Leaflet opens a marker's popup on Enter itself, but no longer clicks a cluster for it.
      if (e.key !== "Enter" || e.target.classList.contains("marker-cluster")) {
        e.preventDefault();
        e.target.click();
      }
    });
    groupe.on("clusterclick", function (e) {
      if (parClavier && document.activeElement === e.layer._icon) conteneur.focus({ preventScroll: true });
    });
    groupe.on("spiderfied", function (e) {
      if (!parClavier || document.activeElement !== conteneur || !e.markers.length || !e.markers[0]._icon) return;
      e.markers[0]._icon.focus({ preventScroll: true });
    });
    groupe.on("popupopen", function (e) {
      if (!parClavier || !e.layer || document.activeElement !== e.layer._icon) return;
      ouvert = e.layer;
      var lien = e.popup.getElement().querySelector("a");
      if (lien) lien.focus({ preventScroll: true });
    });
    groupe.on("popupclose", function (e) {
      if (e.layer === ouvert) ouvert = null;
    });
  }

  /* The box of a target at container point q: [left, top, right, bottom]. */
  function boite(q) {
    return [q.x - ANCRE[0], q.y - ANCRE[1], q.x - ANCRE[0] + CIBLE, q.y - ANCRE[1] + CIBLE];
  }

  function touche(a, b) { return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]; }

  /* The map's controls (zoom, layers, attribution) as boxes in the map's container. */
  function controles(map) {
    var conteneur = map.getContainer();
    var origine = conteneur.getBoundingClientRect();
    var boites = [];
    conteneur.querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) boites.push([r.left - origine.left, r.top - origine.top, r.right - origine.left, r.bottom - origine.top]);
    });
    return boites;
  }

  /* Room around the fitted bounds for a whole marker: [left, top, right, bottom]. */
  var MARGES = [ANCRE[0] + 4, ANCRE[1] + 4, CIBLE - ANCRE[0] + 4, CIBLE - ANCRE[1] + 4];

  function ajuster(map, limites, marges) {
    map.fitBounds(limites, { paddingTopLeft: [marges[0], marges[1]], paddingBottomRight: [marges[2], marges[3]], animate: false });
  }

  /* The département's view again, once its places are known: a place within its bounds whose
     marker would fall under a control gets room, more padding on one side of that control, the
     side that keeps the closest zoom (at most three tries). */
  function cadrer(map, limites, points) {
    var bornes = L.latLngBounds(limites);
    var dedans = points.filter(function (p) { return bornes.contains(p); });
    var marges = MARGES.slice();
    for (var essai = 0; essai < 3; essai++) {
      var taille = map.getSize();
      var boites = controles(map);
      var gene = null;
      dedans.some(function (p) {
        var b = boite(map.latLngToContainerPoint(p));
        gene = boites.filter(function (c) { return touche(b, c); })[0] || null;
        return gene;
      });
      if (!gene) return;
      // The sides the control stands against, and the padding that clears it from each.
      var choix = [
        gene[0] < taille.x / 2 ? [0, gene[2] + ANCRE[0] + 4] : [2, taille.x - gene[0] + CIBLE - ANCRE[0] + 4],
        gene[1] < taille.y / 2 ? [1, gene[3] + ANCRE[1] + 4] : [3, taille.y - gene[1] + CIBLE - ANCRE[1] + 4]
      ].map(function (c) {
        var m = marges.slice();
        m[c[0]] = Math.max(m[c[0]], c[1]);
        return { marges: m, zoom: map.getBoundsZoom(bornes, false, L.point(m[0] + m[2], m[1] + m[3])) };
      });
      marges = (choix[1].zoom > choix[0].zoom ? choix[1] : choix[0]).marges;
      ajuster(map, bornes, marges);
    }
  }

  /* A target under a control would be partly hidden and too close to it: it is hidden (not
     drawn, not focusable) while it stays there, checked after each move and zoom. */
  function degager(map) {
    var attente = 0;
    function verifier() {
      attente = 0;
      var boites = controles(map);
      var origine = map.getContainer().getBoundingClientRect();
      var icones = Array.prototype.slice.call(map.getContainer().querySelectorAll(".leaflet-marker-icon"));
      var sous = icones.map(function (icone) {  // every box read before any is hidden: one layout
        var r = icone.getBoundingClientRect();
        var b = [r.left - origine.left, r.top - origine.top, r.right - origine.left, r.bottom - origine.top];
        return boites.some(function (c) { return touche(b, c); });
      });
      icones.forEach(function (icone, i) { icone.style.visibility = sous[i] ? "hidden" : ""; });
    }
    function bientot() { if (!attente) attente = window.requestAnimationFrame(verifier); }
    if (!map.getContainer().querySelector(".leaflet-control")) return function () {};  // an inset
    map.on("moveend zoomend layeradd", bientot);
    bientot();
    return bientot;
  }

  /* The places in the densest spots first (tenths of a degree, about 10 km): a cluster stands
     at the first place it took in, so clusters stand where places are many, in the cities. */
  function denses(features) {
    var cellules = features.map(function (f) {
      return Math.floor(f.geometry.coordinates[0] * 10) + ":" + Math.floor(f.geometry.coordinates[1] * 10);
    });
    var compte = {};
    cellules.forEach(function (c) { compte[c] = (compte[c] || 0) + 1; });
    return features.map(function (f, i) { return { f: f, n: compte[cellules[i]], i: i }; })
      .sort(function (a, b) { return b.n - a.n || a.i - b.i; })
      .map(function (x) { return x.f; });
  }

  /* ``code``: only this département's places (an inset); ``vue``: the view fitted first, kept
     only if the visitor has not moved the map since. */
  function lieux(map, config, code, vue) {
    charger(config.lieux).then(function (data) {
      // Places at the same address open as a fan (spiderfy), its feet as far apart as targets.
      var groupe = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: RAYON,
        spiderfyDistanceMultiplier: 3, iconCreateFunction: grappe });
      clavier(map, groupe);
      var focus = null;
      var choisis = data.features.filter(function (f) { return !code || f.properties.d === code; });
      L.geoJSON({ type: "FeatureCollection", features: denses(choisis) }, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          return L.marker(latlng, { icon: repere(p.p), title: p.n, alt: p.n, keyboard: true });
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(function () { return popup(feature, config.pages || config.racine); });
          if (feature.properties.i === config.lieu) focus = layer;
          groupe.addLayer(layer);
        }
      });
      map.addLayer(groupe);
      if (focus) {
        groupe.zoomToShowLayer(focus, function () { focus.openPopup(); });
      } else if (vue && map.getZoom() === vue.zoom && map.getCenter().equals(vue.centre)) {
        cadrer(map, config.limites, groupe.getLayers().map(function (m) { return m.getLatLng(); }));
      }
      groupe.on("animationend spiderfied unspiderfied", degager(map));
      map.getContainer().setAttribute("data-lieux", String(data.features.length));
    }).catch(function () { /* the list beside the map says the same */ });
  }

  /* The overseas départements beside a national map: small maps of their own, no tiles (no
     request leaves for them), their outline, places and clusters; each labelled by a link. */
  function encarts(carte, config) {
    var bloc = carte.parentNode.querySelector("[data-encarts]");
    if (!bloc) return;
    bloc.querySelectorAll("[data-encart]").forEach(function (div) {
      var encart = JSON.parse(div.getAttribute("data-encart"));
      var map = L.map(div, { zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false,
        doubleClickZoom: false, boxZoom: false, touchZoom: false, keyboard: false, zoomSnap: 0.1, maxZoom: 18 });
      map.fitBounds(encart.limites, { paddingTopLeft: [6, 36], paddingBottomRight: [6, 4] });  // room for a pin at the top
      contours(map, config, encart.code);
      if (config.lieux) lieux(map, config, encart.code);
    });
  }

  /* The zoom buttons named in the page's language (Leaflet names them in English). */
  function nommer(map) {
    var boutons = { ".leaflet-control-zoom-in": "zoom_plus", ".leaflet-control-zoom-out": "zoom_moins" };
    Object.keys(boutons).forEach(function (selecteur) {
      var bouton = map.getContainer().querySelector(selecteur);
      if (!bouton) return;
      bouton.title = ISCG.texte(boutons[selecteur]);
      bouton.setAttribute("aria-label", bouton.title);
    });
  }

  function peupler(map, config) {
    var vue = null;
    nommer(map);
    if (config.limites) {
      ajuster(map, config.limites, MARGES);
      vue = { zoom: map.getZoom(), centre: map.getCenter() };
    }
    window.ISCGCartes = (window.ISCGCartes || []).concat([map]);
    contours(map, config);
    if (config.lieux) lieux(map, config, null, vue);
    encarts(map.getContainer(), config);
  }

  return { peupler: peupler };
})();
