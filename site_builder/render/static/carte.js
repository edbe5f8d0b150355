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

  function popup(feature, racine) {
    // Short keys (render/lieux_carte.py): i id, n name, c commune, a approximate, p present, s posts.
    var p = feature.properties;
    var box = element("div", null, "iscg-popup");
    var title = element("p", null, "iscg-popup__titre");
    var link = element("a", p.n);
    link.href = racine + "lieux/" + encodeURIComponent(p.i) + "/";
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(element("p", p.c + (p.a ? ISCG.texte("position_approchee") : "")));
    var avis = ISCG.avisAncien(p.v);
    if (avis) box.appendChild(avis);
    var list = element("ul");
    (p.s || []).forEach(function (poste) {
      var item = element("li");
      var a = element("a", poste[1]);
      a.href = racine + "postes/" + encodeURIComponent(poste[0]) + "/";
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

  /* Markers of 44 × 44 CSS pixels, drawn in CSS (sharp at any pixel ratio), each a button named
     for the place; places where nobody receives yet are grey. */
  function repere(present) {
    return L.divIcon({
      className: present ? "iscg-repere" : "iscg-repere iscg-repere--absent",
      html: "<span></span>", iconSize: [44, 44], iconAnchor: [22, 40], popupAnchor: [0, -34]
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
    return L.divIcon({ html: contenu, className: "marker-cluster marker-cluster-" + taille, iconSize: L.point(48, 48) });
  }

  function lieux(map, config, code) {
    charger(config.lieux).then(function (data) {
      // Places at the same address open as a fan (spiderfy) at the closest zoom.
      var groupe = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: grappe });
      var focus = null;
      L.geoJSON(data, {
        filter: function (f) { return !code || f.properties.d === code; },
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          return L.marker(latlng, { icon: repere(p.p), title: p.n, alt: p.n, keyboard: true });
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(function () { return popup(feature, config.racine); });
          if (feature.properties.i === config.lieu) focus = layer;
          groupe.addLayer(layer);
        }
      });
      map.addLayer(groupe);
      if (focus) {
        groupe.zoomToShowLayer(focus, function () { focus.openPopup(); });
      }
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

  function peupler(map, config) {
    if (config.limites) map.fitBounds(config.limites, { padding: [8, 8] });
    window.ISCGCartes = (window.ISCGCartes || []).concat([map]);
    contours(map, config);
    if (config.lieux) lieux(map, config);
    encarts(map.getContainer(), config);
  }

  return { peupler: peupler };
})();
