/* geoevents: clusters of events whose icon is a ring of the event types they hold.
 *
 * Loaded after geoevents_map.js, which draws with it. The events shown are clustered
 * at the zoom the map is at, when it first gets there: greedily, in the Z-order of
 * their places, each event not yet taken takes those within 50 px of it (as
 * Leaflet.markercluster's radius), the cluster's centre weighted by its events. The
 * clusters are flat typed arrays, made again when the filters change, for the events
 * shown only (a playback step clusters one window's events). Only what the view holds
 * is drawn: an event alone is its own layer (pin or circle), a cluster a marker with a
 * ring of its types' shares in the legend's colours around its count. A click (or
 * Enter) on a cluster zooms to its events; one whose events no zoom separates spreads
 * them around it, as markercluster's spiderfy does. From the keyboard, Enter on a
 * cluster moves the focus to the map after a zoom (Tab then reaches the events shown),
 * or to the first of its events spread; Escape folds them back and returns the focus
 * to their cluster.
 */
(function () {
  "use strict";
  var G = window.GeoEvents;
  if (!G || G.ClusterLayer) {
    return;
  }
  var u = G.util;
  var SVG = "http://www.w3.org/2000/svg";
  var RADIUS = 50; // px within which points join a cluster, as markercluster's default
  var RING_R = 15; // ring radius in a 40 x 40 box; its length is 2 pi r
  var RING = 2 * Math.PI * RING_R;
  var SLOTS = 8388608; // 2^23: events that zOrder sorts by place

  // Web Mercator, scaled to 0..1 over the world (Leaflet's EPSG:3857 divided by its width)
  function toX(lon) {
    return (lon + 180) / 360;
  }

  function toY(lat) {
    var s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  // the bits of v (below 2^15) spread out to every other bit
  function spread(v) {
    v &= 0x7fff;
    v = (v | (v << 8)) & 0x00ff00ff;
    v = (v | (v << 4)) & 0x0f0f0f0f;
    v = (v | (v << 2)) & 0x33333333;
    return (v | (v << 1)) & 0x55555555;
  }

  // event indices in Z-order (Morton) of their places, to 1/32768 of the world: near
  // events come together, so a grid is read from memory nearby instead of at random
  function zOrder(x, y) {
    var n = x.length;
    var out = new Int32Array(n);
    var i;
    if (n >= SLOTS) { // too many to sort this way: as they come (slower, same clusters)
      for (i = 0; i < n; i++) out[i] = i;
      return out;
    }
    var keys = new Float64Array(n);
    for (i = 0; i < n; i++) {
      var code = spread(Math.floor(x[i] * 32767)) * 2 + spread(Math.floor(y[i] * 32767));
      keys[i] = code * SLOTS + i; // below 2^53: the code has 30 bits
    }
    keys.sort();
    for (i = 0; i < n; i++) out[i] = keys[i] % SLOTS;
    return out;
  }

  // the events shown (ids, in Z-order) gathered: positions, weights, event indices
  function gathered(x, y, w, ids) {
    var m = ids.length;
    var out = { len: m, x: new Float64Array(m), y: new Float64Array(m), w: new Float64Array(m),
      pt: ids };
    for (var k = 0; k < m; k++) {
      var i = ids[k];
      out.x[k] = x[i];
      out.y[k] = y[i];
      out.w[k] = w ? w[i] : 1;
    }
    return out;
  }

  // the clusters of P within r: each event not yet taken takes those within r of it,
  // found in a grid of 2r cells (those within r of a point lie in the 2 x 2 cells
  // nearest it). Per cluster: centre, weight, events (kids[kid0 .. kid0 + kidN], as
  // indices of P), and the event itself when it is alone (pt, else -1).
  function clusters(P, r) {
    var m = P.len;
    var bits = 4;
    while (1 << (2 * bits) < m) bits++;
    var side = (1 << bits) - 1;
    var head = new Int32Array(1 << (2 * bits)).fill(-1);
    var next = new Int32Array(m);
    var gx = new Int32Array(m);
    var gy = new Int32Array(m);
    var Px = P.x, Py = P.y, Pw = P.w, r2 = r * r, inv = 1 / (2 * r), i, j;
    for (i = 0; i < m; i++) {
      gx[i] = Math.floor(Px[i] * inv);
      gy[i] = Math.floor(Py[i] * inv);
      var h = ((gy[i] & side) << bits) | (gx[i] & side); // nearby cells, nearby buckets
      next[i] = head[h];
      head[h] = i;
    }
    var taken = new Uint8Array(m);
    var kids = new Int32Array(m);
    var nk = 0;
    var len = 0;
    var ox = new Float64Array(m), oy = new Float64Array(m), ow = new Float64Array(m);
    var opt = new Int32Array(m), k0 = new Int32Array(m), kn = new Int32Array(m);
    for (i = 0; i < m; i++) {
      if (taken[i]) continue;
      taken[i] = 1;
      var start = nk;
      kids[nk++] = i;
      var xi = Px[i], yi = Py[i], sw = Pw[i], sx = xi * sw, sy = yi * sw;
      var cx0 = Px[i] * inv - gx[i] < 0.5 ? gx[i] - 1 : gx[i];
      var cy0 = Py[i] * inv - gy[i] < 0.5 ? gy[i] - 1 : gy[i];
      for (var cy = cy0; cy <= cy0 + 1; cy++) {
        var row = (cy & side) << bits;
        for (var cx = cx0; cx <= cx0 + 1; cx++) {
          for (j = head[row | (cx & side)]; j >= 0; j = next[j]) {
            if (taken[j]) continue;
            var ex = Px[j] - xi, ey = Py[j] - yi;
            if (ex * ex + ey * ey > r2) continue;
            taken[j] = 1;
            kids[nk++] = j;
            sw += Pw[j];
            sx += Px[j] * Pw[j];
            sy += Py[j] * Pw[j];
          }
        }
      }
      ox[len] = sw > 0 ? sx / sw : xi;
      oy[len] = sw > 0 ? sy / sw : yi;
      ow[len] = sw;
      opt[len] = nk - start === 1 ? P.pt[i] : -1;
      k0[len] = start;
      kn[len] = nk - start;
      len++;
    }
    return { len: len, x: ox.subarray(0, len), y: oy.subarray(0, len), w: ow.subarray(0, len),
      pt: opt.subarray(0, len), kid0: k0.subarray(0, len), kidN: kn.subarray(0, len),
      kids: kids };
  }

  function radiusAt(z) {
    return RADIUS / (256 * Math.pow(2, z));
  }

  // a ring with an arc per category, in the legend's order and colours, around a
  // count: cloned for each cluster marker, whose shares paint() sets
  function ringTemplate(colors) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 40 40");
    svg.setAttribute("class", "ge-ring");
    svg.setAttribute("aria-hidden", "true");
    var disc = document.createElementNS(SVG, "circle");
    disc.setAttribute("class", "ge-ring-disc");
    disc.setAttribute("cx", "20");
    disc.setAttribute("cy", "20");
    disc.setAttribute("r", "19");
    svg.appendChild(disc);
    for (var ci = 0; ci < colors.length; ci++) {
      var arc = document.createElementNS(SVG, "circle");
      arc.setAttribute("class", "ge-ring-seg");
      arc.setAttribute("data-cat", String(ci));
      arc.setAttribute("cx", "20");
      arc.setAttribute("cy", "20");
      arc.setAttribute("r", String(RING_R));
      arc.setAttribute("stroke", u.safeColor(colors[ci]));
      arc.setAttribute("stroke-dasharray", "0 " + RING.toFixed(2));
      arc.setAttribute("transform", "rotate(-90 20 20)");
      svg.appendChild(arc);
    }
    var text = document.createElementNS(SVG, "text");
    text.setAttribute("class", "ge-ring-n");
    text.setAttribute("x", "20");
    text.setAttribute("y", "20");
    svg.appendChild(text);
    return svg;
  }

  // a cluster's state on its ring: each category's arc as long as its share, one after
  // the other from the top, clockwise; the count; the label read out; the size.
  // Only what changed is written.
  function paint(parts, state) {
    var done = 0;
    for (var ci = 0; ci < parts.segs.length; ci++) {
      var share = state.total > 0 ? state.counts[ci] / state.total : 0;
      var dash = (share * RING).toFixed(2) + " " + RING.toFixed(2);
      if (parts.dash[ci] !== dash) {
        parts.segs[ci].setAttribute("stroke-dasharray", dash);
        parts.dash[ci] = dash;
      }
      var offset = (-done * RING).toFixed(2);
      if (share > 0 && parts.offset[ci] !== offset) {
        parts.segs[ci].setAttribute("stroke-dashoffset", offset);
        parts.offset[ci] = offset;
      }
      done += share;
    }
    parts.text.textContent = state.label;
    parts.div.setAttribute("aria-label", state.aria);
    if (parts.size !== state.size) {
      if (parts.size) parts.div.classList.remove(parts.size);
      parts.div.classList.add(state.size);
      parts.size = state.size;
    }
  }

  var RingIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      var svg = this.options.template.cloneNode(true);
      div.appendChild(svg);
      this.geParts = { div: div, segs: svg.querySelectorAll(".ge-ring-seg"),
        text: svg.querySelector(".ge-ring-n"), dash: [], offset: [], size: "" };
      paint(this.geParts, this.geState);
      return div;
    },
  });

  function countLabel(total) {
    return total >= 10000 ? Math.round(total / 1000) + "k" : String(total);
  }

  var ClusterLayer = L.Layer.extend({
    // spec: lat, lon, cat (each event's category), weight (events per item, or null),
    // colors and names of the categories, layerAt(i) (the layer that draws event i)
    initialize: function (spec) {
      this._spec = spec;
      var n = spec.lat.length;
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        this._x[i] = toX(spec.lon[i]);
        this._y[i] = toY(spec.lat[i]);
      }
      this._w = spec.weight ? Float64Array.from(spec.weight) : null;
      this.order = zOrder(this._x, this._y); // give setShown its events in this order
      this._shown = gathered(this._x, this._y, this._w, new Int32Array(0));
      this._levels = []; // clusters per zoom, made when the map first shows that zoom
      this._gen = 0; // how many times the events shown changed: part of a cluster's key
      this._drawn = new Map(); // what is on the map: event index -> layer, key -> cluster
      this._spider = null;
      this._template = ringTemplate(spec.colors);
      this._fg = L.featureGroup();
    },

    // cluster these events (indices, in the order of this.order) and draw them
    setShown: function (ids) {
      this._closeSpider();
      this._shown = gathered(this._x, this._y, this._w, ids);
      this._levels = [];
      this._gen++;
      this._render();
    },

    getLayers: function () {
      var spec = this._spec;
      return Array.prototype.map.call(this._shown.pt, function (i) { return spec.layerAt(i); });
    },

    onAdd: function (map) {
      map.addLayer(this._fg);
      map.on("moveend", this._render, this);
      map.on("zoomstart click", this._unspiderfy, this);
      L.DomEvent.on(map.getContainer(), "keydown", this._onKeyDown, this);
      this._render();
    },

    onRemove: function (map) {
      this._closeSpider();
      var fg = this._fg;
      this._drawn.forEach(function (layer) { fg.removeLayer(layer); });
      this._drawn = new Map();
      map.removeLayer(fg);
      map.off("moveend", this._render, this);
      map.off("zoomstart click", this._unspiderfy, this);
      L.DomEvent.off(map.getContainer(), "keydown", this._onKeyDown, this);
    },

    // Escape, anywhere in the map, folds the events spread and gives their cluster the
    // focus (unless a popup took it first: see focusable in geoevents_map.js)
    _onKeyDown: function (e) {
      var s = this._spider;
      if (e.key !== "Escape" || e.defaultPrevented || !s) return;
      L.DomEvent.preventDefault(e);
      this._unspiderfy();
      var marker = this._drawn.get(s.key);
      var node = marker ? marker.getElement() : null;
      if (node) node.focus({ preventScroll: true });
    },

    _maxZoom: function () {
      var max = this._map.getMaxZoom();
      return Math.ceil(isFinite(max) ? max : 18);
    },

    _level: function (z) {
      return this._levels[z] || (this._levels[z] = clusters(this._shown, radiusAt(z)));
    },

    // what the view holds at this zoom: new items added, items gone removed. An event
    // alone that stays alone keeps its layer; a cluster marker no longer needed draws
    // a new cluster (moved, its ring redrawn) rather than leave the page for another.
    _render: function () {
      var map = this._map;
      if (!map) return;
      var z = Math.max(0, Math.min(this._maxZoom(), Math.round(map.getZoom())));
      var lv = this._level(z);
      var b = map.getBounds().pad(0.25);
      var x0 = toX(Math.max(-180, b.getWest())), x1 = toX(Math.min(180, b.getEast()));
      var y0 = toY(b.getNorth()), y1 = toY(b.getSouth());
      var fg = this._fg;
      var before = this._drawn;
      var now = new Map();
      var fresh = [];
      var spiderKey = this._spider ? this._spider.key : null;
      var prefix = this._gen + ":" + z + ":";
      for (var k = 0; k < lv.len; k++) {
        var x = lv.x[k], y = lv.y[k];
        if (x < x0 || x > x1 || y < y0 || y > y1) continue;
        var key = lv.pt[k] >= 0 ? lv.pt[k] : prefix + k;
        if (key === spiderKey) continue;
        var layer = before.get(key);
        if (layer !== undefined) {
          before.delete(key);
          now.set(key, layer);
        } else if (lv.pt[k] >= 0) {
          layer = this._spec.layerAt(lv.pt[k]);
          fg.addLayer(layer);
          now.set(key, layer);
        } else {
          fresh.push(k);
        }
      }
      var spare = [];
      before.forEach(function (old) {
        if (old.geCluster) spare.push(old);
        else fg.removeLayer(old);
      });
      for (var f = 0; f < fresh.length; f++) {
        var marker = spare.pop() || null;
        marker = this._clusterMarker(marker, lv, fresh[f], prefix + fresh[f]);
        if (!fg.hasLayer(marker)) fg.addLayer(marker);
        now.set(prefix + fresh[f], marker);
      }
      spare.forEach(function (old) { fg.removeLayer(old); });
      this._drawn = now;
      if (this._spider && !b.contains(this._spider.center)) this._unspiderfy();
    },

    // the events of cluster k of a level (indices of the events)
    _members: function (lv, k) {
      var out = new Array(lv.kidN[k]);
      for (var q = 0; q < out.length; q++) out[q] = this._shown.pt[lv.kids[lv.kid0[k] + q]];
      return out;
    },

    // a marker for cluster k of a level: `marker` (one drawn before) moved and given
    // its new icon, or a new one
    _clusterMarker: function (marker, lv, k, key) {
      var spec = this._spec;
      var counts = new Float64Array(spec.names.length);
      var w = this._w;
      this._members(lv, k).forEach(function (i) { counts[spec.cat[i]] += w ? w[i] : 1; });
      var total = lv.w[k];
      var parts = [];
      for (var ci = 0; ci < counts.length; ci++) {
        if (counts[ci] > 0) parts.push(counts[ci] + " " + spec.names[ci]);
      }
      var state = {
        counts: counts,
        total: total,
        label: countLabel(total),
        aria: "Cluster of " + total + " events: " + parts.join(", ") + ". Enter zooms in.",
        size: total < 10 ? "ge-size-1" : total < 100 ? "ge-size-2" : total < 1000 ? "ge-size-3" :
          "ge-size-4",
      };
      var ll = latLngOf(lv.x[k], lv.y[k]);
      if (marker) {
        marker.setLatLng(ll);
        var old = marker.options.icon;
        old.geState = state;
        if (old.geParts && old.geParts.div === marker.getElement()) paint(old.geParts, state);
      } else {
        // the size comes from the stylesheet (ge-size-*), so that a ring can change it
        var icon = new RingIcon({ className: "ge-cluster marker-cluster", html: "",
          iconSize: null, template: this._template });
        icon.geState = state;
        marker = L.marker(ll, { icon: icon, keyboard: true });
        marker.on("click", function () { this._open(marker.geCluster, false); }, this);
        marker.on("keydown", function (e) {
          if (e.originalEvent.key === "Enter" || e.originalEvent.key === " ") {
            L.DomEvent.preventDefault(e.originalEvent);
            this._open(marker.geCluster, true);
          }
        }, this);
      }
      marker.geCluster = { lv: lv, k: k, key: key };
      marker.geCounts = counts;
      return marker;
    },

    // zoom to the events of a cluster (at least one zoom in); events that would still
    // be one cluster at the last zoom are spread around it. byKey: opened from the
    // keyboard, which then moves the focus (the cluster's marker is about to go)
    _open: function (cluster, byKey) {
      var lv = cluster.lv, k = cluster.k, key = cluster.key;
      var map = this._map;
      var spec = this._spec;
      var ids = this._members(lv, k);
      var bounds = L.latLngBounds([]);
      var x0 = 1, x1 = 0, y0 = 1, y1 = 0;
      var self = this;
      ids.forEach(function (i) {
        bounds.extend([spec.lat[i], spec.lon[i]]);
        x0 = Math.min(x0, self._x[i]);
        x1 = Math.max(x1, self._x[i]);
        y0 = Math.min(y0, self._y[i]);
        y1 = Math.max(y1, self._y[i]);
      });
      var max = this._maxZoom();
      var zoom = map.getZoom();
      var apart = Math.max(x1 - x0, y1 - y0) * Math.SQRT2 > radiusAt(max);
      if (zoom >= max || !apart) {
        this._spiderfy(ids, latLngOf(lv.x[k], lv.y[k]), key);
        var first = byKey ? this._spider.layers[0].getElement() : null;
        if (first) first.focus({ preventScroll: true });
        return;
      }
      if (byKey) map.getContainer().focus({ preventScroll: true });
      if (map.getBoundsZoom(bounds) <= zoom) {
        map.setView(latLngOf(lv.x[k], lv.y[k]), Math.min(max, Math.round(zoom) + 1));
      } else {
        map.fitBounds(bounds, { padding: [20, 20] });
      }
    },

    // events on a circle (up to 8) or a spiral around a cluster's centre, with legs
    _spiderfy: function (ids, center, key) {
      this._unspiderfy();
      var map = this._map;
      var spec = this._spec;
      var c = map.latLngToLayerPoint(center);
      var pts = ids.length <= 8 ? circlePoints(ids.length, c) : spiralPoints(ids.length, c);
      var legs = L.layerGroup();
      var layers = [];
      var fg = this._fg;
      var marker = this._drawn.get(key);
      if (marker) {
        fg.removeLayer(marker);
        this._drawn.delete(key);
      }
      ids.forEach(function (i, q) {
        var to = map.layerPointToLatLng(pts[q]);
        legs.addLayer(L.polyline([center, to], {
          color: "#222", weight: 1.5, opacity: 0.5, interactive: false, className: "ge-leg",
        }));
        var layer = spec.layerAt(i);
        layer.setLatLng(to);
        fg.addLayer(layer);
        layers.push(layer);
      });
      legs.addTo(map);
      this._spider = { key: key, ids: ids, layers: layers, legs: legs, center: center };
    },

    _unspiderfy: function () {
      if (this._closeSpider() && this._map) this._render();
    },

    // puts the events of an open spider back in their places; whether one was open
    _closeSpider: function () {
      var s = this._spider;
      if (!s) return false;
      this._spider = null;
      var spec = this._spec;
      var fg = this._fg;
      s.legs.remove();
      s.layers.forEach(function (layer, q) {
        fg.removeLayer(layer);
        var i = s.ids[q];
        layer.setLatLng([spec.lat[i], spec.lon[i]]);
      });
      return true;
    },
  });

  function latLngOf(x, y) {
    var lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
    return L.latLng(lat, x * 360 - 180);
  }

  // markercluster's layouts around a point c (pixels): a circle with feet 25 px apart,
  // or a spiral with feet 28 px apart whose legs grow 5 px a turn
  function circlePoints(count, c) {
    var legLength = (25 * (2 + count)) / (2 * Math.PI);
    var step = (2 * Math.PI) / count;
    var out = [];
    for (var i = 0; i < count; i++) {
      out.push(L.point(c.x + legLength * Math.cos(i * step), c.y + legLength * Math.sin(i * step)));
    }
    return out;
  }

  function spiralPoints(count, c) {
    var legLength = 11;
    var angle = 0;
    var out = [];
    for (var i = count; i >= 0; i--) {
      if (i < count) {
        out[i] = L.point(c.x + legLength * Math.cos(angle), c.y + legLength * Math.sin(angle));
      }
      angle += 28 / legLength + i * 0.0005;
      legLength += (5 * 2 * Math.PI) / angle;
    }
    return out;
  }

  G.ClusterLayer = ClusterLayer;
})();
