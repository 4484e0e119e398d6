/* geoevents: shapes beside the events, region outlines and the caller's areas.
 *
 * Loaded after geoevents_map.js, which draws with it. An event known only to its
 * region (geo_precision 3) whose division has an outline shows that outline, lightly,
 * in its type's colour: one outline per division and type, shown while at least one of
 * its events passes the filters (types, dates, playback), whether clustered or not. The
 * outlines take no clicks: the event's own dot opens its popup. Areas (map_events(areas=))
 * lie under the events, each shown while its period overlaps the dates shown (undated
 * areas always); one toggle button in the legend hides and shows them all. Their popups
 * give the label and the dates. Every text from the data goes in with textContent (through
 * GeoEvents.util.el); colours are checked by safeColor before they meet a style.
 */
(function () {
  "use strict";
  var G = window.GeoEvents;
  if (!G || G.regions) {
    return;
  }
  var u = G.util;
  var REGION_FILL = 0.08; // a division's fill, shared among the types whose outline it shows

  // a pane of this name at this height (overlays are at 400, markers at 600)
  function pane(map, name, z, clickable) {
    if (!map.getPane(name)) {
      var node = map.createPane(name);
      node.style.zIndex = String(z);
      if (!clickable) node.style.pointerEvents = "none";
    }
    return name;
  }

  function attribute(map) {
    if (map.attributionControl) {
      map.attributionControl.addAttribution(
        'Regions: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
      );
    }
  }

  // data.regions: {shapes: [GeoJSON geometry], names: [...], of: [outline of each event,
  // -1 for none]}; null when no event has an outline. Returns of (an Int32Array),
  // name(i) (the division of event i, or null), update(ids) (the events shown now) and
  // group (the layer that holds the outlines shown).
  G.regions = function (map, data) {
    var R = data.regions;
    if (!R || !R.shapes || !R.shapes.length || data.agg) return null;
    var n = data.lat.length;
    var ncat = Math.max(1, data.cats.length);
    var of = new Int32Array(n).fill(-1);
    for (var i = 0; i < n && i < R.of.length; i++) {
      var s = R.of[i];
      if (typeof s === "number" && s >= 0 && s < R.shapes.length) of[i] = s;
    }
    var where = pane(map, "geoevents-regions", 390, false);
    var group = L.layerGroup().addTo(map);
    var made = {};
    var on = new Uint8Array(R.shapes.length * ncat);
    attribute(map);

    // the outline of division s in the colour of category c, made when first shown
    function layer(key) {
      if (!made[key]) {
        var color = u.safeColor(data.colors[key % ncat]);
        made[key] = L.geoJSON(R.shapes[Math.floor(key / ncat)], {
          pane: where,
          interactive: false,
          className: "ge-region",
          style: { color: color, weight: 1, opacity: 0.65, fillColor: color,
            fillOpacity: REGION_FILL, className: "ge-region" },
        });
        made[key].geRegion = R.names[Math.floor(key / ncat)];
      }
      return made[key];
    }

    return {
      of: of,
      group: group,
      name: function (i) { return of[i] >= 0 ? R.names[of[i]] : null; },
      // the outlines of the events shown (ids): those now needed added, the rest removed;
      // a division outlined for several types shares its fill among them, so that it
      // stays as light as one (its tint their mix)
      update: function (ids) {
        var now = new Uint8Array(on.length);
        var types = new Uint8Array(R.shapes.length);
        for (var q = 0; q < ids.length; q++) {
          var j = ids[q];
          var key = of[j] * ncat + data.c[j];
          if (of[j] >= 0 && !now[key]) {
            now[key] = 1;
            types[of[j]]++;
          }
        }
        for (var k = 0; k < on.length; k++) {
          if (now[k]) {
            var fill = REGION_FILL / types[Math.floor(k / ncat)];
            var outline = layer(k);
            if (outline.geFill !== fill) {
              outline.setStyle({ fillOpacity: fill });
              outline.geFill = fill;
            }
            if (!on[k]) group.addLayer(outline);
          } else if (on[k]) {
            group.removeLayer(layer(k));
          }
        }
        on = now;
      },
      shown: function () {
        var out = [];
        for (var k = 0; k < on.length; k++) {
          if (on[k]) out.push([R.names[Math.floor(k / ncat)], data.cats[k % ncat]]);
        }
        return out;
      },
    };
  };

  function dates(a) {
    if (a.start !== null && a.end !== null) {
      return a.start === a.end ? u.isoDay(a.start) : u.isoDay(a.start) + " to " + u.isoDay(a.end);
    }
    if (a.start !== null) return "from " + u.isoDay(a.start);
    if (a.end !== null) return "until " + u.isoDay(a.end);
    return "undated (shown at every date)";
  }

  function popupFor(doc, a) {
    var box = u.el("div", "ge-popup ge-area-popup");
    var head = u.el("div", "ge-head", null, box);
    u.el("span", "ge-swatch", null, head).style.background = u.safeColor(a.color);
    u.el("strong", null, a.label, head);
    u.el("span", "ge-sub", " \u00b7 " + doc.name, head);
    [["Dates", dates(a)], ["Row", a.row]].forEach(function (pair) {
      var line = u.el("div", "ge-row", null, box);
      u.el("span", "ge-label", pair[0] + ": ", line);
      u.el("span", "ge-value", pair[1], line);
    });
    return box;
  }

  // doc: the areas' document (name, areas, legend, first, last, bounds); null when none.
  // Returns setRange(lo, hi, all) (the dates shown; all: every date), legend(form) (puts
  // the areas' entry in a legend), shown() (how many areas are drawn) and layers.
  G.areas = function (map, doc) {
    if (!doc || !doc.areas) return null;
    var where = pane(map, "geoevents-areas", 350, true);
    var group = L.layerGroup().addTo(map);
    var on = true;
    var range = { lo: null, hi: null, all: true };
    var drawn = doc.areas.map(function () { return false; });
    var layers = doc.areas.map(function (a) {
      var color = u.safeColor(a.color);
      var layer = L.geoJSON(a.geometry, {
        pane: where,
        className: "ge-area-shape",
        style: { color: color, weight: 1.5, opacity: 0.9, fillColor: color, fillOpacity: 0.22,
          className: "ge-area-shape" },
      });
      layer.bindPopup(function () { return popupFor(doc, a); }, { maxWidth: 300 });
      return layer;
    });

    function visible(a) {
      if (!on) return false;
      if (range.all) return true;
      return (a.start === null || range.hi === null || a.start <= range.hi) &&
        (a.end === null || range.lo === null || a.end >= range.lo);
    }

    function apply() {
      doc.areas.forEach(function (a, k) {
        var now = visible(a);
        if (now && !drawn[k]) group.addLayer(layers[k]);
        else if (!now && drawn[k]) group.removeLayer(layers[k]);
        drawn[k] = now;
      });
    }

    function legend(form) {
      var box = u.el("div", "ge-areas", null, form);
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", doc.name);
      var button = u.el("button", "ge-areas-toggle", null, box);
      button.type = "button";
      button.setAttribute("aria-pressed", "true");
      u.el("span", "ge-areas-box", null, button).setAttribute("aria-hidden", "true");
      u.el("span", "ge-cat", doc.name, button);
      u.el("span", "ge-n", " (" + doc.areas.length + ")", button);
      button.title = "Hide or show " + doc.name;
      button.addEventListener("click", function () {
        on = !on;
        button.setAttribute("aria-pressed", on ? "true" : "false");
        apply();
      });
      var list = u.el("div", "ge-areas-key", null, box);
      doc.legend.forEach(function (entry) {
        var line = u.el("div", "ge-areas-item", null, list);
        u.el("span", "ge-swatch", null, line).style.background = u.safeColor(entry.color);
        u.el("span", "ge-cat", entry.label, line);
        u.el("span", "ge-n", " (" + Number(entry.count) + ")", line);
      });
      return button;
    }

    return {
      setRange: function (lo, hi, all) {
        range = { lo: lo, hi: hi, all: !!all };
        apply();
      },
      legend: legend,
      layers: layers,
      group: group,
      shown: function () { return drawn.filter(function (d) { return d; }).length; },
    };
  };
})();
