/* The Material theme's first inline script, as a file (docs/overrides/partials/javascripts/base.html):
   the helpers its bundle expects, scoped to the site's root given in data-scope. */
/* exported __md_scope, __md_hash, __md_get, __md_set */
/* eslint strict: "off" -- four globals the theme's bundle reads, as its own inline script made them */
var __md_scope = new URL(document.currentScript.getAttribute("data-scope"), location);
var __md_hash = function (e) {
  return [].concat(Array.from(e)).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
};
var __md_get = function (e, store, scope) {
  return JSON.parse((store || localStorage).getItem((scope || __md_scope).pathname + "." + e));
};
var __md_set = function (e, value, store, scope) {
  try { (store || localStorage).setItem((scope || __md_scope).pathname + "." + e, JSON.stringify(value)); } catch { /* storage refused */ }
};
