/* "Présent aujourd'hui" and "prochaine permanence", from a permanences.json document and the
   visitor's clock read in the place's time zone. Shared by the pages and the finder. */
var ISCGHoraires = (function () {
  "use strict";

  function maintenant(fuseau, instant) {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", {
      timeZone: fuseau, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(instant || new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return { jour: parts.year + "-" + parts.month + "-" + parts.day, heure: parts.hour + ":" + parts.minute };
  }

  function heure(texte) {
    var h = parseInt(texte.slice(0, 2), 10);
    var m = texte.slice(3, 5);
    return h + " h" + (m === "00" ? "" : " " + m);
  }

  function plage(date) {
    return date[1] ? heure(date[1]) + " – " + heure(date[2]) : "heures à confirmer";
  }

  function jour(iso) {
    return new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })
      .format(new Date(iso + "T12:00:00Z"));
  }

  /* One sentence: who is there today, or when next; what the visitor needs first. */
  function resume(doc, instant) {
    var presents = doc.presences.filter(function (p) { return p.present; });
    if (!presents.length) {
      var statut = doc.presences.length ? doc.presences[0].statut : "";
      return { etat: "absent", texte: statut === "recrutement"
        ? "Recrutement en cours : personne n'assure encore de permanence ici."
        : "Personne n'assure de permanence ici pour l'instant." };
    }
    var now = maintenant(doc.fuseau, instant);
    var aujourdhui = doc.dates.filter(function (d) { return d[0] === now.jour && (!d[2] || d[2] > now.heure); });
    if (aujourdhui.length) {
      var enCours = aujourdhui.some(function (d) { return d[1] && d[1] <= now.heure; });
      return { etat: "aujourdhui", texte: "Présent aujourd'hui, " + aujourdhui.map(plage).join(" et ")
        + (enCours ? " (en ce moment)" : "") + "." };
    }
    var suivante = null;
    for (var i = 0; i < doc.dates.length; i += 1) {
      if (doc.dates[i][0] > now.jour) { suivante = doc.dates[i]; break; }
    }
    if (suivante) {
      var memeJour = doc.dates.filter(function (d) { return d[0] === suivante[0]; });
      return { etat: "prochaine", texte: "Prochaine permanence : " + jour(suivante[0]) + ", "
        + memeJour.map(plage).join(" et ") + "." };
    }
    if (presents.some(function (p) { return p.confirmer; })) {
      return { etat: "confirmer", texte: "Horaires à confirmer : renseignez-vous à l'accueil." };
    }
    return { etat: "aucune", texte: "Aucune permanence prévue dans les douze prochains mois." };
  }

  function afficher(element) {
    fetch(element.getAttribute("data-permanences"))
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        var r = resume(doc);
        element.textContent = r.texte;
        element.setAttribute("data-etat", r.etat);
      })
      .catch(function () { /* the sentence written at build time stays */ });
  }

  document.querySelectorAll("[data-permanences]").forEach(afficher);
  return { resume: resume, maintenant: maintenant };
})();
