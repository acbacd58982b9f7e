/*
 * DeXposure explorer: the pages written by `dexposure report --snapshot FILE` and `dexposure demo --report DIR`.
 * Static: data files are scripts (dexposureData("key", {...})) so the pages work from file:// without a server,
 * loaded one week at a time. window.explorer.state is the page's observable state (the browser tests read it).
 */
(function () {
  'use strict';

  var loaded = {};
  var waiting = {};
  /** Called by every data file. */
  window.dexposureData = function (key, payload) {
    loaded[key] = payload;
    (waiting[key] || []).forEach(function (f) { f(payload); });
    delete waiting[key];
  };

  function load(key, file) {
    return new Promise(function (resolve, reject) {
      if (loaded[key]) { resolve(loaded[key]); return; }
      var first = !waiting[key];
      (waiting[key] = waiting[key] || []).push(resolve);
      if (!first) { return; }
      var s = document.createElement('script');
      s.src = 'explorer/data/' + file;
      s.onerror = function () { reject(new Error('cannot load explorer/data/' + file)); };
      document.head.appendChild(s);
    });
  }

  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79',
    '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1', '#636363', '#6baed6',
    '#fd8d3c', '#74c476', '#9e9ac8', '#969696', '#9edae5', '#c49c94', '#f7b6d2', '#dbdb8d', '#c7c7c7', '#aec7e8',
    '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5'];
  var KIND_COLOURS = { 'Token nodes': '#555555', 'Buckets': '#b0b0b0', 'Unresolved': '#e0e0e0', 'Unknown': '#cfcfcf' };
  /** Most links drawn at once. */
  var MAX_LINKS = 4000;
  var ROLE_COLOURS = { asset: '#d62728', creditor: '#ff9f0e', distressed: '#9467bd', member: '#d62728' };

  var state = {
    page: null, week: null, weekIndex: -1, topN: 300, colourBy: 'group',
    shownIds: [], renderedNodes: 0, renderedLinks: 0, selected: null, panel: null,
    highlight: null, chosenAlert: null, firstRenderMs: null, lastRenderMs: null, errors: [],
    /** ms since navigation start: index loaded, first week loaded, first frame drawn (the bench reads them). */
    timings: {}
  };
  var explorer = window.explorer = { state: state, chart: null };
  var index = null;
  var idToGlobal = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) { e.textContent = text; }
    return e;
  }
  function usd(x) {
    if (x == null || isNaN(x)) { return '-'; }
    var a = Math.abs(x);
    if (a >= 1e9) { return '$' + (x / 1e9).toFixed(2) + 'B'; }
    if (a >= 1e6) { return '$' + (x / 1e6).toFixed(1) + 'M'; }
    if (a >= 1e3) { return '$' + (x / 1e3).toFixed(1) + 'k'; }
    return '$' + x.toFixed(0);
  }
  function nodeName(g) {
    var n = index.nodes.name[g];
    return n ? n + ' (' + index.nodes.id[g] + ')' : index.nodes.id[g];
  }
  function nameOfId(id) {
    var g = idToGlobal[id];
    return g == null ? id : nodeName(g);
  }
  function groupColour(groupIndex) {
    var name = index.groups[groupIndex];
    return KIND_COLOURS[name] || PALETTE[groupIndex % PALETTE.length];
  }
  function addDays(week, days) {
    var d = new Date(week + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().substring(0, 10);
  }
  function crisisOf(week) {
    return index.crises.filter(function (c) { return week >= c.start && week <= c.end; })[0] || null;
  }
  function hashParams() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      if (!kv) { return; }
      var i = kv.indexOf('=');
      out[decodeURIComponent(kv.substring(0, i))] = decodeURIComponent(kv.substring(i + 1));
    });
    return out;
  }

  window.addEventListener('error', function (e) { state.errors.push(String(e.message)); });

  document.addEventListener('DOMContentLoaded', function () {
    state.page = document.body.getAttribute('data-page');
    load('index', 'index.js').then(function (data) {
      state.timings.index = performance.now();
      index = data;
      index.nodes.id.forEach(function (id, g) { idToGlobal[id] = g; });
      navLinks();
      if (state.page === 'crisis') { crisisPage(document.body.getAttribute('data-crisis')); } else { explorerPage(); }
    }).catch(fail);
  });

  function fail(err) {
    state.errors.push(String(err && err.message || err));
    console.error(err);
  }

  function navLinks() {
    var box = $('crisis-links');
    index.crises.forEach(function (c) {
      box.appendChild(el('a', { href: 'crisis-' + c.slug + '.html' }, c.title + ' crisis'));
      box.appendChild(document.createTextNode(' '));
    });
  }

  // ---------------------------------------------------------------- the network page

  function explorerPage() {
    if ($('source')) { $('source').textContent = 'results: ' + index.source; }
    state.topN = index.topNodes;
    $('top-n').value = state.topN;
    var slider = $('week-slider');
    slider.max = Math.max(0, index.weeks.length - 1);
    var marks = $('crisis-marks');
    var last = Math.max(1, index.weeks.length - 1);
    index.weeks.forEach(function (w, k) {
      if (crisisOf(w.week)) {
        var m = el('span', { title: crisisOf(w.week).title + ' ' + w.week, 'data-week': w.week });
        m.style.left = (100 * k / last) + '%';
        m.style.width = (100 / last) + '%';
        marks.appendChild(m);
      }
    });
    explorer.chart = echarts.init($('graph'));
    explorer.chart.on('click', function (p) {
      if (p.dataType === 'node') { selectNode(p.data.id); }
    });
    slider.addEventListener('input', function () { showWeek(+slider.value); });
    $('prev-week').addEventListener('click', function () { showWeek(Math.max(0, state.weekIndex - 1)); });
    $('next-week').addEventListener('click', function () { showWeek(Math.min(index.weeks.length - 1, state.weekIndex + 1)); });
    $('top-n').addEventListener('change', function () {
      var v = parseInt($('top-n').value, 10);
      if (v > 0) { state.topN = v; render(); }
    });
    $('colour-by').addEventListener('change', function () { state.colourBy = $('colour-by').value; render(); });
    $('clear-highlight').addEventListener('click', function () {
      state.highlight = null; state.chosenAlert = null; state.selected = null; $('panel').hidden = true; render(); listAlerts();
    });
    setupSearch();
    timeline();
    window.addEventListener('resize', function () { explorer.chart.resize(); });

    var params = hashParams();
    var start = index.weeks.findIndex(function (w) { return w.week === params.week; });
    if (start < 0) {
      // First crisis week if any (the page people open first is a crisis week), else the last week.
      start = index.weeks.findIndex(function (w) { return crisisOf(w.week); });
      if (start < 0) { start = index.weeks.length - 1; }
    }
    showWeek(start).then(function () {
      if (params.alert) { chooseAlert(params.alert); }
      if (params.node) { selectNode(params.node); }
    });
  }

  function showWeek(k) {
    if (k < 0 || k >= index.weeks.length) { return Promise.resolve(); }
    var week = index.weeks[k].week;
    $('week-slider').value = k;
    return load('week:' + week, 'week-' + week + '.js').then(function (data) {
      if (state.timings.week == null) { state.timings.week = performance.now(); }
      state.week = week;
      state.weekIndex = k;
      state.weekData = prepareWeek(data);
      if (state.chosenAlert && state.chosenAlert.week !== week) { state.highlight = null; state.chosenAlert = null; }
      var c = crisisOf(week);
      $('week-label').textContent = week + ' · ' + data.n.length.toLocaleString('en') + ' nodes · '
        + (data.l.length / 3).toLocaleString('en') + ' links' + (c ? ' · ' + c.title + ' crisis' : '');
      history.replaceState(null, '', '#week=' + week);
      render();
      listAlerts();
      listIncidents();
      sankey(data);
      embeddingMap(data);
      communities();
      if (state.selected) { openPanel(state.selected); }
    }).catch(fail);
  }

  /** Local lookups for a week: global -> local index, each node's in- and out-links. */
  function prepareWeek(data) {
    var local = {};
    data.n.forEach(function (g, i) { local[g] = i; });
    data.local = local;
    var maxS = 1;
    data.s.forEach(function (s) { if (s > maxS) { maxS = s; } });
    var maxW = 1;
    for (var j = 2; j < data.l.length; j += 3) { if (data.l[j] > maxW) { maxW = data.l[j]; } }
    data.maxS = maxS;
    data.maxW = maxW;
    return data;
  }

  function neighbours(data, i) {
    var holds = [];
    var heldBy = [];
    for (var j = 0; j < data.l.length; j += 3) {
      if (data.l[j] === data.l[j + 1]) { continue; }
      if (data.l[j] === i) { holds.push([data.l[j + 1], data.l[j + 2]]); }
      if (data.l[j + 1] === i) { heldBy.push([data.l[j], data.l[j + 2]]); }
    }
    var byUsd = function (a, b) { return b[1] - a[1]; };
    return { holds: holds.sort(byUsd), heldBy: heldBy.sort(byUsd) };
  }

  /** Draws the week: the top N nodes by systemic importance, plus whatever is selected or highlighted. */
  function render() {
    var t0 = performance.now();
    var data = state.weekData;
    var shown = {};
    var count = 0;
    for (var r = 0; r < data.o.length && count < state.topN; r++) { shown[data.o[r]] = true; count++; }
    var roleOf = {};
    if (state.highlight) {
      ['member', 'distressed', 'creditor', 'asset'].forEach(function (role) {
        (state.highlight[role] || []).forEach(function (id) {
          var i = data.local[idToGlobal[id]];
          if (i != null) { shown[i] = true; roleOf[i] = role; }
        });
      });
    }
    var sel = state.selected != null ? data.local[idToGlobal[state.selected]] : null;
    if (sel != null) {
      shown[sel] = true;
      var nb = neighbours(data, sel);
      nb.holds.slice(0, 15).concat(nb.heldBy.slice(0, 15)).forEach(function (p) { shown[p[0]] = true; });
    }
    var nodes = [];
    var pos = {};
    Object.keys(shown).forEach(function (key) {
      var i = +key;
      var g = data.n[i];
      pos[i] = nodes.length;
      var colour = state.colourBy === 'community'
        ? (data.c[i] >= 0 ? PALETTE[data.c[i] % PALETTE.length] : '#dddddd')
        : groupColour(index.nodes.group[g]);
      var style = { color: colour };
      if (state.highlight) {
        if (roleOf[i]) { style = { color: ROLE_COLOURS[roleOf[i]], borderColor: '#000', borderWidth: 1 }; } else { style.opacity = 0.15; }
      }
      if (i === sel) { style.borderColor = '#000'; style.borderWidth = 3; }
      nodes.push({
        id: index.nodes.id[g], name: index.nodes.name[g] || index.nodes.id[g],
        x: index.nodes.x[g], y: index.nodes.y[g], value: data.s[i],
        symbolSize: 4 + 28 * Math.sqrt(data.s[i] / data.maxS),
        itemStyle: style
      });
    });
    // Links among the nodes drawn; at most MAX_LINKS, the largest by USD (drawing every one of tens of
    // thousands of lines costs seconds and shows nothing more).
    var candidates = [];
    for (var j = 0; j < data.l.length; j += 3) {
      var a = pos[data.l[j]];
      var b = pos[data.l[j + 1]];
      if (a == null || b == null || a === b) { continue; }
      candidates.push(j);
    }
    state.linksAmongShown = candidates.length;
    if (candidates.length > MAX_LINKS) {
      candidates.sort(function (x, y) { return data.l[y + 2] - data.l[x + 2]; });
      candidates.length = MAX_LINKS;
    }
    var links = candidates.map(function (j) {
      // Red: a creditor's holding of a collapsing asset, or a link inside a highlighted module.
      var hot = state.highlight && roleOf[data.l[j]] && (roleOf[data.l[j + 1]] === 'asset' || roleOf[data.l[j + 1]] === 'member');
      return {
        source: pos[data.l[j]], target: pos[data.l[j + 1]], value: data.l[j + 2],
        lineStyle: {
          width: 0.3 + 6 * Math.sqrt(data.l[j + 2] / data.maxW),
          opacity: state.highlight ? (hot ? 0.8 : 0.04) : 0.25,
          color: hot ? '#d62728' : '#8899aa'
        }
      };
    });
    // Names on the largest nodes only, so the picture stays readable.
    var bySize = nodes.map(function (n, k) { return k; }).sort(function (x, y) { return nodes[y].value - nodes[x].value; });
    bySize.slice(0, 25).forEach(function (k) { nodes[k].label = { show: true }; });
    legend(shown, data);
    state.shownIds = nodes.map(function (n) { return n.id; });
    state.renderedNodes = nodes.length;
    state.renderedLinks = links.length;
    state.rendering = true;
    explorer.chart.off('finished');
    explorer.chart.on('finished', function () {
      state.rendering = false;
      state.lastRenderMs = performance.now() - t0;
      if (state.firstRenderMs == null) { state.firstRenderMs = state.timings.drawn = performance.now(); }
      explorer.chart.off('finished');
    });
    explorer.chart.setOption({
      animation: false,
      tooltip: {
        formatter: function (p) {
          if (p.dataType === 'node') { return p.data.name + ' (' + p.data.id + ')<br>' + usd(p.data.value); }
          if (p.dataType === 'edge') { return nodes[p.data.source].name + ' holds ' + usd(p.data.value) + ' of ' + nodes[p.data.target].name; }
          return '';
        }
      },
      series: [{
        type: 'graph', layout: 'none', roam: true, data: nodes, links: links,
        edgeSymbol: links.length > 1500 ? ['none', 'none'] : ['none', 'arrow'], edgeSymbolSize: 4,
        label: { show: false, position: 'right', fontSize: 10 },
        emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.9 } },
        lineStyle: { curveness: links.length > 1500 ? 0 : 0.1 }
      }]
    }, true);
  }

  /** What the colours mean: the highlight's roles, or the groups (sectors / kinds) among the nodes drawn. */
  function legend(shown, data) {
    var box = $('legend');
    box.innerHTML = '';
    var items = [];
    if (state.highlight) {
      var labels = { asset: 'collapsing asset', creditor: 'creditor (holds it)', distressed: 'DebtRank distressed', member: 'module member' };
      Object.keys(labels).forEach(function (role) {
        if ((state.highlight[role] || []).length) { items.push([ROLE_COLOURS[role], labels[role] + ' (' + state.highlight[role].length + ')']); }
      });
    } else if (state.colourBy === 'group') {
      var seen = {};
      Object.keys(shown).forEach(function (i) { seen[index.nodes.group[data.n[i]]] = true; });
      Object.keys(seen).map(Number).sort(function (a, b) { return a - b; }).forEach(function (g) { items.push([groupColour(g), index.groups[g]]); });
    } else {
      items.push(['#dddddd', 'colour = Infomap module (list below)']);
    }
    items.forEach(function (it) {
      var row = el('div');
      var sw = el('span', { 'class': 'swatch' });
      sw.style.background = it[0];
      row.appendChild(sw);
      row.appendChild(document.createTextNode(it[1]));
      box.appendChild(row);
    });
  }

  // ---------------------------------------------------------------- alerts, incidents, highlight

  function alertsOf(week) { return index.alerts.filter(function (a) { return a.week === week; }); }

  function listAlerts() {
    var ul = $('alerts');
    ul.innerHTML = '';
    var alerts = alertsOf(state.week);
    $('alert-count').textContent = '(' + alerts.length + ')';
    alerts.forEach(function (a) {
      var li = el('li', { 'class': a.severity + (state.chosenAlert && state.chosenAlert.id === a.id ? ' chosen' : ''), 'data-alert-id': a.id });
      li.appendChild(el('span', { 'class': 'sev ' + a.severity }, a.severity + ' '));
      li.appendChild(el('b', null, a.rule + ': '));
      li.appendChild(document.createTextNode(a.message));
      li.addEventListener('click', function () { chooseAlert(a.id); });
      ul.appendChild(li);
      if (state.chosenAlert && state.chosenAlert.id === a.id) { li.scrollIntoView({ block: 'nearest' }); }
    });
    if (!alerts.length) { ul.appendChild(el('li', { 'class': 'muted' }, 'none')); }
  }

  function incidentWeek(inc) { return inc.week || inc.firstWeek || inc.startWeek || null; }

  function listIncidents() {
    var ul = $('incidents');
    ul.innerHTML = '';
    var list = (index.incidents || []).filter(function (inc) {
      var w = incidentWeek(inc);
      var weeks = inc.weeks || [];
      return w === state.week || weeks.indexOf(state.week) >= 0;
    });
    list.forEach(function (inc) {
      var li = el('li', { 'class': inc.severity || '', 'data-incident-id': inc.id || '' },
        (inc.title || inc.message || inc.id || 'incident'));
      li.addEventListener('click', function () { chooseIncident(inc); });
      ul.appendChild(li);
    });
    if (!list.length) { ul.appendChild(el('li', { 'class': 'muted' }, index.incidents && index.incidents.length ? 'none' : 'none (no incident records)')); }
  }

  /**
   * The alert's collapsing assets (issuer / shocked subjects), their creditors (creditor subjects and every
   * holder of an asset in this week's links) and the DebtRank distressed set (distressed subjects).
   */
  function chooseAlert(id) {
    var a = index.alerts.filter(function (x) { return x.id === id; })[0];
    if (!a) { return; }
    var week = index.weeks.findIndex(function (w) { return w.week === a.week; });
    var go = a.week === state.week ? Promise.resolve() : showWeek(week);
    return go.then(function () {
      state.chosenAlert = a;
      state.highlight = highlightFor(a.subjects.map(function (s) { return { id: s[0], role: s[1] }; }), a.subject);
      render();
      listAlerts();
    });
  }

  function chooseIncident(inc) {
    var subjects = (inc.subjects || []).map(function (s) { return typeof s === 'string' ? { id: s, role: 'issuer' } : s; });
    (inc.assets || []).forEach(function (id) { subjects.push({ id: id, role: 'issuer' }); });
    state.chosenAlert = { id: inc.id, week: state.week };
    state.highlight = highlightFor(subjects, inc.subject);
    render();
  }

  function highlightFor(subjects, mainSubject) {
    var assets = {};
    var creditors = {};
    var distressed = {};
    subjects.forEach(function (s) {
      if (s.role === 'issuer' || s.role === 'shocked' || s.role === 'asset') { assets[s.id] = true; }
      else if (s.role === 'creditor') { creditors[s.id] = true; }
      else if (s.role === 'distressed') { distressed[s.id] = true; }
    });
    if (!Object.keys(assets).length && mainSubject && idToGlobal[mainSubject] != null) { assets[mainSubject] = true; }
    var data = state.weekData;
    Object.keys(assets).forEach(function (id) {
      var i = data.local[idToGlobal[id]];
      if (i == null) { return; }
      neighbours(data, i).heldBy.forEach(function (p) { creditors[index.nodes.id[data.n[p[0]]]] = true; });
    });
    Object.keys(assets).forEach(function (id) { delete creditors[id]; delete distressed[id]; });
    Object.keys(creditors).forEach(function (id) { delete distressed[id]; });
    return { asset: Object.keys(assets), creditor: Object.keys(creditors), distressed: Object.keys(distressed) };
  }

  // ---------------------------------------------------------------- search and the node panel

  function setupSearch() {
    var box = $('search');
    var results = $('search-results');
    box.addEventListener('input', function () {
      var q = box.value.trim().toLowerCase();
      results.innerHTML = '';
      if (!q) { return; }
      var hits = [];
      for (var g = 0; g < index.nodes.id.length && hits.length < 30; g++) {
        var id = index.nodes.id[g];
        var name = index.nodes.name[g] || '';
        if (id.toLowerCase() === q) { hits.unshift(g); } else if (id.toLowerCase().indexOf(q) >= 0 || name.toLowerCase().indexOf(q) >= 0) { hits.push(g); }
      }
      hits.forEach(function (g) {
        var d = el('div', { 'data-id': index.nodes.id[g] }, nodeName(g) + ' · ' + index.groups[index.nodes.group[g]]);
        d.addEventListener('click', function () { results.innerHTML = ''; selectNode(index.nodes.id[g]); });
        results.appendChild(d);
      });
    });
  }

  function selectNode(id) {
    if (idToGlobal[id] == null) { return; }
    state.selected = id;
    render();
    openPanel(id);
    embeddingMap(state.weekData);
  }

  function openPanel(id) {
    var g = idToGlobal[id];
    var shards = index.shards;
    var shard = g % shards;
    return load('series:' + shard, 'series-' + shard + '.js').then(function (series) {
      var s = series[id];
      var data = state.weekData;
      var i = data.local[g];
      var k = state.weekIndex;
      var panel = $('panel');
      panel.hidden = false;
      panel.innerHTML = '';
      panel.setAttribute('data-node-id', id);
      panel.appendChild(el('h2', null, nodeName(g)));
      panel.appendChild(el('div', { 'class': 'muted' }, index.nodes.kind[g] + ' · ' + index.groups[index.nodes.group[g]]
        + (i == null ? ' · not in this week' : '')));
      var t = el('table');
      function row(label, key, value, text) {
        var tr = el('tr');
        tr.appendChild(el('td', null, label));
        tr.appendChild(el('td', { 'class': 'num', id: 'panel-' + key, 'data-value': value == null ? '' : String(value) }, text));
        t.appendChild(tr);
      }
      var tvl = i == null ? null : data.s[i];
      row(index.nodes.kind[g] === 'protocol' ? 'TVL' : 'Held value', 'tvl', tvl, usd(tvl));
      row('PageRank', 'pagerank', s.p[k], s.p[k] == null ? '-' : s.p[k].toFixed(5));
      row('Systemic score', 'sis', s.s[k], s.s[k] == null ? '- (not in top N)' : s.s[k].toFixed(3));
      row('Infomap module', 'module', i == null ? null : data.c[i], i == null || data.c[i] < 0 ? '-' : String(data.c[i]));
      panel.appendChild(t);
      var chartBox = el('div', { id: 'panel-chart' });
      panel.appendChild(chartBox);
      panelChart(chartBox, s);
      if (i != null) {
        var nb = neighbours(data, i);
        counterparties(panel, 'Holds (its exposures)', 'panel-holds', nb.holds);
        counterparties(panel, 'Held by (its creditors)', 'panel-heldby', nb.heldBy);
      }
      var alerts = index.alerts.filter(function (a) {
        return a.subject === id || a.subjects.some(function (x) { return x[0] === id; });
      });
      panel.appendChild(el('h3', null, 'Its alerts (' + alerts.length + ')'));
      var ul = el('ul', { id: 'panel-alerts' });
      alerts.slice(0, 20).forEach(function (a) {
        var li = el('li', { 'class': a.severity, 'data-alert-id': a.id }, a.week + ' ' + a.severity + ' ' + a.rule);
        li.addEventListener('click', function () { chooseAlert(a.id); });
        ul.appendChild(li);
      });
      panel.appendChild(ul);
      var predicted = data.p.filter(function (p) { return p[0] === id; }).sort(function (a, b) { return b[2] - a[2]; });
      panel.appendChild(el('h3', null, "ROLAND: predicted new exposures next week"));
      var pl = el('ul', { id: 'panel-predictions' });
      predicted.slice(0, 10).forEach(function (p) {
        pl.appendChild(el('li', { 'data-id': p[1] }, nameOfId(p[1]) + ' · p = ' + p[2].toFixed(3)));
      });
      if (!predicted.length) { pl.appendChild(el('li', { 'class': 'muted' }, 'none this week')); }
      panel.appendChild(pl);
      state.panel = { id: id, week: state.week, tvl: tvl, pageRank: s.p[k], sis: s.s[k] };
    }).catch(fail);
  }

  function counterparties(panel, title, id, list) {
    panel.appendChild(el('h3', null, title + ' · ' + list.length));
    var t = el('table', { id: id });
    list.slice(0, 8).forEach(function (p) {
      var g = state.weekData.n[p[0]];
      var tr = el('tr', { 'data-id': index.nodes.id[g], 'data-usd': String(p[1]) });
      var a = el('a', { href: '#' }, nodeName(g));
      a.addEventListener('click', function (e) { e.preventDefault(); selectNode(index.nodes.id[g]); });
      var td = el('td');
      td.appendChild(a);
      tr.appendChild(td);
      tr.appendChild(el('td', { 'class': 'num' }, usd(p[1])));
      t.appendChild(tr);
    });
    panel.appendChild(t);
  }

  function panelChart(box, s) {
    var chart = echarts.init(box);
    var weeks = index.weeks.map(function (w) { return w.week; });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 48, top: 24, bottom: 20 },
      legend: { top: 0, textStyle: { fontSize: 10 } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: weeks, axisLabel: { fontSize: 9 } },
      yAxis: [{ type: 'value', axisLabel: { fontSize: 9, formatter: usd } }, { type: 'value', max: 1, axisLabel: { fontSize: 9 } }],
      series: [
        { name: 'TVL', type: 'line', data: s.t, showSymbol: false },
        { name: 'PageRank ×10', type: 'line', yAxisIndex: 1, showSymbol: false, data: s.p.map(function (x) { return x == null ? null : Math.min(1, 10 * x); }) },
        { name: 'Systemic', type: 'line', yAxisIndex: 1, showSymbol: false, data: s.s,
          markLine: { symbol: 'none', label: { show: false }, data: [{ xAxis: state.week }], lineStyle: { color: '#000' } } }
      ]
    });
  }

  // ---------------------------------------------------------------- history, Sankey, communities

  function crisisAreas() {
    var weeks = index.weeks.map(function (w) { return w.week; });
    // Only crises inside the history: a category axis has no place for the others.
    return index.crises.filter(function (c) { return weeks.indexOf(c.start) >= 0 && weeks.indexOf(c.end) >= 0; }).map(function (c) {
      return [{ xAxis: c.start, name: c.title, itemStyle: { color: 'rgba(214,39,40,0.15)' } }, { xAxis: c.end }];
    });
  }

  function timeline() {
    var chart = echarts.init($('timeline'));
    var weeks = index.weeks.map(function (w) { return w.week; });
    var bySeverity = function (sev) {
      return weeks.map(function (w) { return index.alerts.filter(function (a) { return a.week === w && a.severity === sev; }).length; });
    };
    chart.setOption({
      animation: false,
      grid: { left: 60, right: 40, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: weeks },
      yAxis: [{ type: 'value', axisLabel: { formatter: usd } }, { type: 'value', minInterval: 1 }],
      series: [
        { name: 'Total TVL', type: 'line', showSymbol: false, data: index.weeks.map(function (w) { return w.tvl == null ? null : w.tvl; }),
          markArea: { data: crisisAreas(), label: { color: '#a00' } } },
        { name: 'critical alerts', type: 'bar', stack: 'a', yAxisIndex: 1, data: bySeverity('critical'), itemStyle: { color: '#d62728' } },
        { name: 'warnings', type: 'bar', stack: 'a', yAxisIndex: 1, data: bySeverity('warning'), itemStyle: { color: '#ff9f0e' } }
      ]
    });
    chart.on('click', function (p) { if (p.dataIndex != null) { showWeek(p.dataIndex); } });
  }

  function sankey(data) {
    var chart = echarts.getInstanceByDom($('sankey')) || echarts.init($('sankey'));
    var total = 0;
    data.f.forEach(function (f) { total += f[2]; });
    // The flows that make up most of the value; the rest would be hairlines.
    var flows = data.f.filter(function (f) { return f[2] >= total * 0.005; });
    var names = {};
    var links = flows.map(function (f) {
      var from = f[0] + ' ▸';
      var to = '▸ ' + f[1];
      names[from] = true;
      names[to] = true;
      return { source: from, target: to, value: f[2] };
    });
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) { return p.dataType === 'edge' ? p.data.source + ' ' + p.data.target + ': ' + usd(p.data.value) : p.name; } },
      series: [{ type: 'sankey', left: 10, right: 120, data: Object.keys(names).map(function (n) { return { name: n }; }), links: links,
        emphasis: { focus: 'adjacency' }, label: { fontSize: 10 }, lineStyle: { color: 'gradient', opacity: 0.4 } }]
    }, true);
  }

  /**
   * The week's embedding map ("m" in the week file: local node index, x, y, DBSCAN cluster): one scatter series per
   * cluster plus noise, symbol size by TVL, the selected node ringed. state.map says what was drawn (tests read it).
   */
  function embeddingMap(data) {
    var box = $('map');
    if (!box) { return; }
    var chart = echarts.getInstanceByDom(box) || echarts.init(box);
    var m = data.m;
    if (!m) {
      state.map = { points: 0, clusters: 0, method: null };
      $('map-note').textContent = '(no per-node records this week: nothing to place)';
      chart.clear();
      return;
    }
    var sel = state.selected != null ? data.local[idToGlobal[state.selected]] : null;
    var byCluster = {};
    m.i.forEach(function (i, k) {
      var c = m.c[k];
      var g = data.n[i];
      var point = {
        value: [m.x[k], m.y[k]], id: index.nodes.id[g], name: index.nodes.name[g] || index.nodes.id[g], tvl: data.s[i],
        symbolSize: 4 + 16 * Math.sqrt(data.s[i] / data.maxS)
      };
      if (i === sel) { point.itemStyle = { borderColor: '#000', borderWidth: 3 }; point.symbolSize += 6; }
      (byCluster[c] = byCluster[c] || []).push(point);
    });
    var keys = Object.keys(byCluster).map(Number).sort(function (a, b) { return a - b; });
    var series = keys.map(function (c) {
      return {
        name: c < 0 ? 'noise' : 'cluster ' + (c + 1), type: 'scatter', data: byCluster[c],
        itemStyle: { color: c < 0 ? '#bbbbbb' : PALETTE[c % PALETTE.length], opacity: 0.8 }
      };
    });
    state.map = { points: m.i.length, clusters: m.clusters, method: m.method, input: m.input, noise: (byCluster[-1] || []).length };
    $('map-note').textContent = '(' + (m.methodLabel || m.method) + (m.input ? ' of ' + m.input : '') + ', ' + m.i.length + ' nodes, ' + m.clusters
      + ' clusters, ' + state.map.noise + ' noise)';
    chart.off('click');
    chart.on('click', function (p) { if (p.data && p.data.id) { selectNode(p.data.id); } });
    chart.setOption({
      animation: false,
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      tooltip: { formatter: function (p) { return p.data.name + ' (' + p.data.id + ')<br>' + p.seriesName + ' · ' + usd(p.data.tvl); } },
      xAxis: { type: 'value', scale: true, splitLine: { show: false } },
      yAxis: { type: 'value', scale: true, splitLine: { show: false } },
      series: series
    }, true);
  }

  function communities() {
    var data = state.weekData;
    var modules = {};
    data.c.forEach(function (c, i) {
      if (c < 0) { return; }
      var m = modules[c] = modules[c] || { id: c, members: [], tvl: 0 };
      m.members.push(i);
      m.tvl += data.s[i];
    });
    var list = Object.keys(modules).map(function (k) { return modules[k]; }).filter(function (m) { return m.members.length > 1; })
      .sort(function (a, b) { return b.tvl - a.tvl; });
    var ul = $('communities');
    ul.innerHTML = '';
    list.slice(0, 15).forEach(function (m) {
      m.members.sort(function (a, b) { return data.s[b] - data.s[a]; });
      var top = m.members.slice(0, 3).map(function (i) { return index.nodes.name[data.n[i]] || index.nodes.id[data.n[i]]; }).join(', ');
      var li = el('li', { 'data-module': String(m.id) }, 'Module ' + m.id + ': ' + m.members.length + ' nodes, ' + usd(m.tvl) + ' · ' + top);
      li.style.borderLeftColor = PALETTE[m.id % PALETTE.length];
      li.addEventListener('click', function () {
        state.chosenAlert = null;
        state.highlight = { member: m.members.map(function (i) { return index.nodes.id[data.n[i]]; }) };
        render();
      });
      ul.appendChild(li);
    });
    if (!list.length) { ul.appendChild(el('li', { 'class': 'muted' }, 'no module records for this week')); }
  }

  // ---------------------------------------------------------------- a crisis page

  function crisisPage(slug) {
    var c = index.crises.filter(function (x) { return x.slug === slug; })[0];
    if (!c) { $('crisis-summary').textContent = 'No crisis ' + slug + ' in this report.'; return; }
    var from = addDays(c.start, -28);
    var to = addDays(c.end, 28);
    var weeks = index.weeks.filter(function (w) { return w.week >= from && w.week <= to; });
    var inWindow = index.alerts.filter(function (a) { return a.week >= from && a.week <= to; });
    var critical = inWindow.filter(function (a) { return a.severity === 'critical'; });
    var warnings = inWindow.filter(function (a) { return a.severity === 'warning'; });
    var first = function (list) { return list.length ? list[0].week : null; };
    var days = function (w) {
      var d = Math.round((new Date(w) - new Date(c.start)) / 864e5);
      return d === 0 ? 'the crisis week itself' : (Math.abs(d) + ' days ' + (d < 0 ? 'before' : 'after') + ' its start');
    };
    var named = {};
    critical.forEach(function (a) {
      a.subjects.forEach(function (s) { if (s[1] === 'issuer' || s[1] === 'shocked') { named[s[0]] = true; } });
      if (!a.subjects.length) { named[a.subject] = true; }
    });
    var box = $('crisis-summary');
    box.innerHTML = '';
    box.appendChild(el('h2', null, c.title + ': ' + c.start + ' to ' + c.end));
    var p = el('p', { id: 'crisis-verdict' });
    p.textContent = weeks.length === 0 ? 'The report has no week in this window.'
      : (critical.length ? 'First critical alert in week ' + first(critical) + ' (' + days(first(critical)) + '); '
        : 'No critical alert in the window; ') + critical.length + ' critical alerts and ' + warnings.length
        + ' warnings between ' + from + ' and ' + to + '.';
    box.appendChild(p);
    if (Object.keys(named).length) {
      box.appendChild(el('p', null, 'Collapsing assets named by critical alerts: ' + Object.keys(named).map(nameOfId).join(', ') + '.'));
    }
    if (!weeks.length) {
      $('crisis-chart').parentNode.hidden = true;
      $('crisis-timeline').parentNode.hidden = true;
      state.crisis = { slug: slug, critical: 0, warnings: 0, firstCritical: null };
      state.rendered = true;
      return;
    }
    var link = el('a', { href: 'explorer.html#week=' + c.start }, 'Open the network of ' + c.start + ' in the explorer');
    box.appendChild(link);

    var chart = echarts.init($('crisis-chart'));
    var labels = weeks.map(function (w) { return w.week; });
    var count = function (sev) { return labels.map(function (w) { return inWindow.filter(function (a) { return a.week === w && a.severity === sev; }).length; }); };
    chart.setOption({
      animation: false,
      grid: { left: 60, right: 40, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels },
      yAxis: [{ type: 'value', axisLabel: { formatter: usd } }, { type: 'value', minInterval: 1 }],
      series: [
        { name: 'Total TVL', type: 'line', data: weeks.map(function (w) { return w.tvl == null ? null : w.tvl; }),
          markArea: { data: [[{ xAxis: c.start, itemStyle: { color: 'rgba(214,39,40,0.15)' } }, { xAxis: c.end }]] } },
        { name: 'critical alerts', type: 'bar', stack: 'a', yAxisIndex: 1, data: count('critical'), itemStyle: { color: '#d62728' } },
        { name: 'warnings', type: 'bar', stack: 'a', yAxisIndex: 1, data: count('warning'), itemStyle: { color: '#ff9f0e' } }
      ]
    });
    var tl = $('crisis-timeline');
    labels.forEach(function (w) {
      var list = inWindow.filter(function (a) { return a.week === w && a.severity !== 'info'; });
      var block = el('div', { 'class': 'week-block', 'data-week': w });
      var h = el('h4', null, w + (w >= c.start && w <= c.end ? ' (crisis)' : '') + ' · ' + list.length + ' alerts');
      h.appendChild(el('a', { 'class': 'week-link', href: 'explorer.html#week=' + w }, 'network'));
      block.appendChild(h);
      var ul = el('ul');
      list.slice(0, 12).forEach(function (a) {
        var li = el('li', null);
        li.appendChild(el('span', { 'class': 'sev ' + a.severity }, a.severity + ' '));
        li.appendChild(el('a', { href: 'explorer.html#week=' + a.week + '&alert=' + encodeURIComponent(a.id) }, a.rule));
        li.appendChild(document.createTextNode(': ' + a.message));
        ul.appendChild(li);
      });
      if (list.length > 12) { ul.appendChild(el('li', { 'class': 'muted' }, (list.length - 12) + ' more')); }
      block.appendChild(ul);
      tl.appendChild(block);
    });
    state.crisis = { slug: slug, critical: critical.length, warnings: warnings.length, firstCritical: first(critical) };
    state.rendered = true;
  }
})();
