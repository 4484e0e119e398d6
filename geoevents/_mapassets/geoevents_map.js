/* geoevents: draws an events payload (one JSON document) on a Leaflet map.
 *
 * Written for geoevents; loaded once per page. Every text value from the data is
 * put into the page with textContent (or escapeHtml where Leaflet wants HTML), and
 * links are made only for http(s) URLs.
 */
(function () {
  "use strict";
  if (window.GeoEvents) {
    return;
  }
  var DAY_MS = 86400000;
  var AREA_M = { 2: 25000, 3: 200000 };
  var PRECISION_TEXT = {
    1: "the named place",
    2: "near the place (within ~25 km)",
    3: "only the region is known (~200 km)",
  };
  var TIME_TEXT = { 2: "week of", 3: "month of" };

  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function safeUrl(value) {
    return typeof value === "string" && /^https?:\/\/[^\s]+$/i.test(value) ? value : null;
  }

  function safeColor(value) {
    // colours were checked in Python; checked again before they meet HTML
    return /^(#[0-9a-f]{3,8}|[a-z]{3,30})$/i.test(String(value)) ? String(value) : "#888888";
  }

  function el(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function decode(node) {
    var raw = JSON.parse(node.textContent);
    if (!raw.gzip) {
      return Promise.resolve(raw);
    }
    var bin = atob(raw.gzip);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function text(data, field, i) {
    var col = data.text[field];
    if (!col) return null;
    var code = col[1][i];
    return code < 0 ? null : col[0][code];
  }

  function uncertainty(status) {
    if (!status) return null;
    var s = String(status).toLowerCase();
    if (s.indexOf("unconfirmed") >= 0) return "Unconfirmed";
    if (s.indexOf("claimed") >= 0) return "Claimed";
    return null;
  }

  function row(parent, label, value) {
    if (value === null || value === undefined || value === "") return null;
    var line = el("div", "ge-row", null, parent);
    el("span", "ge-label", label + ": ", line);
    el("span", "ge-value", value, line);
    return line;
  }

  function popupFor(data, i, regions) {
    var box = el("div", "ge-popup");
    var head = el("div", "ge-head", null, box);
    var swatch = el("span", "ge-swatch", null, head);
    swatch.style.background = data.colors[data.c[i]];
    var agg = data.agg;
    if (agg) {
      el("strong", null, agg.n[i] + (agg.n[i] === 1 ? " event" : " events"), head);
      el("span", "ge-sub", " · " + data.cats[data.c[i]], head);
    } else {
      el("strong", null, text(data, "event_type", i) || data.cats[data.c[i]], head);
      var sub = text(data, "sub_event_type", i);
      if (sub) el("span", "ge-sub", " · " + sub, head);
      var status = uncertainty(text(data, "status", i));
      if (status) el("span", "ge-status", "\u26a0 " + status, box);
    }
    var day = data.day[i];
    if (day !== null) {
      var when = isoDay(day);
      var prefix = agg ? agg.period_text : TIME_TEXT[data.tp ? data.tp[i] : 1];
      row(box, "Date", prefix ? prefix + " " + when : when);
    } else {
      row(box, "Date", "unknown");
    }
    if (agg) {
      row(box, "Fatalities", agg.fat[i]);
      row(box, "Where", "a " + agg.cell_km + " km cell around " +
        data.lat[i].toFixed(2) + ", " + data.lon[i].toFixed(2));
      return box;
    }
    var a1 = text(data, "actor1", i);
    var a2 = text(data, "actor2", i);
    row(box, "Actors", a1 && a2 ? a1 + " \u2013 " + a2 : a1 || a2);
    var place = [text(data, "location", i), text(data, "admin1", i), text(data, "country", i)]
      .filter(function (x) { return x; })
      .join(", ");
    row(box, "Place", place);
    var prec = data.prec[i];
    var region = regions ? regions.name(i) : null;
    row(box, "Precision", region !== null ? prec + " \u2013 only the region is known: " + region +
      " (outlined)" : PRECISION_TEXT[prec] ? prec + " \u2013 " + PRECISION_TEXT[prec] : null);
    row(box, "Fatalities", data.fat[i]);
    var notes = text(data, "notes", i);
    if (notes) el("p", "ge-notes", notes, box);
    var source = text(data, "source", i);
    var url = text(data, "source_url", i);
    if (source || url) {
      var line = el("div", "ge-row ge-source", null, box);
      el("span", "ge-label", "Source: ", line);
      var href = safeUrl(url);
      if (href) {
        var a = el("a", null, source || url, line);
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      } else {
        el("span", "ge-value", source || url, line);
      }
    }
    return box;
  }

  function pinIcon(color, uncertain) {
    // the colour is set on the node's style, never written into HTML
    var icon = L.divIcon({
      className: "ge-pin" + (uncertain ? " ge-uncertain" : ""),
      html: "<span></span>",
      iconSize: [16, 16],
      iconAnchor: [8, 16],
      popupAnchor: [0, -14],
    });
    icon.geColor = color;
    var create = icon.createIcon;
    icon.createIcon = function (old) {
      var node = create.call(icon, old);
      node.firstChild.style.background = color;
      node.firstChild.style.borderColor = uncertain ? color : "#fff";
      return node;
    };
    return icon;
  }

  // what a keyboard user hears on reaching event (or cell) i: its type, place and date
  function spoken(data, i, regions) {
    var agg = data.agg;
    var what = agg ? agg.n[i] + (agg.n[i] === 1 ? " event, " : " events, ") + data.cats[data.c[i]]
      : text(data, "event_type", i) || data.cats[data.c[i]];
    var where = agg ? "a " + agg.cell_km + " km cell" : text(data, "location", i) ||
      text(data, "admin1", i) || (regions ? regions.name(i) : null) || text(data, "country", i);
    var day = data.day[i];
    var prefix = agg ? agg.period_text : TIME_TEXT[data.tp ? data.tp[i] : 1];
    var when = day === null ? "date unknown" : (prefix ? prefix + " " : "") + isoDay(day);
    return [what, where, when].filter(function (x) { return x; }).join(", ");
  }

  // a layer that takes the focus from the keyboard (not from a click) is brought into
  // view by panning, at the zoom the map is at (Leaflet's own autoPanOnFocus would round
  // a fitted, fractional zoom, and a change of zoom folds the events spread)
  function panToFocus(map, layer, node) {
    if (!map.hasLayer(layer) || !node.matches(":focus-visible")) return;
    var size = map.getSize();
    var p = map.latLngToContainerPoint(layer.getLatLng());
    var m = 30;
    var dx = p.x < m ? p.x - m : p.x > size.x - m ? p.x - size.x + m : 0;
    var dy = p.y < m ? p.y - m : p.y > size.y - m ? p.y - size.y + m : 0;
    if (dx || dy) map.panBy([dx, dy], { animate: false });
  }

  // an event's layer (pin, dot or circle) reached from the keyboard: in the tab order,
  // a button labelled by label() (as text), Enter or Space opens and closes its popup,
  // Escape closes it. Set each time it is drawn: Leaflet makes its element anew.
  function focusable(map, layer, label) {
    layer.on("add", function () {
      var node = layer.getElement();
      if (!node) return;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", label());
      node.addEventListener("focus", function () { panToFocus(map, layer, node); });
    });
    layer.on("keydown", function (e) {
      var key = e.originalEvent.key;
      if (key === "Enter" || key === " ") {
        if (layer.isPopupOpen()) layer.closePopup();
        else layer.openPopup();
      } else if (key === "Escape" && layer.isPopupOpen()) {
        layer.closePopup(); // and nothing else this time (see geoevents_clusters.js)
      } else {
        return;
      }
      L.DomEvent.preventDefault(e.originalEvent);
    });
  }

  function makeLayer(map, data, i, icons, regions) {
    var ll = [data.lat[i], data.lon[i]];
    var color = data.colors[data.c[i]];
    var layer;
    if (data.agg) {
      var n = data.agg.n[i];
      layer = L.circleMarker(ll, {
        radius: Math.min(30, 4 + 2 * Math.sqrt(n)),
        color: color, weight: 1, fillColor: color, fillOpacity: 0.55,
        className: "ge-cell",
      });
      layer.geWeight = n;
    } else {
      var uncertain = uncertainty(text(data, "status", i)) !== null;
      var prec = data.prec[i];
      if (regions && regions.of[i] >= 0) {
        // its region's outline is drawn (see geoevents_shapes.js): a dot at its seat
        layer = L.circleMarker(ll, {
          radius: 5.5, color: uncertain ? color : "#ffffff", weight: 2, opacity: 1,
          fillColor: uncertain ? "#ffffff" : color, fillOpacity: 1,
          dashArray: uncertain ? "3 2" : null, className: "ge-region-dot",
        });
      } else if (AREA_M[prec]) {
        layer = L.circle(ll, {
          radius: AREA_M[prec],
          color: color, weight: 1.5, opacity: 0.8, fillColor: color, fillOpacity: 0.15,
          dashArray: uncertain ? "6 5" : null,
          className: "ge-area ge-area-" + prec,
        });
      } else {
        var key = data.c[i] + (uncertain ? "u" : "");
        if (!icons[key]) icons[key] = pinIcon(color, uncertain);
        layer = L.marker(ll, { icon: icons[key], keyboard: true, autoPanOnFocus: false });
      }
    }
    layer.geIndex = i;
    layer.bindPopup(function () { return popupFor(data, i, regions); }, { maxWidth: 340 });
    focusable(map, layer, function () { return spoken(data, i, regions); });
    return layer;
  }

  // the first and last day of the events (null when none is dated)
  function dayRange(data) {
    var lo = null;
    var hi = null;
    for (var k = 0; k < data.day.length; k++) {
      var d = data.day[k];
      if (d === null) continue;
      if (lo === null || d < lo) lo = d;
      if (hi === null || d > hi) hi = d;
    }
    return [lo, hi];
  }

  // the range of days [lo, hi] widened to take in first and last (each may be null)
  function widened(days, first, last) {
    var out = days.slice();
    [first, last].forEach(function (d) {
      if (d === null || d === undefined) return;
      if (out[0] === null || d < out[0]) out[0] = d;
      if (out[1] === null || d > out[1]) out[1] = d;
    });
    return out;
  }

  // a list of layers, made when first drawn or asked for: a page of 100,000 events
  // makes only those it shows alone (in clusters, an event needs no layer)
  function lazyLayers(n, make) {
    var made = new Array(n);
    var at = function (i) { return made[i] || (made[i] = make(i)); };
    var list = new Proxy(made, {
      get: function (target, key) {
        return typeof key === "string" && /^\d+$/.test(key) && +key < n ? at(+key) : target[key];
      },
    });
    return { at: at, list: list };
  }

  // choose(lo, hi, undated, catOn): the events of the checked categories dated lo..hi
  // (and the undated ones if asked), in `order` (event indices; null: as they come).
  // The dated are looked up in a list sorted by day: a playback window costs its own
  // events, not all of them.
  function chooser(data, order) {
    var n = data.day.length;
    var rank = new Int32Array(n);
    var q;
    for (q = 0; q < n; q++) rank[order ? order[q] : q] = q;
    var undated = [];
    var d0 = Infinity;
    for (q = 0; q < n; q++) {
      var j = order ? order[q] : q;
      if (data.day[j] === null) undated.push(j);
      else d0 = Math.min(d0, data.day[j]);
    }
    // by day, then by rank: one number each, sorted as numbers
    var keys = new Float64Array(n - undated.length);
    var t = 0;
    for (q = 0; q < n; q++) {
      if (data.day[q] !== null) keys[t++] = (data.day[q] - d0) * n + rank[q];
    }
    keys.sort();
    var dated = new Int32Array(keys.length);
    var dayOf = new Float64Array(keys.length);
    for (t = 0; t < keys.length; t++) {
      var r = keys[t] % n;
      dated[t] = order ? order[r] : r;
      dayOf[t] = (keys[t] - r) / n + d0;
    }
    function first(day, after) { // the first place in dayOf past day (after) or at it
      var a = 0;
      var b = dayOf.length;
      while (a < b) {
        var mid = (a + b) >> 1;
        if (dayOf[mid] < day || (after && dayOf[mid] === day)) a = mid + 1;
        else b = mid;
      }
      return a;
    }
    return function (lo, hi, withUndated, catOn) {
      var a = lo === null ? 0 : first(lo, false);
      var b = hi === null ? 0 : first(hi, true);
      var out = new Int32Array(Math.max(0, b - a) + (withUndated ? undated.length : 0));
      var m = 0;
      var t;
      if (withUndated && a === 0 && b === dated.length) { // all dates: in order already
        for (t = 0; t < n; t++) {
          var k = order ? order[t] : t;
          if (catOn[data.c[k]]) out[m++] = k;
        }
        return out.subarray(0, m);
      }
      for (t = a; t < b; t++) if (catOn[data.c[dated[t]]]) out[m++] = rank[dated[t]];
      if (withUndated) {
        for (t = 0; t < undated.length; t++) {
          if (catOn[data.c[undated[t]]]) out[m++] = rank[undated[t]];
        }
      }
      out = out.subarray(0, m).sort(); // ranks in order, then back to events
      for (t = 0; t < m; t++) out[t] = order ? order[out[t]] : out[t];
      return out;
    };
  }

  // a group without clusters: the events now shown (ids) added, those no longer removed
  function redraw(group, shown, ids, layerAt) {
    var now = new Uint8Array(shown.length);
    for (var q = 0; q < ids.length; q++) now[ids[q]] = 1;
    for (var j = 0; j < shown.length; j++) {
      if (now[j] && !shown[j]) group.addLayer(layerAt(j));
      else if (!now[j] && shown[j]) group.removeLayer(layerAt(j));
    }
    return now;
  }

  function draw(map, data, opts, api) {
    var n = data.lat.length;
    var cats = data.cats;
    var catOn = cats.map(function () { return true; });
    var icons = {};
    var areas = GeoEvents.areas(map, data.areas || null); // under the events
    var regions = GeoEvents.regions(map, data);
    var layers = lazyLayers(n, function (i) { return makeLayer(map, data, i, icons, regions); });
    var weight = data.agg ? data.agg.n : null;
    var group;
    if (opts.cluster) {
      group = new GeoEvents.ClusterLayer({
        lat: data.lat, lon: data.lon, cat: data.c, weight: weight,
        colors: data.colors, names: cats, layerAt: layers.at,
      });
    } else {
      group = L.featureGroup();
    }
    group.addTo(map);
    if (regions) { // the outlines come and go with the events' own layer
      group.on("add", function () { regions.group.addTo(map); });
      group.on("remove", function () { regions.group.remove(); });
    }
    var heat = null;
    if (opts.heat && L.heatLayer) {
      heat = L.heatLayer([], { radius: 18, blur: 22, minOpacity: 0.3 });
      heat.addTo(map);
    }

    // what is shown: checked categories, within the chosen dates (a playback window
    // leaves out undated events, as does any range short of all dates)
    var days = dayRange(data);
    if (areas) days = widened(days, data.areas.first, data.areas.last);
    var dmin = days[0];
    var dmax = days[1];
    var range = { lo: dmin, hi: dmax, windowed: false };
    var choose = chooser(data, opts.cluster ? group.order : null);
    var shown = opts.cluster ? null : new Uint8Array(n);
    var nShown = 0;
    var nEvents = 0;

    var pending = null;
    function refilter() {
      api.busy = true;
      var all = !range.windowed && range.lo === dmin && range.hi === dmax;
      var ids = choose(range.lo, range.hi, all, catOn);
      var points = [];
      nShown = ids.length;
      nEvents = 0;
      for (var q = 0; q < ids.length; q++) {
        var j = ids[q];
        nEvents += weight ? weight[j] : 1;
        if (heat) points.push([data.lat[j], data.lon[j], weight ? weight[j] : 1]);
      }
      if (opts.cluster) group.setShown(ids);
      else shown = redraw(group, shown, ids, layers.at);
      if (regions) regions.update(ids);
      if (areas) areas.setRange(range.lo, range.hi, all);
      if (heat) {
        // saturate where events are densest, not at the first one
        heat.setOptions({ max: Math.max(1, Math.sqrt(nEvents) / 4) });
        heat.setLatLngs(points);
      }
      api.update();
      if (!pending) {
        api.busy = false;
        api.ready = true;
      }
    }

    function schedule() {
      api.busy = true;
      if (pending) clearTimeout(pending);
      pending = setTimeout(function () { pending = null; refilter(); }, 60);
    }

    legend(map, data, opts, group, heat, areas, function (ci, on) {
      catOn[ci] = on;
      schedule();
    });

    var keys = data.agg ? ["Circles: events per " + data.agg.cell_km + " km cell and " +
      data.agg.period + "; clusters add them up"] : [
      "Pin: at the named place",
      "Circle: only near it (~25 km) or in its region (~200 km)",
      "Dashed, \u26a0: unconfirmed or claimed",
      "Cluster: its count, and a ring of its types in the legend's colours",
    ];
    if (regions) {
      keys.splice(1, 1, "Circle: only near it (~25 km), or in a region with no outline (~200 km)",
        "Dot and shaded outline: only its region is known");
    }
    // playback windows no shorter than the period of aggregated cells (dated by its start)
    var units = ["day", "week", "month", "year"];
    units = units.slice(data.agg ? Math.max(0, units.indexOf(data.agg.period)) : 0,
      data.agg && data.agg.period === "year" ? 4 : 3);
    var time = GeoEvents.timeControl(map, {
      dmin: dmin, dmax: dmax, keys: keys, units: units,
      onRange: function (lo, hi, windowed, now) {
        range.lo = lo;
        range.hi = hi;
        range.windowed = windowed;
        if (!now) {
          schedule();
          return;
        }
        if (pending) clearTimeout(pending);
        pending = null;
        refilter();
      },
    });

    var total = data.agg ? data.agg.total : n;
    api.update = function () {
      if (data.agg) {
        time.count.textContent = "Showing " + nShown + " of " + n + " cells: " + nEvents +
          " of " + total + " events";
      } else {
        time.count.textContent = "Showing " + nShown + " of " + n + " events";
      }
    };
    api.shown = function () { return nShown; };
    api.events = function () { return nEvents; };
    api.playback = time.playback;
    api.map = map;
    api.group = group;
    api.heat = heat;
    api.layers = layers.list;
    api.regions = regions;
    api.areas = areas;
    refilter();
  }

  // one layer per category in a layer control, which is also the legend (a colour
  // swatch and a count per category); toggling one calls toggled(category, on)
  function legend(map, data, opts, group, heat, areas, toggled) {
    var overlays = {};
    data.cats.forEach(function (cat, ci) {
      var proxy = L.layerGroup().addTo(map);
      proxy.on("add", function () { toggled(ci, true); });
      proxy.on("remove", function () { toggled(ci, false); });
      var label = '<span class="ge-swatch" style="background:' + safeColor(data.colors[ci]) +
        '"></span><span class="ge-cat">' + escapeHtml(cat) + "</span>" +
        ' <span class="ge-n">(' + Number(data.counts[ci]) + ")</span>";
      overlays[label] = proxy;
    });
    var all = {};
    all['<span class="ge-cat">' + escapeHtml(opts.name) + "</span>"] = group;
    if (heat) all['<span class="ge-cat">Heat map</span>'] = heat;
    Object.keys(overlays).forEach(function (k) { all[k] = overlays[k]; });
    var control = L.control.layers(null, all, { collapsed: false, position: "topright" });
    control.addTo(map);
    var container = control.getContainer();
    L.DomUtil.addClass(container, "ge-layers");
    L.DomUtil.addClass(container, "ge-legend");
    var form = container.querySelector(".leaflet-control-layers-list");
    form.insertBefore(el("div", "ge-title", opts.name), form.firstChild);
    if (areas) areas.legend(form);
  }

  function outlines(map, node) {
    var data = JSON.parse(node.textContent);
    if (!map.getPane("geoevents-outlines")) {
      var pane = map.createPane("geoevents-outlines");
      pane.style.zIndex = 150; // under the tiles (200): shown where no tiles load
      pane.style.pointerEvents = "none";
    }
    map.getContainer().style.background = "#dce8f1";
    L.geoJSON(data, {
      pane: "geoevents-outlines",
      interactive: false,
      style: { color: "#9a9a9a", weight: 0.7, fillColor: "#f5f3ee", fillOpacity: 1 },
      attribution: "Outlines: Natural Earth",
    }).addTo(map);
  }

  // a button beside the zoom buttons that brings into view the events the first view
  // leaves out (far from the rest), and back
  function showAll(map, opts, fitTo) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var bar = el("div", "leaflet-bar ge-fit-all");
      var button = el("button", "ge-fit-button", "\u2922", bar);
      var far = opts.left_out === 1 ? "1 event" : opts.left_out + " events";
      var label = "Show all events, with " + far + " far from the rest";
      button.type = "button";
      button.title = label;
      button.setAttribute("aria-label", label);
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        var all = button.getAttribute("aria-pressed") !== "true";
        fitTo(all ? opts.fit_all : opts.fit);
        button.setAttribute("aria-pressed", all ? "true" : "false");
        var text = all ? "Back to the bulk of the events" : label;
        button.title = text;
        button.setAttribute("aria-label", text);
      });
      L.DomEvent.disableClickPropagation(bar);
      return bar;
    };
    control.addTo(map);
  }

  window.GeoEvents = {
    instances: [],
    escapeHtml: escapeHtml,
    util: { el: el, escapeHtml: escapeHtml, isoDay: isoDay, safeColor: safeColor },
    draw: function (map, node, opts) {
      var api = { name: opts.name, ready: false, busy: true, error: null };
      window.GeoEvents.instances.push(api);
      if (opts.fit) {
        var fitTo = function (bounds) {
          // a fractional zoom for this fit only: the view hugs the events instead of
          // doubling its width to the next whole zoom level
          var snap = map.options.zoomSnap;
          map.options.zoomSnap = 0.1;
          map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10, animate: false });
          map.options.zoomSnap = snap;
        };
        var fit = function () { fitTo(opts.fit); };
        if (opts.fit_all && opts.left_out > 0) showAll(map, opts, fitTo);
        fit();
        // a page drawn before its window took its final size (e.g. a screenshot):
        // fit again if the map is resized in its first seconds
        var started = Date.now();
        map.on("resize", function refit() {
          if (Date.now() - started < 3000) fit();
          else map.off("resize", refit);
        });
      }
      if (map.attributionControl) {
        map.attributionControl.addAttribution(
          'Places: <a href="https://www.geonames.org/">GeoNames</a>'
        );
      }
      decode(node)
        .then(function (data) { draw(map, data, opts, api); })
        .catch(function (err) {
          api.error = String(err);
          if (window.console) console.error("geoevents: cannot draw the events", err);
        });
      return api;
    },
    outlines: outlines,
  };
})();
