/* exported ISCGHoraires */
/* global ISCG */
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

  var t = ISCG.texte;
  // The page's language: dates and times as it writes them (the browser's CLDR data, as Babel's
  // on the pages); French keeps its own forms of hours, "9 h 30", from the sentences.
  var langue = ISCG.reglages.langue || "fr";

  function heure(texte) {
    var h = parseInt(texte.slice(0, 2), 10);
    var m = texte.slice(3, 5);
    if (langue !== "fr") {
      return new Intl.DateTimeFormat(langue, { hour: "numeric", minute: "2-digit", timeZone: "UTC" })
        .format(new Date(Date.UTC(2000, 0, 1, h, parseInt(m, 10))));
    }
    return m === "00" ? t("heure", { h: h }) : t("heure_minutes", { h: h, m: m });
  }

  function plage(date) {
    return date[1] ? t("plage", { debut: heure(date[1]), fin: heure(date[2]) }) : t("heures_a_confirmer");
  }

  function jour(iso) {
    return new Intl.DateTimeFormat(langue, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })
      .format(new Date(iso + "T12:00:00Z"));
  }

  function jourCourt(iso) {
    return new Intl.DateTimeFormat(langue, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(iso + "T12:00:00Z"));
  }

  /* One sentence: who is there today, or when next; what the visitor needs first. */
  function resume(doc, instant) {
    var presents = doc.presences.filter(function (p) { return p.present; });
    if (!presents.length) {
      var statut = doc.presences.length ? doc.presences[0].statut : "";
      return { etat: "absent", texte: statut === "recrutement" ? t("recrutement_personne") : t("personne") };
    }
    var now = maintenant(doc.fuseau, instant);
    var aujourdhui = doc.dates.filter(function (d) { return d[0] === now.jour && (!d[2] || d[2] > now.heure); });
    if (aujourdhui.length) {
      var enCours = aujourdhui.some(function (d) { return d[1] && d[1] <= now.heure; });
      return { etat: "aujourdhui", texte: t("present_aujourdhui", {
        plages: aujourdhui.map(plage).join(t("et")), maintenant: enCours ? t("en_ce_moment") : "" }) };
    }
    var suivante = null;
    for (var i = 0; i < doc.dates.length; i += 1) {
      if (doc.dates[i][0] > now.jour) { suivante = doc.dates[i]; break; }
    }
    if (suivante) {
      var memeJour = doc.dates.filter(function (d) { return d[0] === suivante[0]; });
      return { etat: "prochaine", texte: t("prochaine", {
        jour: jour(suivante[0]), plages: memeJour.map(plage).join(t("et")) }) };
    }
    var fins = presents.map(function (p) { return p.fin_convention; }).filter(function (d) { return d && d < now.jour; });
    if (fins.length) {
      return { etat: "fin", texte: t("fin_convention", { date: jourCourt(fins.sort()[fins.length - 1]) }) };
    }
    if (presents.some(function (p) { return p.confirmer; })) {
      return { etat: "confirmer", texte: t("a_confirmer") };
    }
    return { etat: "aucune", texte: t("aucune") };
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

  /* The old-information notice written at build time, shown or hidden by the visitor's clock. */
  function avis(element) {
    var annee = ISCG.ancien(element.getAttribute("data-verifie-le"));
    element.hidden = !annee;
    if (annee) element.textContent = t("ancien", { annee: annee });
  }

  document.querySelectorAll("[data-permanences]").forEach(afficher);
  document.querySelectorAll("[data-verifie-le]").forEach(avis);
  return { resume: resume, maintenant: maintenant };
})();
