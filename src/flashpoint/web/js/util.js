/* flashpoint dashboard: small shared helpers (no framework, no network but this server). */
"use strict";
var FP = window.FP || {};
window.FP = FP;

FP.SVG = "http://www.w3.org/2000/svg";
FP.QUAD = {
  0: { name: "neutral", color: "#8a8f98" },
  1: { name: "verbal cooperation", color: "#6baed6" },
  2: { name: "material cooperation", color: "#1f5fa8" },
  3: { name: "verbal conflict", color: "#f39c12" },
  4: { name: "material conflict", color: "#c0392b" }
};

/* h("div", {class: "x", onclick: fn}, [children or text]) : text always goes in as text, never HTML. */
FP.h = function (tag, attrs, children) {
  var el = document.createElement(tag);
  FP.setAttrs(el, attrs);
  FP.append(el, children);
  return el;
};
FP.s = function (tag, attrs, children) {
  var el = document.createElementNS(FP.SVG, tag);
  FP.setAttrs(el, attrs);
  FP.append(el, children);
  return el;
};
FP.setAttrs = function (el, attrs) {
  Object.keys(attrs || {}).forEach(function (k) {
    var v = attrs[k];
    if (v === null || v === undefined || v === false) return;
    if (k.slice(0, 2) === "on" && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  });
};
FP.append = function (el, children) {
  if (children === null || children === undefined) return;
  (Array.isArray(children) ? children : [children]).forEach(function (c) {
    if (c === null || c === undefined || c === false) return;
    el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  });
};
FP.clear = function (el) { while (el.firstChild) el.removeChild(el.firstChild); return el; };

FP.query = function (params) {
  var parts = [];
  Object.keys(params || {}).forEach(function (k) {
    var v = params[k];
    if (v !== null && v !== undefined && v !== "") parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
  });
  return parts.length ? "?" + parts.join("&") : "";
};

FP.get = function (path, params) {
  return fetch(path + FP.query(params), { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) return r.json().catch(function () { return {}; }).then(function (b) {
        throw new Error(r.status + " " + (typeof b.detail === "string" ? b.detail : r.statusText));
      });
      return r.json();
    });
};

FP.status = function (text, isError) {
  var el = document.getElementById("status");
  el.textContent = text || "";
  el.className = "status" + (isError ? " error" : "");
};

FP.actorLabel = function (a) {
  if (!a) return "?";
  return (a.text || a.country || "?") + (a.country && a.text ? " (" + a.country + ")" : "");
};
FP.placeLabel = function (loc) {
  if (!loc) return "";
  var bits = [loc.name, loc.admin1, loc.country].filter(function (x, i, arr) { return x && arr.indexOf(x) === i; });
  return bits.join(", ");
};
FP.typeLabel = function (e) {
  return e.acled_sub_event_type || e.acled_event_type || e.plover || (e.cameo ? "CAMEO " + e.cameo : "event");
};
FP.quadColor = function (q) { return (FP.QUAD[q] || FP.QUAD[0]).color; };
FP.dyadLabel = function (d) { return d ? d.replace("-", " \u2013 ") : ""; };
FP.num = function (n) { return n === null || n === undefined ? "" : String(n); };
