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

  function popupFor(data, i) {
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
    row(box, "Precision", PRECISION_TEXT[prec] ? prec + " \u2013 " + PRECISION_TEXT[prec] : null);
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

  function clusterIcon(weighted) {
    return function (cluster) {
      var total = 0;
      if (weighted) {
        cluster.getAllChildMarkers().forEach(function (m) { total += m.geWeight; });
      } else {
        total = cluster.getChildCount();
      }
      var size = total < 10 ? "small" : total < 100 ? "medium" : "large";
      var label = total >= 10000 ? Math.round(total / 1000) + "k" : String(total);
      return L.divIcon({
        html: "<div><span>" + escapeHtml(label) + "</span></div>",
        className: "marker-cluster marker-cluster-" + size,
        iconSize: L.point(40, 40),
      });
    };
  }

  function makeLayer(data, i, opts, icons) {
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
      if (AREA_M[prec]) {
        layer = L.circle(ll, {
          radius: AREA_M[prec],
          color: color, weight: 1.5, opacity: 0.8, fillColor: color, fillOpacity: 0.15,
          dashArray: uncertain ? "6 5" : null,
          className: "ge-area ge-area-" + prec,
        });
      } else {
        var key = data.c[i] + (uncertain ? "u" : "");
        if (!icons[key]) icons[key] = pinIcon(color, uncertain);
        layer = L.marker(ll, { icon: icons[key], keyboard: false });
      }
    }
    layer.geIndex = i;
    layer.bindPopup(function () { return popupFor(data, i); }, { maxWidth: 340 });
    return layer;
  }

  function draw(map, data, opts, api) {
    var n = data.lat.length;
    var cats = data.cats;
    var catOn = cats.map(function () { return true; });
    var icons = {};
    var layers = new Array(n);
    for (var i = 0; i < n; i++) layers[i] = makeLayer(data, i, opts, icons);

    var group;
    if (opts.cluster) {
      group = L.markerClusterGroup({
        chunkedLoading: true,
        chunkInterval: 250,
        chunkDelay: 10,
        showCoverageOnHover: false,
        maxClusterRadius: 50,
        iconCreateFunction: clusterIcon(!!data.agg),
        chunkProgress: function (done, total) {
          if (total > 0 && done === total) {
            setTimeout(function () {
              loading = Math.max(0, loading - 1);
              settle();
            }, 0);
          }
        },
      });
    } else {
      group = L.featureGroup();
    }
    group.addTo(map);
    var heat = null;
    if (opts.heat && L.heatLayer) {
      heat = L.heatLayer([], { radius: 18, blur: 22, minOpacity: 0.3 });
      heat.addTo(map);
    }

    // what is shown: checked categories, within the chosen dates
    var dmin = null;
    var dmax = null;
    for (var k = 0; k < n; k++) {
      var dk = data.day[k];
      if (dk === null) continue;
      if (dmin === null || dk < dmin) dmin = dk;
      if (dmax === null || dk > dmax) dmax = dk;
    }
    var range = { lo: dmin, hi: dmax };
    var shown = new Uint8Array(n);
    var nShown = 0;
    var nEvents = 0;

    function wanted(j) {
      if (!catOn[data.c[j]]) return false;
      var d = data.day[j];
      if (d === null) return range.lo === dmin && range.hi === dmax;
      return d >= range.lo && d <= range.hi;
    }

    // api.busy until the filters are applied and the cluster group (which adds
    // layers in chunks) has added them all
    var loading = 0;
    var pending = null;
    function settle() {
      if (!loading && !pending) {
        api.busy = false;
        api.ready = true;
      }
    }

    function add(list) {
      if (opts.cluster && list.length && map.hasLayer(group)) {
        loading++;
        group.addLayers(list);
      } else if (opts.cluster) {
        group.addLayers(list);
      } else {
        list.forEach(function (l) { group.addLayer(l); });
      }
    }

    function remove(list) {
      if (opts.cluster) group.removeLayers(list);
      else list.forEach(function (l) { group.removeLayer(l); });
    }

    function refilter() {
      api.busy = true;
      var toAdd = [];
      var toRemove = [];
      var keep = [];
      var points = [];
      for (var j = 0; j < n; j++) {
        var w = wanted(j);
        if (w) {
          keep.push(layers[j]);
          if (heat) points.push([data.lat[j], data.lon[j], data.agg ? data.agg.n[j] : 1]);
        }
        if (w && !shown[j]) toAdd.push(layers[j]);
        else if (!w && shown[j]) toRemove.push(layers[j]);
        shown[j] = w ? 1 : 0;
      }
      if (toRemove.length > keep.length) {
        group.clearLayers();
        add(keep);
      } else {
        if (toRemove.length) remove(toRemove);
        add(toAdd);
      }
      nShown = keep.length;
      nEvents = 0;
      for (var q = 0; q < keep.length; q++) nEvents += keep[q].geWeight || 1;
      if (heat) {
        // saturate where events are densest, not at the first one
        heat.setOptions({ max: Math.max(1, Math.sqrt(nEvents) / 4) });
        heat.setLatLngs(points);
      }
      api.update();
      settle();
    }

    function schedule() {
      api.busy = true;
      if (pending) clearTimeout(pending);
      pending = setTimeout(function () { pending = null; refilter(); }, 60);
    }

    // one layer per category in a layer control; toggling refilters the cluster content
    var overlays = {};
    var total = data.agg ? data.agg.total : n;
    cats.forEach(function (cat, ci) {
      var proxy = L.layerGroup().addTo(map);
      proxy.on("add", function () { catOn[ci] = true; schedule(); });
      proxy.on("remove", function () { catOn[ci] = false; schedule(); });
      var label = '<span class="ge-swatch" style="background:' + safeColor(data.colors[ci]) +
        '"></span><span class="ge-cat">' + escapeHtml(cat) + "</span>" +
        ' <span class="ge-n">(' + Number(data.counts[ci]) + ")</span>";
      overlays[label] = proxy;
    });
    var layerLabel = '<span class="ge-cat">' + escapeHtml(opts.name) + "</span>";
    var all = {};
    all[layerLabel] = group;
    if (heat) all['<span class="ge-cat">Heat map</span>'] = heat;
    Object.keys(overlays).forEach(function (k) { all[k] = overlays[k]; });
    // the layer control is also the legend: a colour swatch and a count per category
    var control = L.control.layers(null, all, { collapsed: false, position: "topright" });
    control.addTo(map);
    var container = control.getContainer();
    L.DomUtil.addClass(container, "ge-layers");
    L.DomUtil.addClass(container, "ge-legend");
    var form = container.querySelector(".leaflet-control-layers-list");
    form.insertBefore(el("div", "ge-title", opts.name), form.firstChild);

    // the time filter: two sliders over the event dates, run in the page
    var timeBox = L.control({ position: "bottomleft" });
    var count;
    timeBox.onAdd = function () {
      var box = el("div", "ge-time leaflet-bar");
      // what the symbols mean
      if (data.agg) {
        el("div", "ge-key", "Circles: events per " + data.agg.cell_km + " km cell and " +
          data.agg.period + "; clusters add them up", box);
      } else {
        el("div", "ge-key", "Pin: at the named place", box);
        el("div", "ge-key", "Circle: only near it (~25 km) or in its region (~200 km)", box);
        el("div", "ge-key", "Dashed, \u26a0: unconfirmed or claimed", box);
      }
      if (dmin !== null && dmax > dmin) {
        el("div", "ge-title", "Dates", box);
        var mk = function (label, value, cls) {
          var line = el("label", "ge-time-row", null, box);
          el("span", "ge-label", label, line);
          var input = el("input", cls, null, line);
          input.type = "range";
          input.min = String(dmin);
          input.max = String(dmax);
          input.step = "1";
          input.value = String(value);
          var out = el("span", "ge-date", isoDay(value), line);
          input.addEventListener("input", function () {
            var v = parseInt(input.value, 10);
            if (cls === "ge-from") range.lo = v;
            else range.hi = v;
            if (range.lo > range.hi) {
              if (cls === "ge-from") range.hi = v;
              else range.lo = v;
            }
            fromIn.value = String(range.lo);
            toIn.value = String(range.hi);
            fromOut.textContent = isoDay(range.lo);
            toOut.textContent = isoDay(range.hi);
            schedule();
          });
          return [input, out];
        };
        var f = mk("From", dmin, "ge-from");
        var t = mk("To", dmax, "ge-to");
        var fromIn = f[0], fromOut = f[1], toIn = t[0], toOut = t[1];
      } else if (dmin !== null) {
        el("div", "ge-title", "Date: " + isoDay(dmin), box);
      }
      count = el("div", "ge-count", "", box);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    timeBox.addTo(map);

    api.update = function () {
      if (data.agg) {
        count.textContent = "Showing " + nShown + " of " + n + " cells: " + nEvents + " of " +
          total + " events";
      } else {
        count.textContent = "Showing " + nShown + " of " + n + " events";
      }
    };
    api.shown = function () { return nShown; };
    api.events = function () { return nEvents; };
    api.setRange = function (lo, hi) { range.lo = lo; range.hi = hi; refilter(); };
    api.map = map;
    api.group = group;
    api.heat = heat;
    api.layers = layers;
    refilter();
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
