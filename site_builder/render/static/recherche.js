/* The finder: a commune name or a postcode, or "autour de moi"; then the posts that cover the
   commune and the nearest places with their next permanence. Everything runs in the browser:
   the position and what is typed never leave the device. The gazetteer (communes.json) is
   fetched on first use only. Keyboard: arrows to choose, Enter to confirm, Escape to close. */
var ISCGRecherche = (function () {
  "use strict";

  var form = document.querySelector("[data-recherche]");
  if (!form) return null;
  var racine = form.getAttribute("data-racine");
  var champ = form.querySelector("input");
  var liste = form.querySelector("[role=listbox]");
  var autour = form.querySelector("[data-autour]");
  var resultats = document.getElementById("recherche-resultats");
  var statut = document.getElementById("recherche-statut");
  var STATUTS = { en_poste: "En poste", vacant: "Poste vacant", recrutement: "Recrutement en cours",
    en_projet: "En projet", ferme: "Poste fermé" };
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
          taille: +g.taille[k], dep: prefixe === "97" ? code.slice(0, 3) : prefixe
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
    if (/^\d{2,5}$/.test(q)) {
      donnees.communes.forEach(function (c) {
        if (c.cp.some(function (cp) { return cp.indexOf(q) === 0; })) trouve.push({ c: c, rang: 0 });
      });
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
    return trouve.slice(0, 8).map(function (t) { return t.c; });
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

  function element(tag, texte, classe) {
    var n = document.createElement(tag);
    if (texte) n.textContent = texte;
    if (classe) n.className = classe;
    return n;
  }

  function lien(texte, href) {
    var a = element("a", texte);
    a.href = href;
    return a;
  }

  function couvrants(c) {
    if (!c) return [];
    return donnees.couverture.filter(function (p) {
      return p[3].indexOf(c.dep) >= 0 || (c.epci && p[4].indexOf(c.epci) >= 0) || p[5].indexOf(c.code) >= 0;
    });
  }

  function prochaine(item, id) {
    var ligne = element("p", "Prochaine permanence : chargement…", "iscg-prochaine");
    item.appendChild(ligne);
    fetch(racine + "lieux/" + encodeURIComponent(id) + "/permanences.json")
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        var r = ISCGHoraires.resume(doc);
        ligne.textContent = r.texte;
        ligne.setAttribute("data-etat", r.etat);
        doc.presences.filter(function (p) { return p.present && p.telephone; }).slice(0, 1).forEach(function (p) {
          var tel = element("p");
          tel.appendChild(document.createTextNode("Téléphone : "));
          tel.appendChild(lien(p.telephone_affiche, "tel:" + p.telephone));
          item.appendChild(tel);
        });
      })
      .catch(function () { ligne.textContent = "Voir la page du lieu pour les horaires."; });
  }

  function afficher(point, commune, ou) {
    resultats.textContent = "";
    var postes = couvrants(commune);
    var titre1 = element("h3", "Les intervenants sociaux qui couvrent " + ou);
    resultats.appendChild(titre1);
    if (postes.length) {
      var ul = element("ul");
      postes.forEach(function (p) {
        var li = element("li");
        li.appendChild(lien(p[1], racine + "postes/" + encodeURIComponent(p[0]) + "/"));
        if (p[2] !== "en_poste") li.appendChild(element("span", " — " + STATUTS[p[2]], "iscg-statut"));
        ul.appendChild(li);
      });
      resultats.appendChild(ul);
    } else {
      resultats.appendChild(element("p", "Aucun poste recensé ne déclare couvrir cette commune. Voici les lieux les plus proches."));
    }
    var proches = donnees.lieux.map(function (f) {
      return { f: f, km: distance(point, { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }) };
    }).sort(function (a, b) { return a.km - b.km; }).slice(0, 5);
    resultats.appendChild(element("h3", "Les lieux de permanence les plus proches"));
    var ol = element("ol", null, "iscg-resultats");
    proches.forEach(function (p) {
      var props = p.f.properties;
      var li = element("li");
      var tete = element("p");
      tete.appendChild(lien(props.n, racine + "lieux/" + encodeURIComponent(props.i) + "/"));
      tete.appendChild(document.createTextNode(" — " + props.c + ", à " + Math.round(p.km) + " km"));
      li.appendChild(tete);
      if (!props.p) {
        var raison = props.s.length ? STATUTS[props.s[0][2]] : "Pas d'intervenant";
        li.appendChild(element("p", raison + " : personne n'assure encore de permanence ici.", "iscg-prochaine"));
      } else {
        prochaine(li, props.i);
      }
      var c = p.f.geometry.coordinates;
      var route = lien("Itinéraire", "https://www.openstreetmap.org/directions?route=%3B" + c[1] + "%2C" + c[0]);
      route.rel = "noreferrer";
      var pied = element("p");
      pied.appendChild(route);
      li.appendChild(pied);
      ol.appendChild(li);
    });
    resultats.appendChild(ol);
    var couverture = !postes.length ? "Aucun poste recensé ne déclare couvrir " + ou
      : postes.length + (postes.length > 1 ? " postes couvrent " : " poste couvre ") + ou;
    statut.textContent = couverture + " ; " + proches.length + " lieux de permanence les plus proches"
      + (proches.length ? ", le premier à " + Math.round(proches[0].km) + " km." : ".");
    var cartes = window.ISCGCartes || [];
    if (cartes.length) cartes[0].setView([point.lat, point.lon], 10);
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
        else statut.textContent = "Aucune commune ne correspond à « " + champ.value + " ».";
      });
    }
  });
  champ.addEventListener("blur", function () { setTimeout(fermer, 150); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  autour.addEventListener("click", function () {
    if (!navigator.geolocation) {
      statut.textContent = "Votre navigateur ne donne pas de position : tapez votre commune ou son code postal.";
      return;
    }
    statut.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(function (position) {
      charger().then(function () {
        var point = { lat: position.coords.latitude, lon: position.coords.longitude };
        var proche = null;
        var min = Infinity;
        donnees.communes.forEach(function (c) {
          var d = distance(point, c);
          if (d < min) { min = d; proche = c; }
        });
        afficher(point, proche, "votre position (" + proche.nom + ")");
      });
    }, function () {
      statut.textContent = "Position indisponible (autorisation refusée ?) : tapez plutôt votre commune ou son code postal.";
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });

  return { charger: charger, suggestions: suggestions, choisir: choisir };
})();
