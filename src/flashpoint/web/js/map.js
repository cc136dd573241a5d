/* The event map: country outlines (world-atlas, vendored) in a plain equirectangular
   SVG; one circle per event, area ~ deaths, colour = quad class. */
"use strict";
(function (FP) {
  var WORLD = { x: 0, y: 6, w: 360, h: 148 };  // lon -180..180, lat 84..-58

  function px(lon) { return lon + 180; }
  function py(lat) { return 90 - lat; }

  function ringPath(ring) {
    var d = "", prev = null;
    ring.forEach(function (p) {
      var x = px(p[0]), y = py(p[1]);
      var jump = prev === null || Math.abs(x - prev) > 180;
      d += (jump ? "M" : "L") + x.toFixed(2) + "," + y.toFixed(2);
      prev = x;
    });
    return d + "Z";
  }

  function geometryPath(g) {
    if (!g) return "";
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.map(function (poly) { return poly.map(ringPath).join(""); }).join("");
  }

  function EventMap(container, onPick) {
    this.container = container;
    this.onPick = onPick;
    this.svg = FP.s("svg", { class: "map-svg", preserveAspectRatio: "xMidYMid meet" });
    this.land = FP.s("g", { class: "land" });
    this.dots = FP.s("g", { class: "dots" });
    this.svg.appendChild(FP.s("rect", { class: "sea", x: -360, y: -180, width: 1080, height: 540 }));
    this.svg.appendChild(this.land);
    this.svg.appendChild(this.dots);
    container.appendChild(this.svg);
    this.events = [];
    this.view = WORLD;
    this.setView(WORLD);
  }

  EventMap.prototype.load = function () {
    var self = this;
    return fetch("/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); })
      .then(function (topo) {
        var fc = window.topojson.feature(topo, topo.objects.countries);
        fc.features.forEach(function (f) {
          var name = (f.properties && f.properties.name) || "";
          self.land.appendChild(FP.s("path", { d: geometryPath(f.geometry), "data-name": name,
            "vector-effect": "non-scaling-stroke" }, FP.s("title", {}, name)));
        });
      })
      .catch(function () { FP.status("The map outlines could not be loaded; points are still shown.", true); });
  };

  EventMap.prototype.setView = function (v) {
    this.view = v;
    this.svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) { return n.toFixed(2); }).join(" "));
    this.drawDots();
  };

  EventMap.prototype.world = function () { this.setView(WORLD); };

  /* Zoom to the located events (at least a 40x20 degree window, same aspect as the world view). */
  EventMap.prototype.fit = function () {
    var self = this, pts = this.located();
    if (this.codes) {  // a dyad is selected: frame its events
      var mine = pts.filter(function (e) { return self.involves(e); });
      if (mine.length) pts = mine;
    }
    if (!pts.length) return this.world();
    var xs = pts.map(function (e) { return px(e.location.lon); }), ys = pts.map(function (e) { return py(e.location.lat); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(40, (x1 - x0) * 1.25 + 10), h = Math.max(20, (y1 - y0) * 1.25 + 6);
    var aspect = WORLD.w / WORLD.h;
    if (w / h < aspect) w = h * aspect; else h = w / aspect;
    if (w >= WORLD.w) return this.world();
    this.setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h });
  };

  EventMap.prototype.located = function () {
    return this.events.filter(function (e) {
      return e.location && typeof e.location.lat === "number" && typeof e.location.lon === "number";
    });
  };

  EventMap.prototype.setEvents = function (events, fit) {
    this.events = events || [];
    if (fit) this.fit(); else this.drawDots();
    return this.located().length;
  };

  EventMap.prototype.highlight = function (codes) {
    this.codes = codes && codes.length ? codes : null;
  };

  EventMap.prototype.involves = function (e) {
    var codes = this.codes;
    return !codes || [e.location.country, e.actor && e.actor.country, e.recipient && e.recipient.country]
      .some(function (c) { return c && codes.indexOf(c) >= 0; });
  };

  EventMap.prototype.drawDots = function () {
    var self = this, g = FP.clear(this.dots);
    var widthPx = this.container.getBoundingClientRect().width || 600;
    var unit = this.view.w / widthPx;  // map units per screen pixel
    var pts = this.located().slice().sort(function (a, b) { return (b.fatalities || 0) - (a.fatalities || 0); });
    pts.forEach(function (e) {
      var involved = self.involves(e);
      var rPx = Math.min(26, 4 + 2.4 * Math.sqrt(e.fatalities || 0));
      var title = (e.date || "") + " " + FP.typeLabel(e) + ": " + FP.actorLabel(e.actor) +
        (e.recipient ? " \u2192 " + FP.actorLabel(e.recipient) : "") + " \u2014 " + FP.placeLabel(e.location) +
        (e.fatalities ? " (" + e.fatalities + " killed)" : "");
      var c = FP.s("circle", {
        cx: px(e.location.lon), cy: py(e.location.lat), r: rPx * unit, fill: FP.quadColor(e.quad_class),
        class: "dot" + (involved ? "" : " dim"), "data-id": e.id, tabindex: 0, role: "button",
        "aria-label": title, "vector-effect": "non-scaling-stroke"
      }, FP.s("title", {}, title));
      c.addEventListener("click", function () { self.onPick(e.id); });
      c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") self.onPick(e.id); });
      g.appendChild(c);
    });
  };

  FP.EventMap = EventMap;
})(window.FP);
