/* The tension timeline of one dyad or country: stacked bars of events per period by
   quad class, alerts marked with a triangle and a dashed line. */
"use strict";
(function (FP) {
  var DAY = 86400000;
  var STEP = { day: 1, week: 7, month: 30.44 };

  function t(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function Timeline(container, list, onAlert) {
    this.container = container;
    this.list = list;
    this.onAlert = onAlert;
    this.data = null;
  }

  Timeline.prototype.empty = function (text) {
    this.data = null;
    FP.clear(this.container).appendChild(FP.h("p", { class: "empty" }, text));
    FP.clear(this.list);
  };

  Timeline.prototype.render = function (signal, alerts, label) {
    this.data = { signal: signal, alerts: alerts || [], label: label };
    this.draw();
    this.drawAlerts();
  };

  Timeline.prototype.draw = function () {
    if (!this.data) return;
    var self = this, series = this.data.signal.series || [], alerts = this.data.alerts;
    var box = FP.clear(this.container);
    if (!series.length) { box.appendChild(FP.h("p", { class: "empty" }, "No dated events for " + this.data.label + ".")); return; }
    var W = Math.max(280, Math.round(box.getBoundingClientRect().width || 600)), H = 190;
    var m = { l: 30, r: 8, t: 18, b: 26 }, pw = W - m.l - m.r, ph = H - m.t - m.b;
    var step = STEP[this.data.signal.freq] || 1;
    var t0 = t(series[0].period), t1 = t(series[series.length - 1].period) + step * DAY;
    var x = function (ms) { return m.l + (ms - t0) / (t1 - t0) * pw; };
    var max = Math.max(1, Math.max.apply(null, series.map(function (p) { return p.events; })));
    var y = function (n) { return m.t + ph - n / max * ph; };
    var svg = FP.s("svg", { class: "tl-svg", viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img",
      "aria-label": "Events per " + this.data.signal.freq + " for " + this.data.label });
    var ticks = max <= 5 ? Array.from({ length: max + 1 }, function (_, i) { return i; }) : [0, Math.round(max / 2), max];
    ticks.forEach(function (v) {
      svg.appendChild(FP.s("line", { class: "grid", x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
      svg.appendChild(FP.s("text", { class: "axis", x: m.l - 4, y: y(v) + 3, "text-anchor": "end" }, String(v)));
    });
    var bw = Math.max(1, pw * step * DAY / (t1 - t0) - 1);
    series.forEach(function (p) {
      var base = 0, x0 = x(t(p.period));
      [4, 3, 2, 1, 0].forEach(function (q) {
        var n = (p.quad || [])[q] || 0;
        if (!n) return;
        svg.appendChild(FP.s("rect", { class: "bar q" + q, x: x0, width: bw, y: y(base + n), height: y(base) - y(base + n),
          fill: FP.quadColor(q), "data-period": p.period },
          FP.s("title", {}, p.period + ": " + n + " " + FP.QUAD[q].name + " (" + p.events + " events, " +
            p.fatalities + " deaths, Goldstein sum " + p.goldstein_sum + ")")));
        base += n;
      });
    });
    alerts.forEach(function (a) {
      var ax = x(t(a.period)), aw = Math.max(2, x(t(a.period) + (STEP[a.freq] || 7) * DAY) - ax);
      if (ax < m.l - 1 || ax > W - m.r + 1) return;
      var mark = FP.s("g", { class: "alert-mark sev-" + (a.severity || "elevated"), "data-alert": a.id, tabindex: 0 }, [
        FP.s("rect", { class: "band", x: ax, y: m.t, width: Math.min(aw, W - m.r - ax), height: ph }),
        FP.s("line", { x1: ax, x2: ax, y1: m.t, y2: m.t + ph }),
        FP.s("path", { d: "M" + ax + "," + (m.t - 2) + "l-6,-11h12z" }),
        FP.s("title", {}, "Alert " + a.period + ": " + (a.reason || ""))
      ]);
      mark.addEventListener("click", function () { self.onAlert(a); });
      svg.insertBefore(mark, svg.firstChild);  // behind the bars
    });
    var labels = [series[0], series[Math.floor(series.length / 2)], series[series.length - 1]];
    labels.forEach(function (p, i) {
      if (i > 0 && p === labels[i - 1]) return;
      svg.appendChild(FP.s("text", { class: "axis", x: Math.min(W - m.r, Math.max(m.l, x(t(p.period)))), y: H - 8,
        "text-anchor": i === 0 ? "start" : i === 2 ? "end" : "middle" }, p.period));
    });
    box.appendChild(svg);
  };

  Timeline.prototype.drawAlerts = function () {
    var self = this, list = FP.clear(this.list);
    this.data.alerts.slice(0, 6).forEach(function (a) {
      var li = FP.h("li", { class: "alert sev-" + (a.severity || "elevated"), tabindex: 0, role: "button",
        "data-alert": a.id }, [
        FP.h("strong", {}, cap(a.severity || "alert") + " \u00b7 " + a.freq + " of " + a.period),
        " ", FP.h("span", {}, a.reason || "")
      ]);
      li.addEventListener("click", function () { self.onAlert(a); });
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") self.onAlert(a); });
      list.appendChild(li);
    });
  };

  FP.Timeline = Timeline;
})(window.FP);
