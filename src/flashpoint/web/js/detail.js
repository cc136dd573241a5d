/* The event detail: codes, and for every mention the evidence sentence with actor,
   recipient and place marked (from the stored spans) and links to its source. */
"use strict";
(function (FP) {
  var ROLE_LABEL = { actor: "actor", recipient: "recipient", place: "place" };

  /* The sentence as text nodes and <mark>s; highlights are disjoint, sentence-relative. */
  FP.evidence = function (ev) {
    var text = ev.text || "", p = FP.h("p", { class: "evidence" }), at = 0;
    (ev.highlights || []).forEach(function (hl) {
      if (hl.start < at || hl.end > text.length) return;
      if (hl.start > at) p.appendChild(document.createTextNode(text.slice(at, hl.start)));
      p.appendChild(FP.h("mark", { class: hl.role, title: ROLE_LABEL[hl.role] || hl.role }, text.slice(hl.start, hl.end)));
      at = hl.end;
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  };

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function row(label, value) {
    return value === null || value === undefined || value === "" ? null : FP.h("tr", {}, [FP.h("th", {}, label), FP.h("td", {}, String(value))]);
  }

  FP.renderDetail = function (e) {
    var docs = {};
    (e.documents || []).forEach(function (d) { docs[d.id + "@" + d.version] = d; });
    var loc = e.location || {};
    var head = FP.h("div", { class: "detail-head" }, [
      FP.h("span", { class: "chip" }, [FP.h("span", { class: "swatch q" + (e.quad_class || 0) }), FP.typeLabel(e)]),
      FP.h("h3", { id: "detail-title" }, FP.actorLabel(e.actor) + (e.recipient ? " \u2192 " + FP.actorLabel(e.recipient) : "")),
      FP.h("p", { class: "meta" }, [e.date || "date unknown", loc.name ? " \u00b7 " + FP.placeLabel(loc) : "",
        e.fatalities ? " \u00b7 " + e.fatalities + " killed" : "", e.injuries ? " \u00b7 " + e.injuries + " injured" : "",
        " \u00b7 " + (e.source_count || 0) + " source(s)"])
    ]);
    var codes = FP.h("table", { class: "codes" }, [
      row("PLOVER", [e.plover, e.mode].filter(Boolean).join(" / ")), row("CAMEO", e.cameo),
      row("Goldstein", e.goldstein), row("Quad class", e.quad_class !== null && e.quad_class !== undefined ?
        e.quad_class + " (" + (FP.QUAD[e.quad_class] || FP.QUAD[0]).name + ")" : null),
      row("ACLED", [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" \u2014 ")),
      row("Weapons", (e.weapons || []).join(", ")), row("Status", e.status),
      row("Coordinates", typeof loc.lat === "number" ? loc.lat.toFixed(3) + ", " + loc.lon.toFixed(3) : null),
      row("Event id", e.id)
    ].filter(Boolean));
    var mentions = FP.h("ol", { class: "mentions" }, (e.mentions || []).map(function (m) {
      var d = docs[m.doc_id + "@" + m.doc_version] || { id: m.doc_id };
      var url = safeUrl(d.url);
      return FP.h("li", { class: "mention" }, [
        FP.evidence(m.evidence || {}),
        FP.h("p", { class: "source" }, [
          FP.h("strong", {}, d.source || "unknown outlet"), d.published ? " \u00b7 " + d.published : "", " \u00b7 ",
          url ? FP.h("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow", class: "src-link" }, d.title || url)
            : FP.h("span", {}, d.title || d.id),
          " \u00b7 ", FP.h("a", { href: "/api/documents/" + encodeURIComponent(d.id), target: "_blank", rel: "noopener" }, "stored text")
        ])
      ]);
    }));
    var legend = FP.h("p", { class: "mark-legend" }, [FP.h("mark", { class: "actor" }, "actor"), " ",
      FP.h("mark", { class: "recipient" }, "recipient"), " ", FP.h("mark", { class: "place" }, "place")]);
    return FP.h("div", {}, [head, codes, FP.h("h4", {}, "Evidence (" + (e.mentions || []).length + " mention(s))"), legend, mentions]);
  };
})(window.FP);
