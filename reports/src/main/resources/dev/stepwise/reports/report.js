// The Stepwise HTML report viewer: plain JavaScript, no network. Data is embedded once (JSON blocks written as
// the run streamed); rows and step details are rendered on demand.
(function () {
  'use strict';
  var errors = window.__errors = window.__errors || [];
  window.addEventListener('error', function (e) { errors.push(String(e.message || e)); });
  var PAGE = 300;
  var root = document.documentElement;

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    if (attrs) { for (var k in attrs) { if (k === 'text') { n.textContent = attrs[k]; } else if (k === 'cls') { n.className = attrs[k]; } else { n.setAttribute(k, attrs[k]); } } }
    (children || []).forEach(function (c) { if (c != null) { n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return n;
  }
  function ms(d) { return d >= 60000 ? (d / 60000).toFixed(1) + ' min' : d >= 1000 ? (d / 1000).toFixed(2) + ' s' : d + ' ms'; }
  function badge(status) { return el('span', { cls: 'badge ' + status, text: status }); }

  function load() {
    var summary = JSON.parse(document.getElementById('sw-summary').textContent);
    var specs = {}, specOrder = [], scenarios = [];
    var blocks = document.querySelectorAll('script.sw-chunk');
    for (var i = 0; i < blocks.length; i++) {
      var recs = JSON.parse(blocks[i].textContent);
      for (var j = 0; j < recs.length; j++) {
        var r = recs[j];
        if (r.type === 'spec') { specs[r.specId] = r; specOrder.push(r.specId); } else { scenarios.push(r); }
      }
    }
    // Retries: the last attempt of a scenario is the result; earlier attempts hang off it.
    var last = {}, shown = [];
    scenarios.forEach(function (s) {
      var key = s.specId + '\u0000' + s.name + '\u0000' + JSON.stringify(s.dataRow || null);
      var prev = last[key];
      if (prev && s.attempt > 1) { s.previous = (prev.previous || []).concat([prev]); prev.superseded = true; }
      last[key] = s;
    });
    scenarios.forEach(function (s) { if (!s.superseded) { shown.push(s); } });
    var tags = {};
    shown.forEach(function (s) { s.allTags = (s.specTags || []).concat(s.tags || []); s.allTags.forEach(function (t) { tags[t] = true; }); });
    return { summary: summary, specs: specs, specOrder: specOrder, scenarios: shown, tags: Object.keys(tags).sort() };
  }

  function renderSummary(d) {
    var s = d.summary;
    var cells = [['Status', s.status], ['Scenarios', s.scenarios], ['Passed', s.scenariosPassed], ['Failed', s.scenariosFailed],
      ['Skipped', s.scenariosSkipped], ['Specs', s.specs], ['Success rate', (Math.round(s.successRate * 100) / 100) + '%'], ['Duration', ms(s.durationMs)]];
    var meta = [];
    if (s.environment) { meta.push('Environment: ' + s.environment); }
    if (s.tags) { meta.push('Tags: ' + s.tags); }
    if (s.timestamp) { meta.push('Started: ' + s.timestamp); }
    var header = el('header', null, [
      el('h1', { text: 'Stepwise report' + (s.project ? ': ' + s.project : '') }),
      el('div', { cls: 'summary', id: 'summary' }, cells.map(function (c) { return el('div', { 'data-k': c[0] }, [el('b', { text: String(c[1]) }), c[0]]); })),
      el('div', { cls: 'meta', text: meta.join(' \u00b7 ') })]);
    if (s.beforeHookFailure || s.afterHookFailure) {
      [s.beforeHookFailure, s.afterHookFailure].forEach(function (f) { if (f) { header.appendChild(failureBlock('Suite hook failed', f)); } });
    }
    return header;
  }

  function failureBlock(label, f) {
    return el('div', null, [el('div', { cls: 'err', text: label + ': ' + f.message }), f.stackTrace ? el('pre', { text: f.stackTrace }) : null]);
  }

  function tableEl(t) {
    var head = el('tr', null, t.headers.map(function (h) { return el('th', { text: h }); }));
    return el('table', { cls: 'data' }, [head].concat(t.rows.map(function (r) { return el('tr', null, r.map(function (c) { return el('td', { text: c }); })); })));
  }

  function attachments(list) {
    return (list || []).map(function (a) {
      return a.dataUri ? el('img', { cls: 'shot', src: a.dataUri, alt: a.file, title: a.file }) : el('div', { cls: 'msg', text: 'Attachment: ' + a.file });
    });
  }

  function stepEl(st) {
    var line = el('div', { cls: 'line' }, [badge(st.status), ' ', el('span', { cls: 'text', text: st.text }), ' ', el('span', { cls: 'dur', text: ms(st.durationMs) })]);
    var body = [line];
    (st.parameters || []).forEach(function (p) { if (p.table) { body.push(tableEl(p.table)); } });
    if (st.beforeHookFailure) { body.push(failureBlock('Before step hook failed', st.beforeHookFailure)); }
    if (st.failure) { body.push(failureBlock(st.recoverable ? 'Failed (continued)' : 'Failed', st.failure)); }
    if (st.afterHookFailure) { body.push(failureBlock('After step hook failed', st.afterHookFailure)); }
    if (st.skipReason) { body.push(el('div', { cls: 'msg', text: 'Skipped: ' + st.skipReason })); }
    (st.hookMessages || []).concat(st.messages || []).forEach(function (m) { body.push(el('div', { cls: 'msg', text: m })); });
    body = body.concat(attachments(st.attachments));
    if (st.steps && st.steps.length) { body.push(el('div', { cls: 'children' }, st.steps.map(stepEl))); }
    return el('div', { cls: 'step ' + st.status }, body);
  }

  function details(s) {
    var parts = [];
    if (s.dataRow && s.dataRow.row && s.dataRow.row.headers.length) { parts.push(el('div', { cls: 'msg', text: 'Data row:' })); parts.push(tableEl(s.dataRow.row)); }
    (s.skipReasons || []).forEach(function (r) { parts.push(el('div', { cls: 'msg', text: 'Skipped: ' + r })); });
    if (s.beforeHookFailure) { parts.push(failureBlock('Before scenario hook failed', s.beforeHookFailure)); }
    (s.steps || []).forEach(function (st) { parts.push(stepEl(st)); });
    if (s.afterHookFailure) { parts.push(failureBlock('After scenario hook failed', s.afterHookFailure)); }
    (s.hookMessages || []).forEach(function (m) { parts.push(el('div', { cls: 'msg', text: m })); });
    parts = parts.concat(attachments(s.attachments));
    (s.previous || []).forEach(function (p) {
      parts.push(el('div', { cls: 'attempts', text: 'Attempt ' + p.attempt + ': ' + p.status + (p.failure ? ' \u2014 ' + p.failure.message : '') }));
    });
    return el('div', { cls: 'details' }, parts);
  }

  function scenarioEl(s) {
    var tagEls = (s.tags || []).map(function (t) { return el('span', { cls: 'tag', text: t }); });
    var extra = s.previous && s.previous.length ? el('span', { cls: 'attempts', text: (s.flaky ? 'flaky: passed on ' : '') + 'attempt ' + s.attempt + ' of ' + (s.maxRetries + 1) }) : null;
    // A skipped scenario says why on its row (scenarios skipped before they started have no steps to open).
    var reason = s.status === 'skipped' && s.skipReasons && s.skipReasons.length ? el('span', { cls: 'reason', text: s.skipReasons.join('; ') }) : null;
    var row = el('div', { cls: 'row' }, [badge(s.status), el('span', { cls: 'name', text: s.name + (s.dataRow ? ' [row ' + ((s.dataRow.scenarioTableRow >= 0 ? s.dataRow.scenarioTableRow : s.dataRow.specTableRow) + 1) + ']' : '') })]
      .concat(tagEls).concat([reason, extra, el('span', { cls: 'dur', text: ms(s.durationMs) })]));
    var box = el('div', { cls: 'scenario', 'data-status': s.status }, [row]);
    var open = null;
    row.addEventListener('click', function () {
      if (open) { box.removeChild(open); open = null; } else { open = details(s); box.appendChild(open); }
    });
    if (s.status === 'failed' && state.autoOpen > 0) { state.autoOpen--; open = details(s); box.appendChild(open); }
    return box;
  }

  var state = { status: '', tag: '', text: '', limit: PAGE, autoOpen: 5 };

  function readHash() {
    var h = (location.hash || '').replace(/^#/, '');
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('='); if (i < 0) { return; }
      var k = decodeURIComponent(kv.slice(0, i)), v = decodeURIComponent(kv.slice(i + 1));
      if (k === 'status' || k === 'tag' || k === 'text') { state[k] = v; }
    });
  }

  function matches(s) {
    if (state.status && s.status !== state.status) { return false; }
    if (state.tag && s.allTags.indexOf(state.tag) < 0) { return false; }
    if (state.text) { var q = state.text.toLowerCase(); if ((s.name + ' ' + s.spec).toLowerCase().indexOf(q) < 0) { return false; } }
    return true;
  }

  function renderList(d, main) {
    main.textContent = '';
    state.autoOpen = 5;
    var hits = d.scenarios.filter(matches);
    var bySpec = {}, order = [];
    hits.slice(0, state.limit).forEach(function (s) { if (!bySpec[s.specId]) { bySpec[s.specId] = []; order.push(s.specId); } bySpec[s.specId].push(s); });
    order.forEach(function (id) {
      var sp = d.specs[id] || { name: bySpec[id][0].spec, file: bySpec[id][0].specFile, status: '' };
      var h = el('h2', null, [sp.status ? badge(sp.status) : null, el('span', { text: sp.name }), el('span', { cls: 'file', text: sp.file || '' })]);
      var box = el('section', { cls: 'spec' }, [h]);
      ((sp.beforeHookFailures || []).concat(sp.afterHookFailures || [])).forEach(function (f) { box.appendChild(failureBlock('Spec hook failed', f)); });
      (sp.errors || []).forEach(function (e) { box.appendChild(el('div', { cls: 'err', text: e.file + ':' + e.line + ' ' + e.message })); });
      bySpec[id].forEach(function (s) { box.appendChild(scenarioEl(s)); });
      main.appendChild(box);
    });
    if (!hits.length) { main.appendChild(el('div', { cls: 'empty', text: 'No scenario matches the filter.' })); }
    if (hits.length > state.limit) {
      var more = el('button', { cls: 'more', text: 'Show more (' + (hits.length - state.limit) + ' left)' });
      more.addEventListener('click', function () { state.limit += PAGE * 4; renderList(d, main); });
      main.appendChild(more);
    }
    root.setAttribute('data-shown', String(Math.min(hits.length, state.limit)));
    root.setAttribute('data-matches', String(hits.length));
  }

  function renderFilters(d, main) {
    function select(id, label, values) {
      var s = el('select', { id: id, 'aria-label': label }, [el('option', { value: '', text: label + ': all' })].concat(values.map(function (v) { return el('option', { value: v, text: v }); })));
      s.value = state[id];
      s.addEventListener('change', function () { state[id] = s.value; state.limit = PAGE; renderList(d, main); });
      return s;
    }
    var text = el('input', { id: 'text', type: 'search', placeholder: 'Find scenario or spec' });
    text.value = state.text;
    text.addEventListener('input', function () { state.text = text.value; state.limit = PAGE; renderList(d, main); });
    return el('div', { cls: 'filters' }, [select('status', 'Status', ['passed', 'failed', 'skipped']), select('tag', 'Tag', d.tags), text]);
  }

  function start() {
    try {
      readHash();
      var d = load();
      var app = document.getElementById('app');
      var main = el('main', { id: 'list' });
      app.appendChild(renderSummary(d));
      app.appendChild(renderFilters(d, main));
      app.appendChild(main);
      renderList(d, main);
    } catch (e) {
      errors.push(String(e && e.stack || e));
      throw e;
    } finally {
      root.setAttribute('data-errors', JSON.stringify(errors));
      root.setAttribute('data-rendered', 'true');
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
