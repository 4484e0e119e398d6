/* geoevents: the time filter of a map, a date range and playback of a moving window.
 *
 * Loaded after geoevents_map.js, which draws with it. Two sliders choose the dates
 * shown. Beside them, playback moves a window (a day, a week from Monday to Sunday, or
 * a calendar month) through the period: real buttons to step back, play or pause, and
 * step forward (Space and Enter work them; while the controls have focus the arrow
 * keys step, Home and End go to the first and last window), the window's dates shown
 * as text and announced to screen readers, and a button back to all dates.
 */
(function () {
  "use strict";
  var G = window.GeoEvents;
  if (!G || G.timeControl) {
    return;
  }
  var u = G.util;
  var DAY_MS = 86400000;
  var PLAY_MS = 900; // between two steps of playback
  var UNIT_TEXT = { day: "Day", week: "Week", month: "Month", year: "Year" };

  // the window of this unit that holds this day, as [first day, last day]
  function windowAt(day, unit) {
    if (unit === "day") return [day, day];
    if (unit === "week") {
      var monday = Math.floor((day + 3) / 7) * 7 - 3; // 1970-01-01 was a Thursday
      return [monday, monday + 6];
    }
    var d = new Date(day * DAY_MS);
    var y = d.getUTCFullYear();
    if (unit === "year") return [Date.UTC(y, 0, 1) / DAY_MS, Date.UTC(y + 1, 0, 1) / DAY_MS - 1];
    return [
      Date.UTC(y, d.getUTCMonth(), 1) / DAY_MS,
      Date.UTC(y, d.getUTCMonth() + 1, 1) / DAY_MS - 1,
    ];
  }

  function shifted(win, unit, k) {
    if (unit === "day") return [win[0] + k, win[1] + k];
    if (unit === "week") return [win[0] + 7 * k, win[1] + 7 * k];
    var d = new Date(win[0] * DAY_MS);
    if (unit === "year") return windowAt(Date.UTC(d.getUTCFullYear() + k, 0, 1) / DAY_MS, unit);
    return windowAt(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1) / DAY_MS, unit);
  }

  // icons drawn as SVG paths: a font may lack the media-control characters
  var ICONS = {
    back: "M3 3h2v10H3z M13 3v10L6 8z",
    play: "M4 2.5v11l9.5-5.5z",
    pause: "M4 3h3v10H4z M9 3h3v10H9z",
    forward: "M11 3h2v10h-2z M3 3v10l7-5z",
  };

  function setIcon(node, name) {
    node.firstChild.firstChild.setAttribute("d", ICONS[name]);
  }

  function button(parent, cls, icon, label) {
    var b = u.el("button", "ge-btn " + cls, null, parent);
    b.type = "button";
    b.title = label;
    b.setAttribute("aria-label", label);
    if (icon in ICONS) {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "path"));
      b.appendChild(svg);
      setIcon(b, icon);
    } else {
      b.textContent = icon;
    }
    return b;
  }

  // the sliders and the playback controls' elements, in box (see controls)
  function build(box, spec, unit) {
    var dmin = spec.dmin, dmax = spec.dmax;
    u.el("div", "ge-title", "Dates", box);
    var slider = function (label, value, cls) {
      var line = u.el("label", "ge-time-row", null, box);
      u.el("span", "ge-label", label, line);
      var input = u.el("input", cls, null, line);
      input.type = "range";
      input.min = String(dmin);
      input.max = String(dmax);
      input.step = "1";
      input.value = String(value);
      input.setAttribute("aria-valuetext", u.isoDay(value));
      return [input, u.el("span", "ge-date", u.isoDay(value), line)];
    };
    var nodes = { from: slider("From", dmin, "ge-from"), to: slider("To", dmax, "ge-to") };
    var group = (nodes.group = u.el("div", "ge-play", null, box));
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Time playback");
    nodes.back = button(group, "ge-step-back", "back", "Step back");
    nodes.play = button(group, "ge-play-button", "play", "Play");
    nodes.play.setAttribute("aria-pressed", "false");
    nodes.fwd = button(group, "ge-step-fwd", "forward", "Step forward");
    var pick = (nodes.pick = u.el("select", "ge-unit", null, group));
    pick.setAttribute("aria-label", "Playback window");
    pick.title = "Playback window";
    spec.units.forEach(function (key) {
      var option = u.el("option", null, UNIT_TEXT[key], pick);
      option.value = key;
    });
    pick.value = unit;
    nodes.all = button(group, "ge-all-dates", "All", "Show all dates");
    nodes.said = u.el("div", "ge-window", "All dates", box);
    nodes.said.setAttribute("role", "status");
    nodes.said.setAttribute("aria-live", "polite");
    return nodes;
  }

  // the sliders and the playback controls, in box, and what they do; spec: dmin, dmax
  // (days since 1970-01-01), units (the windows offered, of "day", "week", "month",
  // "year"), onRange(lo, hi, windowed, now): the dates to show (windowed: a playback
  // window, which leaves undated events out; now: at once, not debounced)
  function controls(box, spec) {
    var dmin = spec.dmin, dmax = spec.dmax;
    var unit = spec.units.indexOf("week") >= 0 ? "week" : spec.units[0];
    var win = null;
    var timer = null;
    var nodes = build(box, spec, unit);
    var from = nodes.from, to = nodes.to, play = nodes.play, said = nodes.said;
    var back = nodes.back, fwd = nodes.fwd, pick = nodes.pick;

    function show(lo, hi) {
      [[from, Math.max(dmin, lo)], [to, Math.min(dmax, hi)]].forEach(function (pair) {
        pair[0][0].value = String(pair[1]);
        pair[0][0].setAttribute("aria-valuetext", u.isoDay(pair[1]));
        pair[0][1].textContent = u.isoDay(pair[1]);
      });
    }

    function apply(w) {
      win = w;
      show(w[0], w[1]);
      said.textContent = UNIT_TEXT[unit] + " " + u.isoDay(w[0]) +
        (w[1] > w[0] ? " to " + u.isoDay(w[1]) : "");
      spec.onRange(w[0], w[1], true, true);
    }

    function first() { return windowAt(dmin, unit); }
    function last() { return windowAt(dmax, unit); }

    // one window on (k = 1) or back (k = -1); false when there is none
    function step(k) {
      if (!win) {
        apply(k > 0 ? first() : last());
        return true;
      }
      var next = shifted(win, unit, k);
      if (next[0] > dmax || next[1] < dmin) return false;
      apply(next);
      return true;
    }

    function pause() {
      if (timer) clearTimeout(timer);
      timer = null;
      setIcon(play, "play");
      play.title = "Play";
      play.setAttribute("aria-pressed", "false");
    }

    function tick() {
      timer = setTimeout(function () {
        if (step(1)) tick();
        else pause();
      }, PLAY_MS);
    }

    function start() {
      if (timer) return;
      if (win && win[0] >= last()[0]) win = null; // at the end: from the start again
      setIcon(play, "pause");
      play.title = "Pause";
      play.setAttribute("aria-pressed", "true");
      if (step(1)) tick();
      else pause();
    }

    function allDates() {
      pause();
      win = null;
      show(dmin, dmax);
      said.textContent = "All dates";
      spec.onRange(dmin, dmax, false, true);
    }

    [from, to].forEach(function (pair) {
      pair[0].addEventListener("input", function () {
        pause();
        win = null;
        var lo = parseInt(from[0].value, 10);
        var hi = parseInt(to[0].value, 10);
        if (lo > hi) {
          if (pair === from) hi = lo;
          else lo = hi;
        }
        show(lo, hi);
        said.textContent = lo === dmin && hi === dmax ? "All dates" : "Dates from the sliders";
        spec.onRange(lo, hi, false, false);
      });
    });
    back.addEventListener("click", function () { pause(); step(-1); });
    fwd.addEventListener("click", function () { pause(); step(1); });
    play.addEventListener("click", function () {
      if (timer) pause();
      else start();
    });
    nodes.all.addEventListener("click", allDates);
    function named() { // the step buttons say how far they go
      var noun = UNIT_TEXT[unit].toLowerCase();
      back.title = "Step back one " + noun;
      back.setAttribute("aria-label", back.title);
      fwd.title = "Step forward one " + noun;
      fwd.setAttribute("aria-label", fwd.title);
    }
    named();
    pick.addEventListener("change", function () {
      unit = spec.units.indexOf(pick.value) >= 0 ? pick.value : unit;
      named();
      if (win) apply(windowAt(Math.max(dmin, win[0]), unit));
    });
    nodes.group.addEventListener("keydown", function (e) {
      var keys = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
      if (e.target === pick) return; // the list's own keys
      if (e.key in keys) {
        pause();
        step(keys[e.key]);
      } else if (e.key === "Home" || e.key === "End") {
        pause();
        apply(e.key === "Home" ? first() : last());
      } else {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    });
    return {
      step: function (k) { pause(); return step(k); },
      play: start,
      pause: pause,
      playing: function () { return timer !== null; },
      window: function () { return win ? win.slice() : null; },
      allDates: allDates,
    };
  }

  // the box in the map's corner: a key to the symbols, the dates (when there are
  // several) and the count of events shown
  G.timeControl = function (map, spec) {
    var control = L.control({ position: "bottomleft" });
    var out = { count: null, playback: null };
    control.onAdd = function () {
      var box = u.el("div", "ge-time leaflet-bar");
      spec.keys.forEach(function (line) { u.el("div", "ge-key", line, box); });
      if (spec.dmin !== null && spec.dmax > spec.dmin) {
        out.playback = controls(box, spec);
      } else if (spec.dmin !== null) {
        u.el("div", "ge-title", "Date: " + u.isoDay(spec.dmin), box);
      }
      out.count = u.el("div", "ge-count", "", box);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return out;
  };
})();
