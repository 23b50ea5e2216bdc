/**
 * The console page: one self-contained HTML document (inline CSS and vanilla JS, no build, no
 * external requests). It reads `/_console/api/*` and builds every piece of data into the DOM
 * as text nodes (`textContent`), never as markup, because documents and logs hold user text.
 * Written with String.raw so the script's backslashes reach the browser unchanged; the script
 * itself uses no template literals.
 */
export const CONSOLE_PAGE = String.raw`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>云开发模拟器控制台</title>
<style>
  :root {
    --red: #c62828; --red-soft: #fdecea; --ink: #202124; --muted: #5f6368; --line: #e3e5e8;
    --bg: #f4f5f7; --card: #fff; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; }
  body { display: flex; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
  aside { width: 220px; flex: none; background: #fff; border-right: 1px solid var(--line); display: flex; flex-direction: column; }
  .brand { display: flex; gap: 10px; align-items: center; padding: 18px 18px 14px; border-bottom: 1px solid var(--line); }
  .logo { width: 34px; height: 34px; border-radius: 8px; background: var(--red); color: #fff; display: grid; place-items: center; font-weight: 700; font-size: 18px; }
  .brand b { display: block; font-size: 15px; }
  .brand small { color: var(--muted); font-size: 12px; }
  nav { padding: 10px 0; flex: 1; }
  nav a { display: flex; align-items: center; gap: 10px; padding: 9px 20px; margin: 2px 10px 2px 0; border-radius: 0 20px 20px 0; color: var(--ink); text-decoration: none; }
  nav a:hover { background: #f1f3f4; }
  nav a.active { background: var(--red-soft); color: var(--red); font-weight: 600; }
  nav a .icon { width: 18px; text-align: center; opacity: .8; }
  aside footer { padding: 12px 18px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
  main { flex: 1; min-width: 0; display: flex; flex-direction: column; height: 100%; }
  .topbar { display: flex; align-items: center; gap: 12px; padding: 14px 24px; background: #fff; border-bottom: 1px solid var(--line); }
  .topbar h1 { font-size: 18px; font-weight: 600; margin: 0; flex: 1; }
  .topbar .stamp { color: var(--muted); font-size: 12px; }
  #view { padding: 20px 24px; overflow: auto; flex: 1; }
  button, select, input { font: inherit; }
  button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 5px 12px; cursor: pointer; color: var(--ink); }
  button:hover:not(:disabled) { background: #f1f3f4; }
  button:disabled { opacity: .45; cursor: default; }
  button.primary { background: var(--red); border-color: var(--red); color: #fff; }
  button.primary:hover { background: #b71c1c; }
  select { border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; background: #fff; }
  label.check { display: inline-flex; gap: 6px; align-items: center; color: var(--muted); font-size: 13px; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
  .card + .card { margin-top: 16px; }
  .card-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; padding: 12px 16px; border-bottom: 1px solid var(--line); }
  .card-head h2 { font-size: 15px; margin: 0; font-weight: 600; }
  .card-head .spacer { flex: 1; }
  .muted { color: var(--muted); }
  .split { display: flex; gap: 16px; align-items: flex-start; }
  .split > .side { width: 240px; flex: none; }
  .split > .grow { flex: 1; min-width: 0; }
  .split > .card + .card { margin-top: 0; }
  ul.list { list-style: none; margin: 0; padding: 6px 0; max-height: calc(100vh - 190px); overflow: auto; }
  ul.list a { display: flex; justify-content: space-between; gap: 8px; padding: 7px 16px; color: var(--ink); text-decoration: none; font-family: var(--mono); font-size: 13px; }
  ul.list a:hover { background: #f6f7f8; }
  ul.list a.active { background: var(--red-soft); color: var(--red); }
  .badge { display: inline-block; min-width: 22px; padding: 0 7px; border-radius: 10px; background: #eceff1; color: var(--muted); font: 12px/20px var(--mono); text-align: center; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; vertical-align: top; padding: 8px 16px; border-bottom: 1px solid var(--line); }
  th { font-size: 12px; font-weight: 600; color: var(--muted); background: #fafbfc; white-space: nowrap; }
  tr:last-child td { border-bottom: none; }
  td.mono, .mono { font-family: var(--mono); font-size: 12.5px; }
  td.nowrap { white-space: nowrap; }
  td.num { text-align: right; font-family: var(--mono); }
  td.msg { white-space: pre-wrap; word-break: break-word; font-family: var(--mono); font-size: 12.5px; }
  pre.json { margin: 0; max-height: 360px; overflow: auto; font: 12.5px/1.55 var(--mono); white-space: pre-wrap; word-break: break-word; }
  .j-key { color: #881391; } .j-str { color: #1a7f37; } .j-num { color: #1c00cf; } .j-bool, .j-null { color: #b35900; }
  .j-date { color: #0b57d0; border-bottom: 1px dotted #0b57d0; cursor: help; } .j-p { color: #80868b; }
  .level { display: inline-block; padding: 0 8px; border-radius: 10px; font: 600 11px/20px var(--mono); text-transform: uppercase; }
  .level.debug { background: #eceff1; color: #607d8b; } .level.info { background: #e3f2fd; color: #1565c0; }
  .level.warn { background: #fff3e0; color: #e65100; } .level.error { background: #ffebee; color: #c62828; }
  .status-ok { color: #1a7f37; } .status-err { color: var(--red); } .status-run { color: #e65100; }
  .chips { display: flex; flex-wrap: wrap; gap: 6px; padding: 12px 16px; }
  .chip { padding: 2px 10px; border-radius: 12px; border: 1px solid var(--line); font: 12.5px/22px var(--mono); }
  .empty { padding: 40px 16px; text-align: center; color: var(--muted); }
  .error { margin-bottom: 16px; padding: 10px 14px; border-radius: 8px; background: #ffebee; color: #b71c1c; border: 1px solid #ffcdd2; white-space: pre-wrap; }
  .actions-list { font-family: var(--mono); font-size: 12px; color: var(--muted); }
  @media (max-width: 900px) { aside { width: 64px; } .brand div, nav a .label, aside footer { display: none; } .split { flex-direction: column; } .split > .side { width: 100%; } }
</style>
</head>
<body>
<aside>
  <div class="brand"><span class="logo">云</span><div><b>CloudBase 模拟器</b><small>本地云开发控制台</small></div></div>
  <nav id="nav">
    <a href="#/collections" data-section="collections"><span class="icon">▤</span><span class="label">集合</span></a>
    <a href="#/outbox" data-section="outbox"><span class="icon">✉</span><span class="label">发件箱</span></a>
    <a href="#/invocations" data-section="invocations"><span class="icon">ƒ</span><span class="label">函数调用</span></a>
    <a href="#/logs" data-section="logs"><span class="icon">≡</span><span class="label">日志</span></a>
  </nav>
  <footer>只读视图：集合与文档、发件箱、函数调用、日志</footer>
</aside>
<main>
  <header class="topbar">
    <h1 id="title">集合</h1>
    <span class="stamp" id="stamp"></span>
    <label class="check"><input type="checkbox" id="auto"> 自动刷新</label>
    <button class="primary" id="refresh" type="button">刷新</button>
  </header>
  <section id="view"><noscript>此页面需要启用 JavaScript。</noscript></section>
</main>
<script>
(function () {
  'use strict';
  var API = '/_console/api/';
  var TITLES = { collections: '集合', outbox: '发件箱', invocations: '函数调用', logs: '日志' };
  var LEVEL_NAMES = { debug: '全部级别', info: 'info 及以上', warn: 'warn 及以上', error: '仅 error' };
  var state = {
    section: 'collections', collection: '', skip: 0, limit: 20,
    invLimit: 50, logScope: '', logLevel: 'debug', logLimit: 200
  };
  var view = document.getElementById('view');
  var renders = 0;

  // --- DOM helpers: data only ever becomes text nodes -------------------------------------
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'class') el.className = value;
        else if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), value);
        else el.setAttribute(key, String(value));
      });
    }
    add(el, children);
    return el;
  }
  function add(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(el, c); }); return; }
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  // --- Formatting ---------------------------------------------------------------------------
  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = '0' + n; return n; }
  function fmtTime(value) {
    if (value === undefined || value === null || value === '') return '—';
    var d = new Date(value);
    if (isNaN(d.getTime())) return String(value);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }
  function timeCell(value) {
    var iso = '';
    var d = new Date(value);
    if (value !== undefined && value !== null && !isNaN(d.getTime())) iso = d.toISOString();
    return h('td', { class: 'nowrap mono', title: iso || null }, fmtTime(value));
  }
  function fmtDuration(start, end) {
    if (typeof start !== 'number' || typeof end !== 'number') return '—';
    var ms = end - start;
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(2) + ' s';
  }
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

  // Pretty JSON as coloured spans. {"$date": iso} (how the API tags Dates) reads as a local time.
  function jsonView(value) {
    var pre = h('pre', { class: 'json' });
    writeJson(pre, value, '');
    return pre;
  }
  function span(cls, text, title) { return h('span', { class: cls, title: title || null }, text); }
  function isDateTag(v) {
    return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$date' in v;
  }
  function writeJson(out, v, indent) {
    if (v === null || v === undefined) { add(out, span('j-null', 'null')); return; }
    if (isDateTag(v)) {
      add(out, span('j-date', 'Date(' + fmtTime(v.$date) + ')', String(v.$date)));
      return;
    }
    if (Array.isArray(v)) {
      if (!v.length) { add(out, span('j-p', '[]')); return; }
      add(out, span('j-p', '['));
      v.forEach(function (item, i) {
        add(out, '\n' + indent + '  ');
        writeJson(out, item, indent + '  ');
        if (i < v.length - 1) add(out, span('j-p', ','));
      });
      add(out, ['\n' + indent, span('j-p', ']')]);
      return;
    }
    if (typeof v === 'object') {
      var keys = Object.keys(v);
      if (!keys.length) { add(out, span('j-p', '{}')); return; }
      add(out, span('j-p', '{'));
      keys.forEach(function (key, i) {
        add(out, ['\n' + indent + '  ', span('j-key', JSON.stringify(key)), span('j-p', ': ')]);
        writeJson(out, v[key], indent + '  ');
        if (i < keys.length - 1) add(out, span('j-p', ','));
      });
      add(out, ['\n' + indent, span('j-p', '}')]);
      return;
    }
    if (typeof v === 'string') {
      if (ISO_DATE.test(v)) add(out, span('j-str j-date', JSON.stringify(v), fmtTime(v)));
      else add(out, span('j-str', JSON.stringify(v)));
      return;
    }
    if (typeof v === 'number') { add(out, span('j-num', String(v))); return; }
    if (typeof v === 'boolean') { add(out, span('j-bool', String(v))); return; }
    add(out, String(v));
  }

  // --- Data ---------------------------------------------------------------------------------
  function getJson(path) {
    return fetch(API + path, { cache: 'no-store', headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error((body && body.message) || ('HTTP ' + res.status));
        return body;
      });
    });
  }
  function qs(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== '' && params[k] !== undefined; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]); }).join('&');
  }

  // --- Building blocks ----------------------------------------------------------------------
  function card(title, tools, body) {
    return h('div', { class: 'card' }, [
      h('div', { class: 'card-head' }, [h('h2', null, title), h('span', { class: 'spacer' }), tools]),
      body
    ]);
  }
  function table(headers, rows, emptyText) {
    if (!rows.length) return h('div', { class: 'empty' }, emptyText);
    return h('table', null, [
      h('thead', null, h('tr', null, headers.map(function (t) { return h('th', null, t); }))),
      h('tbody', null, rows)
    ]);
  }
  function select(options, current, onChange) {
    var el = h('select', { onchange: function () { onChange(el.value); } }, Object.keys(options).map(function (value) {
      return h('option', { value: value, selected: String(current) === value ? 'selected' : null }, options[value]);
    }));
    return el;
  }
  function labelled(text, control) { return h('label', { class: 'check' }, [text, control]); }
  function numberOptions(list, unit) {
    var o = {};
    list.forEach(function (n) { o[n] = n + ' ' + unit; });
    return o;
  }

  // --- Sections -----------------------------------------------------------------------------
  function renderCollections() {
    return getJson('collections').then(function (data) {
      var collections = data.collections || [];
      if (!state.collection && collections.length) state.collection = collections[0].name;
      var list = collections.length
        ? h('ul', { class: 'list' }, collections.map(function (c) {
            return h('li', null, h('a', {
              href: '#/collections/' + encodeURIComponent(c.name),
              class: c.name === state.collection ? 'active' : null
            }, [h('span', null, c.name), h('span', { class: 'badge' }, c.count)]));
          }))
        : h('div', { class: 'empty' }, '暂无集合');
      var side = h('div', { class: 'card side' }, [
        h('div', { class: 'card-head' }, [h('h2', null, '集合'), h('span', { class: 'badge' }, collections.length)]),
        list
      ]);
      var known = collections.some(function (c) { return c.name === state.collection; });
      if (!state.collection || !known) {
        var note = state.collection ? '集合 ' + state.collection + ' 不存在' : '选择左侧的集合查看文档';
        return [h('div', { class: 'split' }, [side, h('div', { class: 'card grow' }, h('div', { class: 'empty' }, note))])];
      }
      return getJson('collections/' + encodeURIComponent(state.collection) + '/documents?' + qs({ skip: state.skip, limit: state.limit }))
        .then(function (page) {
          return [h('div', { class: 'split' }, [side, h('div', { class: 'grow' }, documentsCard(page))])];
        });
    });
  }

  function documentsCard(page) {
    var from = page.total ? page.skip + 1 : 0;
    var to = page.skip + page.docs.length;
    var tools = [
      h('span', { class: 'muted' }, '第 ' + from + '–' + to + ' 条，共 ' + page.total + ' 条'),
      labelled('每页', select(numberOptions([20, 50, 100], '条'), state.limit, function (v) {
        state.limit = Number(v); state.skip = 0; render();
      })),
      h('button', { type: 'button', disabled: page.skip <= 0 ? 'disabled' : null, onclick: function () {
        state.skip = Math.max(0, state.skip - state.limit); render();
      } }, '上一页'),
      h('button', { type: 'button', disabled: to >= page.total ? 'disabled' : null, onclick: function () {
        state.skip = state.skip + state.limit; render();
      } }, '下一页')
    ];
    var rows = page.docs.map(function (doc, i) {
      var rest = {};
      Object.keys(doc).forEach(function (k) { if (k !== '_id') rest[k] = doc[k]; });
      return h('tr', null, [
        h('td', { class: 'num muted' }, page.skip + i + 1),
        h('td', { class: 'mono nowrap' }, doc._id === undefined ? '—' : String(doc._id)),
        h('td', null, jsonView(rest))
      ]);
    });
    return card(['文档 · ', h('span', { class: 'mono' }, page.collection)], tools,
      table(['#', '_id', '内容'], rows, '该集合没有文档'));
  }

  function renderOutbox() {
    return getJson('outbox').then(function (data) {
      var entries = (data.entries || []).slice().reverse();
      var rows = entries.map(function (e) {
        return h('tr', null, [
          timeCell(e.time),
          h('td', { class: 'mono nowrap' }, e.api),
          h('td', { class: 'mono' }, e.caller || '—'),
          h('td', null, jsonView(e.data))
        ]);
      });
      return [card(['发件箱 ', h('span', { class: 'badge' }, entries.length)], h('span', { class: 'muted' }, '最新的在最上面'),
        table(['时间', '接口', '调用者', '内容'], rows, '发件箱为空：订阅消息等开放接口调用会记录在这里'))];
    });
  }

  function renderInvocations() {
    return Promise.all([getJson('invocations?' + qs({ limit: state.invLimit })), getJson('instances')]).then(function (both) {
      var data = both[0];
      var names = data.functions || [];
      var functionsCard = card(['已加载的函数 ', h('span', { class: 'badge' }, names.length)], null,
        names.length
          ? h('div', { class: 'chips' }, names.map(function (n) { return h('span', { class: 'chip' }, n); }))
          : h('div', { class: 'empty' }, '没有加载云函数'));
      var invocations = (data.invocations || []).slice().reverse();
      var rows = invocations.map(function (inv) {
        var actions = Object.keys(inv.actions || {}).map(function (a) { return a + ' ×' + inv.actions[a]; }).join('\n');
        var status = inv.error
          ? h('span', { class: 'status-err', title: inv.error }, (inv.timedOut ? '超时：' : '失败：') + inv.error)
          : (typeof inv.endedAt === 'number' ? h('span', { class: 'status-ok' }, '成功') : h('span', { class: 'status-run' }, '运行中'));
        var pending = inv.pending ? Object.keys(inv.pending).map(function (k) { return inv.pending[k] + ' ' + k; }).join('、') : '';
        return h('tr', null, [
          timeCell(inv.startedAt),
          h('td', { class: 'mono nowrap' }, inv.functionName),
          h('td', { class: 'mono' }, inv.openid || '—'),
          h('td', { class: 'num' }, fmtDuration(inv.startedAt, inv.endedAt)),
          h('td', { class: 'mono nowrap' }, [inv.instanceId || '—', inv.cold
            ? h('div', { class: 'status-run', title: '为这次调用新启动的实例' }, '冷启动 ' + (inv.coldStartMs === undefined ? '' : inv.coldStartMs + ' ms'))
            : null]),
          h('td', { class: 'num' }, inv.roundTrips),
          h('td', { class: 'num' }, inv.docsRead),
          h('td', { class: 'num' }, inv.docsWritten),
          h('td', { class: 'msg actions-list' }, actions || '—'),
          h('td', null, [status, pending
            ? h('div', { class: 'status-run', title: '返回时仍在进行的工作随实例冻结：可能延后到下次调用，也可能永远不会完成' }, '⚠ 返回后仍有未完成的工作：' + pending)
            : null])
        ]);
      });
      var tools = labelled('显示', select(numberOptions([50, 100, 200, 500], '条'), state.invLimit, function (v) {
        state.invLimit = Number(v); render();
      }));
      return [functionsCard, instancesCard(both[1].instances || []), card(['函数调用 ', h('span', { class: 'badge' }, invocations.length)], tools,
        table(['开始时间', '函数', '调用者 openid', '耗时', '实例', '往返', '读文档', '写文档', '接口明细', '状态'], rows, '还没有函数调用'))];
    });
  }

  var INSTANCE_STATES = { starting: '启动中', busy: '处理请求', idle: '空闲（冻结）', stopped: '已停止' };
  function instancesCard(instances) {
    var rows = instances.map(function (i) {
      return h('tr', null, [
        h('td', { class: 'mono nowrap' }, i.id),
        h('td', { class: i.state === 'busy' || i.state === 'starting' ? 'status-run' : 'muted' }, INSTANCE_STATES[i.state] || i.state),
        h('td', { class: 'num' }, i.pid === undefined ? '—' : i.pid),
        timeCell(i.startedAt),
        h('td', { class: 'num' }, i.coldStartMs === undefined ? '—' : i.coldStartMs + ' ms'),
        h('td', { class: 'num' }, i.served),
        timeCell(i.lastUsedAt)
      ]);
    });
    return card(['函数实例 ', h('span', { class: 'badge' }, instances.length)],
      h('span', { class: 'muted' }, '每个实例是一个独立进程，一次处理一个请求，请求之间冻结'),
      table(['实例', '状态', '进程', '启动时间', '冷启动耗时', '已处理请求', '最近使用'], rows, '没有运行中的实例'));
  }

  function renderLogs() {
    return getJson('logs?' + qs({ limit: state.logLimit, scope: state.logScope, level: state.logLevel })).then(function (data) {
      var scopes = { '': '全部范围' };
      (data.scopes || []).forEach(function (s) { scopes[s] = s; });
      if (state.logScope && !(state.logScope in scopes)) scopes[state.logScope] = state.logScope;
      var tools = [
        labelled('范围', select(scopes, state.logScope, function (v) { state.logScope = v; render(); })),
        labelled('级别', select(LEVEL_NAMES, state.logLevel, function (v) { state.logLevel = v; render(); })),
        labelled('条数', select(numberOptions([100, 200, 500, 1000, 2000], '条'), state.logLimit, function (v) {
          state.logLimit = Number(v); render();
        }))
      ];
      var entries = (data.entries || []).slice().reverse();
      var rows = entries.map(function (e) {
        return h('tr', null, [
          timeCell(e.time),
          h('td', null, h('span', { class: 'level ' + e.level }, e.level)),
          h('td', { class: 'mono nowrap' }, e.scope),
          h('td', { class: 'msg' }, e.message)
        ]);
      });
      return [card(['日志 ', h('span', { class: 'badge' }, entries.length)], tools,
        table(['时间', '级别', '范围', '消息'], rows, '没有符合条件的日志'))];
    });
  }

  var RENDERERS = { collections: renderCollections, outbox: renderOutbox, invocations: renderInvocations, logs: renderLogs };

  // --- Routing: #/collections[/name], #/outbox, #/invocations, #/logs -----------------------
  function readHash() {
    var parts = location.hash.replace(/^#\/?/, '').split('/');
    var section = TITLES[parts[0]] ? parts[0] : 'collections';
    if (section === 'collections') {
      var name = parts.length > 1 ? safeDecode(parts.slice(1).join('/')) : '';
      if (name !== state.collection) state.skip = 0;
      state.collection = name;
    }
    state.section = section;
  }
  function safeDecode(text) { try { return decodeURIComponent(text); } catch (e) { return text; } }

  function render() {
    var ticket = ++renders;
    document.title = TITLES[state.section] + ' · 云开发模拟器';
    document.getElementById('title').textContent = TITLES[state.section];
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      a.classList.toggle('active', a.getAttribute('data-section') === state.section);
    });
    // A later render (navigation, refresh) supersedes an earlier one still loading.
    RENDERERS[state.section]().then(function (nodes) {
      if (ticket !== renders) return;
      clear(view);
      add(view, nodes);
      document.getElementById('stamp').textContent = '更新于 ' + fmtTime(Date.now());
    }).catch(function (error) {
      if (ticket !== renders) return;
      clear(view);
      add(view, h('div', { class: 'error' }, '加载失败：' + (error && error.message ? error.message : String(error))));
    });
  }

  window.addEventListener('hashchange', function () { readHash(); render(); });
  document.getElementById('refresh').addEventListener('click', render);
  var timer = null;
  document.getElementById('auto').addEventListener('change', function (event) {
    if (timer) { clearInterval(timer); timer = null; }
    if (event.target.checked) timer = setInterval(render, 3000);
  });
  readHash();
  render();
})();
</script>
</body>
</html>
`
