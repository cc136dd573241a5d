/* flashpoint dashboard: wires filters, dyad table, map, timeline, event list and detail. */
"use strict";
(function (FP) {
  var PAGE = 25;
  var state = { filters: {}, dyad: null, offset: 0, total: 0, first: true };
  var $ = function (id) { return document.getElementById(id); };
  var map, timeline;

  function filterParams() {
    var f = state.filters;
    return { since: f.since, until: f.until, country: f.country, type: f.type, min_fatalities: f.min_fatalities };
  }

  function readForm() {
    state.filters = { since: $("f-since").value, until: $("f-until").value, country: $("f-country").value,
      type: $("f-type").value, min_fatalities: $("f-fat").value };
  }

  function writeHash() {
    var p = Object.assign({}, filterParams(), { dyad: state.dyad });
    var h = FP.query(p).slice(1);
    if (("#" + h) !== location.hash) history.replaceState(null, "", h ? "#" + h : location.pathname);
  }

  function readHash() {
    var p = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      try { p[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { /* ignore */ }
    });
    $("f-since").value = p.since || ""; $("f-until").value = p.until || "";
    $("f-fat").value = p.min_fatalities || "";
    state.pending = { country: p.country || "", type: p.type || "" };
    state.dyad = p.dyad && /^[A-Za-z]{2,6}-[A-Za-z]{2,6}$/.test(p.dyad) ? p.dyad.toUpperCase() : null;
  }

  function fillSelect(sel, values, chosen) {
    values.forEach(function (v) { sel.appendChild(FP.h("option", { value: v }, v)); });
    if (chosen && values.indexOf(chosen) < 0) sel.appendChild(FP.h("option", { value: chosen }, chosen));
    sel.value = chosen || "";
  }

  function loadFacets() {
    return FP.get("/api/facets").then(function (f) {
      fillSelect($("f-country"), f.countries, state.pending.country);
      fillSelect($("f-type"), f.types, state.pending.type);
      if (f.min_date) { $("f-since").min = $("f-until").min = f.min_date; }
      if (f.max_date) { $("f-since").max = $("f-until").max = f.max_date; }
      FP.status(f.events + " events from " + f.documents + " documents" +
        (f.min_date ? ", " + f.min_date + " to " + f.max_date : "") +
        (f.documents ? "" : ": store some with `flashpoint ingest` or `make run`"));
    });
  }

  function loadDyads() {
    return FP.get("/api/dyads", { limit: 50 }).then(function (body) {
      $("dyads-asof").textContent = body.as_of ? "as of " + body.as_of : "";
      var tb = FP.clear($("dyad-table").tBodies[0]);
      if (!body.items.length) tb.appendChild(FP.h("tr", {}, FP.h("td", { colspan: 7, class: "empty" }, "No dyads yet.")));
      body.items.forEach(function (d) {
        var tr = FP.h("tr", { "data-dyad": d.dyad, tabindex: 0, class: d.dyad === state.dyad ? "selected" : null,
          "aria-selected": d.dyad === state.dyad ? "true" : "false" }, [
          FP.h("td", { class: "dyad" }, FP.dyadLabel(d.dyad)),
          FP.h("td", { class: "num " + (d.escalation > 0 ? "up" : d.escalation < 0 ? "down" : "") },
            (d.escalation > 0 ? "+" : "") + d.escalation.toFixed(1)),
          FP.h("td", { class: "num" }, d.recent_events), FP.h("td", { class: "num" }, d.events),
          FP.h("td", { class: "num" }, d.fatalities), FP.h("td", { class: "num" + (d.alerts ? " alerted" : "") }, d.alerts),
          FP.h("td", { class: "date" }, d.last_date || "")
        ]);
        tr.addEventListener("click", function () { selectDyad(d.dyad === state.dyad ? null : d.dyad); });
        tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") tr.click(); });
        tb.appendChild(tr);
      });
      showSelectedRow();
    });
  }

  function showSelectedRow() {
    var wrap = document.querySelector(".dyads-card .table-wrap"), row = wrap.querySelector("tr.selected");
    if (!row) return;
    var top = row.offsetTop - wrap.querySelector("thead").offsetHeight;
    if (top < wrap.scrollTop || top + row.offsetHeight > wrap.scrollTop + wrap.clientHeight) wrap.scrollTop = top;
  }

  function eventItem(e) {
    var li = FP.h("li", { class: "event", "data-id": e.id, tabindex: 0, role: "button" }, [
      FP.h("span", { class: "swatch q" + (e.quad_class === null || e.quad_class === undefined ? 0 : e.quad_class) }),
      FP.h("div", { class: "ev-main" }, [
        FP.h("div", { class: "ev-title" }, FP.actorLabel(e.actor) + (e.recipient ? " \u2192 " + FP.actorLabel(e.recipient) : "")),
        FP.h("div", { class: "ev-meta" }, [FP.h("span", { class: "ev-type" }, FP.typeLabel(e)), " \u00b7 ", e.date || "undated",
          e.location ? " \u00b7 " + FP.placeLabel(e.location) : "",
          e.source_count > 1 ? " \u00b7 " + e.source_count + " sources" : ""])
      ]),
      e.fatalities ? FP.h("span", { class: "ev-deaths", title: "deaths" }, e.fatalities + "\u2020") : null
    ]);
    li.addEventListener("click", function () { openEvent(e.id); });
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") openEvent(e.id); });
    return li;
  }

  function loadEvents() {
    var params = Object.assign({}, filterParams(), { dyad: state.dyad, limit: PAGE, offset: state.offset });
    return FP.get("/api/events", params).then(function (page) {
      state.total = page.total;
      var list = FP.clear($("event-list"));
      if (!page.items.length) list.appendChild(FP.h("li", { class: "empty" }, "No events match."));
      page.items.forEach(function (e) { list.appendChild(eventItem(e)); });
      var to = Math.min(page.offset + page.items.length, page.total);
      $("ev-count").textContent = page.total ? (page.offset + 1) + "\u2013" + to + " of " + page.total +
        (state.dyad ? " \u00b7 " + FP.dyadLabel(state.dyad) : "") : "";
      $("ev-prev").disabled = page.offset <= 0;
      $("ev-next").disabled = to >= page.total;
      $("ev-clear").hidden = !state.dyad;
    });
  }

  function loadMap() {
    return FP.get("/api/events", Object.assign({}, filterParams(), { limit: 500 })).then(function (page) {
      map.highlight(state.dyad ? state.dyad.split("-") : null);
      var shown = map.setEvents(page.items, true);
      $("map-count").textContent = shown + " located" + (page.total > page.items.length ? " of the latest " + page.items.length : "");
    });
  }

  function loadTimeline() {
    var choice = $("tl-freq").value;
    var key = state.dyad ? { dyad: state.dyad } : state.filters.country ? { country: state.filters.country } : null;
    if (!key) {
      $("tl-key").textContent = "select a dyad or country";
      timeline.empty("Select a dyad in the table (or a country in the filters) to see its tension over time.");
      return Promise.resolve();
    }
    var label = state.dyad ? FP.dyadLabel(state.dyad) : state.filters.country;
    $("tl-key").textContent = label;
    return Promise.all([signalSeries(choice, key), alertsFor(key)])
      .then(function (r) { timeline.render(r[0], r[1], label); });
  }

  /* A dyad's own alerts and those of its two countries; a country's alerts. */
  function alertsFor(key) {
    var asks = key.dyad ? [{ dyad: key.dyad }].concat(key.dyad.split("-").map(function (c) { return { country: c }; })) : [key];
    return Promise.all(asks.map(function (k) { return FP.get("/api/alerts", Object.assign({ limit: 50 }, k)); }))
      .then(function (bodies) {
        var seen = {}, out = [];
        bodies.forEach(function (b) {
          b.items.forEach(function (a) { if (!seen[a.id]) { seen[a.id] = true; out.push(a); } });
        });
        return out.sort(function (a, b) { return a.period < b.period ? 1 : a.period > b.period ? -1 : 0; });
      });
  }

  /* "auto": days for a short history, weeks for a longer one, months beyond ~3 years. */
  function signalSeries(choice, key) {
    var order = choice === "auto" ? ["day", "week", "month"] : [choice];
    var limits = { day: 120, week: 160, month: Infinity };
    function attempt(i) {
      return FP.get("/api/signals", Object.assign({ freq: order[i], since: state.filters.since,
        until: state.filters.until }, key)).then(function (sig) {
        return sig.series.length > limits[order[i]] && i + 1 < order.length ? attempt(i + 1) : sig;
      });
    }
    return attempt(0);
  }

  function refresh() {
    writeHash();
    return Promise.all([loadEvents(), loadMap(), loadTimeline()]).catch(function (err) {
      FP.status("Could not load data: " + err.message, true);
    });
  }

  function selectDyad(dyad) {
    state.dyad = dyad;
    state.offset = 0;
    Array.prototype.forEach.call($("dyad-table").tBodies[0].rows, function (tr) {
      var on = tr.getAttribute("data-dyad") === dyad;
      tr.classList.toggle("selected", on);
      tr.setAttribute("aria-selected", on ? "true" : "false");
    });
    refresh();
  }

  function openEvent(id) {
    FP.get("/api/events/" + encodeURIComponent(id)).then(function (e) {
      var body = FP.clear($("detail-body"));
      body.appendChild(FP.renderDetail(e));
      $("detail").hidden = false;
      $("detail-close").focus();
    }).catch(function (err) { FP.status("Could not load the event: " + err.message, true); });
  }

  function closeDetail() { $("detail").hidden = true; }

  function onAlert(a) {
    var start = new Date(Date.parse(a.period + "T00:00:00Z"));
    var days = a.freq === "month" ? 30 : a.freq === "week" ? 6 : 0;
    var end = new Date(start.getTime() + days * 86400000);
    $("f-since").value = a.period;
    $("f-until").value = end.toISOString().slice(0, 10);
    readForm();
    state.offset = 0;
    refresh();
  }

  function init() {
    map = new FP.EventMap($("map"), openEvent);
    timeline = new FP.Timeline($("timeline"), $("alerts"), onAlert);
    readHash();
    $("filters").addEventListener("submit", function (ev) { ev.preventDefault(); readForm(); state.offset = 0; refresh(); });
    $("f-reset").addEventListener("click", function () {
      $("filters").reset(); readForm(); state.dyad = null; state.offset = 0; selectDyad(null);
    });
    $("tl-freq").addEventListener("change", loadTimeline);
    window.addEventListener("hashchange", function () {  // a pasted or edited link
      readHash();
      $("f-country").value = state.pending.country; $("f-type").value = state.pending.type;
      readForm(); state.offset = 0; selectDyad(state.dyad);
    });
    $("map-world").addEventListener("click", function () { map.world(); });
    $("ev-prev").addEventListener("click", function () { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
    $("ev-next").addEventListener("click", function () { state.offset += PAGE; loadEvents(); });
    $("ev-clear").addEventListener("click", function () { selectDyad(null); });
    $("detail-close").addEventListener("click", closeDetail);
    $("detail").addEventListener("click", function (ev) { if (ev.target === $("detail")) closeDetail(); });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeDetail(); });
    var resizing;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { timeline.draw(); map.drawDots(); }, 150);
    });
    Promise.all([loadFacets(), map.load()]).then(function () {
      readForm();
      return Promise.all([loadDyads(), refresh()]);
    }).then(function () { document.body.setAttribute("data-ready", "1"); })
      .catch(function (err) { FP.status("Could not load data: " + err.message, true); });
  }

  document.addEventListener("DOMContentLoaded", init);
})(window.FP);
