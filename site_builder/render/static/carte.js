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

  function contours(map, config) {
    fetch(config.contours).then(function (r) { return r.json(); }).then(function (data) {
      var effectifs = config.effectifs;
      var couche = L.geoJSON(data, {
        interactive: !!effectifs,
        style: function (f) {
          if (!effectifs) return { color: "#5c5c5c", weight: 1, fill: false };
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

  function lieux(map, config) {
    fetch(config.lieux).then(function (r) { return r.json(); }).then(function (data) {
      var groupe = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
      var focus = null;
      L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          if (!p.p) {
            return L.circleMarker(latlng, { radius: 7, color: "#5c5c5c", fillColor: "#ffffff", fillOpacity: 1, weight: 2 });
          }
          return L.marker(latlng, { title: p.n, alt: p.n, keyboard: true });
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

  function peupler(map, config) {
    if (config.limites) map.fitBounds(config.limites, { padding: [8, 8] });
    window.ISCGCartes = (window.ISCGCartes || []).concat([map]);
    contours(map, config);
    if (config.lieux) lieux(map, config);
  }

  return { peupler: peupler };
})();
