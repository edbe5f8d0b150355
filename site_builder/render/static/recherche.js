/* exported ISCGRecherche */
/* global ISCG, ISCGHoraires */
/* The finder: a commune name or a postcode, or "autour de moi"; then who is known to work
   for the commune, the nearest places where someone receives, those still recruiting, and
   what to do locally whatever the map holds. Everything runs in the browser: the position and
   what is typed never leave the device, and the map does not move to the searched area unless
   the visitor asks (its tiles would tell the tile server). The gazetteer (communes.json) is
   fetched on first use only. Keyboard: arrows to choose, Enter to confirm, Escape to close. */
var ISCGRecherche = (function () {
  "use strict";

  var form = document.querySelector("[data-recherche]");
  if (!form) return null;
  var racine = form.getAttribute("data-racine");
  // The pages of the form's language ("en/"; "" for French); data files are shared at the root.
  var pages = racine + (form.getAttribute("data-langue") || "");
  var champ = form.querySelector("input");
  var liste = form.querySelector("[role=listbox]");
  var autour = form.querySelector("[data-autour]");
  var resultats = document.getElementById("recherche-resultats");
  var statut = document.getElementById("recherche-statut");
  var t = ISCG.texte;
  var element = ISCG.element;
  var RAYON_KM = ISCG.reglages.rayon_km;
  var donnees = null;
  var chargement = null;
  var options = [];
  var actif = -1;
  form.hidden = false;

  function normaliser(texte) {
    return texte.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[^a-z0-9]+/g, " ").trim()
      .replace(/\bste\b/g, "sainte").replace(/\bst\b/g, "saint");
  }

  function decoder(g) {
    var noms = g.noms.split("|");
    var cps = g.cp.split("|");
    var communes = [];
    var k = 0;
    var lat = 0;
    var lon = 0;
    g.prefixes.forEach(function (prefixe, i) {
      var suffixe = 0;
      g.pas[i].forEach(function (pas) {
        suffixe += pas;
        lat += g.lat[k];
        lon += g.lon[k];
        var code = prefixe + String(suffixe).padStart(3, "0");
        communes.push({
          code: code, nom: noms[k], cle: normaliser(noms[k]), cp: cps[k] ? cps[k].split(" ") : [],
          lat: lat / 100, lon: lon / 100, epci: g.e[k] >= 0 ? g.epci[g.e[k]] : null,
          taille: +g.taille.substr(2 * k, 2), dep: prefixe === "97" ? code.slice(0, 3) : prefixe
        });
        k += 1;
      });
    });
    return communes;
  }

  function charger() {
    if (!chargement) {
      var json = function (chemin) { return fetch(racine + chemin).then(function (r) { return r.json(); }); };
      chargement = Promise.all([json("assets/iscg/communes.json"), json("assets/iscg/couverture.json"),
        json("assets/iscg/lieux.geojson")]).then(function (r) {
        donnees = { communes: decoder(r[0]), departements: r[0].departements, couverture: r[1].postes, lieux: r[2].features };
        return donnees;
      });
    }
    return chargement;
  }

  function suggestions(saisie) {
    var q = saisie.trim();
    var trouve = [];
    var limite = 8;
    if (/^\d{2,5}$/.test(q)) {
      donnees.communes.forEach(function (c) {
        if (c.cp.indexOf(q) >= 0) trouve.push({ c: c, rang: 0 });
        else if (c.cp.some(function (cp) { return cp.indexOf(q) === 0; })) trouve.push({ c: c, rang: 1 });
      });
      if (q.length === 5) limite = Infinity;  // every commune of a postcode, the most populated first
    } else {
      var cle = normaliser(q);
      if (cle.length < 2) return [];
      donnees.communes.forEach(function (c) {
        if (c.cle === cle) trouve.push({ c: c, rang: 0 });
        else if (c.cle.indexOf(cle) === 0) trouve.push({ c: c, rang: 1 });
        else if (c.cle.indexOf(" " + cle) > 0) trouve.push({ c: c, rang: 2 });
      });
    }
    trouve.sort(function (a, b) { return a.rang - b.rang || b.c.taille - a.c.taille || a.c.nom.localeCompare(b.c.nom, "fr"); });
    return trouve.slice(0, limite).map(function (x) { return x.c; });
  }

  function libelle(c) {
    var dep = donnees.departements[c.dep] || c.dep;
    return c.nom + (c.cp.length ? " (" + c.cp[0] + ")" : "") + " — " + dep;
  }

  function fermer() {
    liste.hidden = true;
    liste.textContent = "";
    champ.setAttribute("aria-expanded", "false");
    champ.removeAttribute("aria-activedescendant");
    options = [];
    actif = -1;
  }

  function surligner(index) {
    actif = index;
    Array.prototype.forEach.call(liste.children, function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) champ.setAttribute("aria-activedescendant", "recherche-option-" + index);
    else champ.removeAttribute("aria-activedescendant");
  }

  function proposer() {
    if (!donnees) return;
    options = suggestions(champ.value);
    liste.textContent = "";
    if (!options.length) { fermer(); return; }
    options.forEach(function (c, i) {
      var li = document.createElement("li");
      li.id = "recherche-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = libelle(c);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choisir(c); });
      liste.appendChild(li);
    });
    liste.hidden = false;
    champ.setAttribute("aria-expanded", "true");
    actif = -1;
  }

  function distance(a, b) {
    var r = Math.PI / 180;
    var h = Math.pow(Math.sin((b.lat - a.lat) * r / 2), 2)
      + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.pow(Math.sin((b.lon - a.lon) * r / 2), 2);
    return 12742 * Math.asin(Math.sqrt(h));
  }

  function lien(texte, href) {
    var a = element("a", texte);
    a.href = href;
    return a;
  }

  /* Places across the sea are no answer: overseas départements and Corsica keep to themselves. */
  function zone(dep) {
    return ISCG.reglages.zones[dep] || "metropole";
  }

  function couvrants(c) {
    if (!c) return [];
    return donnees.couverture.filter(function (p) {
      return p[3].indexOf(c.dep) >= 0 || (c.epci && p[4].indexOf(c.epci) >= 0) || p[5].indexOf(c.code) >= 0;
    });
  }

  function prochaine(item, id) {
    var ligne = element("p", t("chargement"), "iscg-prochaine");
    item.appendChild(ligne);
    fetch(racine + "lieux/" + encodeURIComponent(id) + "/permanences.json")
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        var r = ISCGHoraires.resume(doc);
        ligne.textContent = r.texte;
        ligne.setAttribute("data-etat", r.etat);
        doc.presences.filter(function (p) { return p.present && p.telephone; }).slice(0, 1).forEach(function (p) {
          var tel = element("p");
          tel.appendChild(document.createTextNode(t("telephone")));
          tel.appendChild(lien(p.telephone_affiche, "tel:" + p.telephone));
          item.appendChild(tel);
        });
      })
      .catch(function () { ligne.textContent = t("voir_lieu"); });
  }

  function lieu(p, present) {
    var props = p.f.properties;
    var li = element("li");
    var tete = element("p");
    tete.appendChild(lien(props.n, pages + "lieux/" + encodeURIComponent(props.i) + "/"));
    tete.appendChild(document.createTextNode(t("a_km", { commune: props.c, km: Math.round(p.km) })));
    li.appendChild(tete);
    if (present) {
      prochaine(li, props.i);
    } else {
      var raison = props.s.length ? ISCG.statut(props.s[0][2]) : "";
      li.appendChild(element("p", t("recrutent_note", { statut: raison }), "iscg-prochaine"));
    }
    var avis = ISCG.avisAncien(props.v);
    if (avis) li.appendChild(avis);
    var c = p.f.geometry.coordinates;
    var route = lien(t("itineraire"), "https://www.openstreetmap.org/directions?route=%3B" + c[1] + "%2C" + c[0]);
    route.rel = "noreferrer";
    var pied = element("p");
    pied.appendChild(route);
    li.appendChild(pied);
    return li;
  }

  function blocLieux(titre, lieux, present, vide) {
    var bloc = element("section");
    bloc.appendChild(element("h3", titre));
    if (!lieux.length) {
      if (vide) bloc.appendChild(element("p", vide));
      return bloc;
    }
    var ol = element("ol", null, "iscg-resultats");
    lieux.forEach(function (p) { ol.appendChild(lieu(p, present)); });
    bloc.appendChild(ol);
    return bloc;
  }

  /* What to do wherever one is: never a dead end. */
  function sinon(urgent) {
    var bloc = element("section", null, urgent ? "iscg-sinon iscg-sinon--seul" : "iscg-sinon");
    bloc.appendChild(element("h3", t("sinon_titre")));
    var ul = element("ul");
    ["sinon_brigade", "sinon_danger", "sinon_3919", "sinon_116006"].forEach(function (cle) {
      ul.appendChild(element("li", t(cle)));
    });
    bloc.appendChild(ul);
    return bloc;
  }

  /* The answer replaces the previous one, comes into view and takes the focus on its heading;
     the live region says the gist once. */
  function montrer(titre, blocs, resume) {
    resultats.textContent = "";
    var h = element("h2", titre, "iscg-resultats__titre");
    h.id = "recherche-resultats-titre";
    h.tabIndex = -1;
    resultats.appendChild(h);
    blocs.forEach(function (b) { resultats.appendChild(b); });
    statut.textContent = resume;
    h.scrollIntoView({ block: "start", behavior: "auto" });
    h.focus({ preventScroll: true });
  }

  function afficher(point, commune, ou) {
    var postes = couvrants(commune);
    var ici = zone(commune.dep);
    var proches = donnees.lieux.filter(function (f) { return zone(f.properties.d) === ici; }).map(function (f) {
      return { f: f, km: distance(point, { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }) };
    }).filter(function (p) { return p.km <= RAYON_KM; }).sort(function (a, b) { return a.km - b.km; });
    var recoivent = proches.filter(function (p) { return p.f.properties.p; }).slice(0, 5);
    var recrutent = proches.filter(function (p) { return !p.f.properties.p; }).slice(0, 3);
    var blocs = [];
    var couverture = element("section");
    couverture.appendChild(element("h3", t("couvrent_titre", { ou: ou })));
    if (postes.length) {
      var ul = element("ul");
      postes.forEach(function (p) {
        var li = element("li");
        li.appendChild(lien(p[1], pages + "postes/" + encodeURIComponent(p[0]) + "/"));
        if (p[2] !== "en_poste") li.appendChild(element("span", " — " + ISCG.statut(p[2]), "iscg-statut"));
        ul.appendChild(li);
      });
      couverture.appendChild(ul);
    } else {
      couverture.appendChild(element("p", t("couvre_inconnu", { ou: ou })));
    }
    blocs.push(couverture);
    blocs.push(blocLieux(t("recoivent_titre", { km: RAYON_KM }), recoivent, true, t("recoivent_aucun", { km: RAYON_KM })));
    if (recrutent.length) blocs.push(blocLieux(t("recrutent_titre", { km: RAYON_KM }), recrutent, false));
    blocs.push(sinon(!recoivent.length));
    // The map is fetched when it nears the screen (carte-charge.js), or at this button's press.
    if (window.ISCGChargerCarte) {
      var voir = element("p", null, "iscg-non-imprime");
      var bouton = element("button", t("voir_carte"), "iscg-recherche__bouton");
      bouton.type = "button";
      bouton.addEventListener("click", function () {
        window.ISCGChargerCarte().then(function (carte) {
          if (carte) carte.setView([point.lat, point.lon], 10);
        });
        document.getElementById("carte").scrollIntoView({ block: "center" });
      });
      voir.appendChild(bouton);
      voir.appendChild(document.createTextNode(" "));
      voir.appendChild(element("span", t("voir_carte_aide"), "iscg-discret"));
      blocs.push(voir);
    }
    montrer(t("resultats_pour", { ou: ou }), blocs, t(["resume_aucun", "resume_un"][recoivent.length] || "resume_plusieurs",
      { lieux: recoivent.length, km: RAYON_KM, ou: ou }));
  }

  function choisir(c) {
    champ.value = c.nom;
    fermer();
    afficher({ lat: c.lat, lon: c.lon }, c, c.nom);
  }

  champ.addEventListener("focus", charger);
  champ.addEventListener("input", function () { charger().then(proposer); });
  champ.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && options.length) { e.preventDefault(); surligner(Math.min(actif + 1, options.length - 1)); }
    else if (e.key === "ArrowUp" && options.length) { e.preventDefault(); surligner(Math.max(actif - 1, 0)); }
    else if (e.key === "Escape") { fermer(); }
    else if (e.key === "Enter") {
      e.preventDefault();
      charger().then(function () {
        if (!options.length) proposer();
        if (options.length) choisir(options[Math.max(actif, 0)]);
        else statut.textContent = t("aucune_commune", { saisie: champ.value });
      });
    }
  });
  champ.addEventListener("blur", function () { setTimeout(fermer, 150); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  function refus(message) {
    var bloc = element("p", message);
    montrer(t("position_refusee_titre"), [bloc, sinon(true)], message);
  }

  autour.addEventListener("click", function () {
    if (!navigator.geolocation) { refus(t("sans_position")); return; }
    statut.textContent = t("position_en_cours");
    navigator.geolocation.getCurrentPosition(function (position) {
      charger().then(function () {
        var point = { lat: position.coords.latitude, lon: position.coords.longitude };
        var proche = null;
        var min = Infinity;
        donnees.communes.forEach(function (c) {
          var d = distance(point, c);
          if (d < min) { min = d; proche = c; }
        });
        afficher(point, proche, t("votre_position", { commune: proche.nom }));
      });
    }, function () {
      refus(t("position_refusee"));
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });

  return { charger: charger, suggestions: suggestions, choisir: choisir };
})();
