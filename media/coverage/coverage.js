// The Restore Point Coverage page. It gets the rows by message, and keeps its sort, filter,
// selection and how many rows it shows in the webview's state, so that a page hidden and shown
// again (VS Code recreates it) looks as it was left. Everything it shows is text: no HTML from data.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const PAGE = 500;
  const DAY = 86400000;
  const FLAGS = ['none', 'stale', 'failed', 'nearLimit', 'unread'];
  /** Upper bounds, in days, of the age histogram's bars; the last is everything older. */
  const BUCKETS = [1, 3, 7, 14, 30, Infinity];

  const saved = vscode.getState() || {};
  const state = {
    sort: saved.sort || { key: 'flags', dir: -1 },
    filter: saved.filter || '',
    flag: saved.flag || 'all',
    selected: new Set(saved.selected || []),
    limit: saved.limit || PAGE,
  };
  let data;
  let outdated = false;

  const app = document.getElementById('app');
  const fmt = (text, ...args) => text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) if (child !== undefined && child !== null) node.append(child);
    return node;
  };
  const save = () => vscode.setState({ sort: state.sort, filter: state.filter, flag: state.flag, selected: [...state.selected], limit: state.limit });

  function age(at) {
    if (at === undefined) return '';
    const ms = Math.max(0, data.readAt - at);
    const s = data.strings;
    if (ms < 3600000) return fmt(s.minutes, Math.floor(ms / 60000));
    if (ms < 2 * DAY) return fmt(s.hours, Math.floor(ms / 3600000));
    return fmt(s.days, Math.floor(ms / DAY));
  }
  const subscriptionName = (row) => data.names[row.subscriptionId] || row.subscriptionId;
  const severity = (row) => row.flags.reduce((n, f) => n + (FLAGS.length - FLAGS.indexOf(f)) * 10, 0);

  const SORTS = {
    name: (r) => r.name.toLowerCase(),
    subscription: (r) => subscriptionName(r).toLowerCase(),
    location: (r) => r.location,
    restorePoints: (r) => r.restorePoints,
    newest: (r) => (r.newestAt === undefined ? -Infinity : r.newestAt),
    newestSucceeded: (r) => (r.newestSucceededAt === undefined ? -Infinity : r.newestSucceededAt),
    copy: (r) => (r.copy && r.copy.at !== undefined ? r.copy.at : -Infinity),
    flags: severity,
  };

  function visibleRows() {
    const text = state.filter.trim().toLowerCase();
    const rows = data.rows.filter((r) => {
      if (state.flag === 'any' && !r.flags.length) return false;
      if (state.flag === 'unflagged' && r.flags.length) return false;
      if (FLAGS.includes(state.flag) && !r.flags.includes(state.flag)) return false;
      return !text || r.name.toLowerCase().includes(text) || subscriptionName(r).toLowerCase().includes(text) || r.location.toLowerCase().includes(text);
    });
    const key = SORTS[state.sort.key] || SORTS.flags;
    const dir = state.sort.dir;
    return rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.name.localeCompare(b.name);
    });
  }

  function toolbar() {
    const s = data.strings;
    const button = (label, onclick, extra) => el('button', Object.assign({ textContent: label, onclick }, extra || {}));
    const readAgo = el('span', { className: 'read-at', id: 'read-at', textContent: readAgoText() });
    return el(
      'div',
      { className: 'toolbar' },
      button(s.refresh, () => vscode.postMessage({ type: 'refresh' }), { className: 'secondary', id: 'refresh' }),
      readAgo,
      el('span', { className: 'spacer' }),
      button(s.exportCsv, () => vscode.postMessage({ type: 'export', format: 'csv' }), { className: 'secondary' }),
      button(s.exportMarkdown, () => vscode.postMessage({ type: 'export', format: 'markdown' }), { className: 'secondary' }),
      button(s.cleanUp, () => vscode.postMessage({ type: 'cleanUp', vmIds: [...state.selected] }), { disabled: state.selected.size === 0, id: 'clean-up' }),
    );
  }

  function readAgoText() {
    const minutes = Math.floor((Date.now() - data.readAt) / 60000);
    return minutes < 1 ? data.strings.justNow : fmt(data.strings.readAgo, minutes < 120 ? fmt(data.strings.minutes, minutes) : fmt(data.strings.hours, Math.floor(minutes / 60)));
  }

  function summary(rows) {
    const s = data.strings;
    const chips = FLAGS.map((flag) => {
      const count = data.rows.filter((r) => r.flags.includes(flag)).length;
      return el('button', {
        className: `chip flag-${flag}${state.flag === flag ? ' active' : ''}`,
        textContent: `${s[`flag.${flag}`]}: ${count}`,
        onclick: () => setFlag(state.flag === flag ? 'all' : flag),
      });
    });
    const notes = [el('span', { textContent: fmt(s.staleAfter, data.staleAfterDays) })];
    if (data.unreadable.length) notes.push(el('span', { className: 'warning', textContent: fmt(s.notRead, data.unreadable.join(', ')) }));
    return el('div', { className: 'summary' }, el('div', { className: 'chips' }, ...chips), el('div', { className: 'notes' }, ...notes), histogram(rows));
  }

  function histogram(rows) {
    const s = data.strings;
    const counts = BUCKETS.map(() => 0);
    let none = 0;
    for (const r of rows) {
      if (r.newestSucceededAt === undefined) {
        none += 1;
        continue;
      }
      const days = (data.readAt - r.newestSucceededAt) / DAY;
      counts[BUCKETS.findIndex((b) => days < b)] += 1;
    }
    const labels = BUCKETS.map((b, i) => (b === Infinity ? `> ${BUCKETS[i - 1]}` : `${i ? BUCKETS[i - 1] : 0}–${b}`) + ' ' + fmt(s.days, '').trim());
    const bars = [...counts.map((n, i) => ({ label: labels[i], n, stale: BUCKETS[i] > data.staleAfterDays })), { label: s.histogramNone, n: none, stale: true }];
    const max = Math.max(1, ...bars.map((b) => b.n));
    return el(
      'figure',
      { className: 'histogram' },
      el('figcaption', { textContent: s.histogram }),
      ...bars.map((b) => {
        const bar = el('span', { className: `bar${b.stale ? ' stale' : ''}` });
        bar.style.width = `${(b.n / max) * 100}%`;
        return el('div', { className: 'row' }, el('span', { className: 'label', textContent: b.label }), el('span', { className: 'track' }, bar), el('span', { className: 'count', textContent: String(b.n) }));
      }),
    );
  }

  function filters(shown, total) {
    const s = data.strings;
    const input = el('input', { type: 'search', placeholder: s.filter, value: state.filter, id: 'filter' });
    input.addEventListener('input', () => {
      state.filter = input.value;
      state.limit = PAGE;
      save();
      renderTable();
    });
    const select = el('select', { id: 'flag-filter' });
    for (const [value, label] of [['all', s.allFlags], ['any', s.anyFlag], ['unflagged', s.unflagged], ...FLAGS.map((f) => [f, s[`flag.${f}`]])]) {
      select.append(el('option', { value, textContent: label, selected: state.flag === value }));
    }
    select.addEventListener('change', () => setFlag(select.value));
    return el('div', { className: 'filters' }, input, select, el('span', { className: 'counts', id: 'counts', textContent: countsText(shown, total) }));
  }

  const countsText = (shown, total) => `${fmt(data.strings.shown, shown, total)} · ${fmt(data.strings.selected, state.selected.size)}`;

  function setFlag(flag) {
    state.flag = flag;
    state.limit = PAGE;
    save();
    render();
  }

  function header(rows) {
    const s = data.strings;
    const all = el('input', { type: 'checkbox', title: s.selectAll, checked: rows.length > 0 && rows.every((r) => state.selected.has(r.vmId)) });
    all.addEventListener('change', () => {
      for (const r of rows) {
        if (all.checked) state.selected.add(r.vmId);
        else state.selected.delete(r.vmId);
      }
      save();
      render();
    });
    const th = (key, label, numeric) => {
      const active = state.sort.key === key;
      const button = el('button', {
        className: 'sort',
        textContent: label + (active ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : ''),
        onclick: () => {
          state.sort = { key, dir: active ? -state.sort.dir : numeric ? -1 : 1 };
          save();
          renderTable();
        },
      });
      return el('th', { className: numeric ? 'numeric' : '', ariaSort: active ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none' }, button);
    };
    return el(
      'thead',
      {},
      el('tr', {}, el('th', { className: 'select' }, all), th('name', s.vm), th('subscription', s.subscription), th('location', s.location), th('restorePoints', s.restorePoints, true), th('newest', s.newest, true), th('newestSucceeded', s.newestSucceeded, true), th('copy', s.copy, true), th('flags', s.flags, true)),
    );
  }

  function rowOf(r) {
    const s = data.strings;
    const box = el('input', { type: 'checkbox', checked: state.selected.has(r.vmId) });
    box.addEventListener('change', () => {
      if (box.checked) state.selected.add(r.vmId);
      else state.selected.delete(r.vmId);
      save();
      document.getElementById('clean-up').disabled = state.selected.size === 0;
      document.getElementById('counts').textContent = countsText(lastShown.length, data.rows.length);
    });
    const link = el('a', { href: '#', textContent: r.name, title: s.revealTitle, onclick: (e) => (e.preventDefault(), vscode.postMessage({ type: 'reveal', vmId: r.vmId })) });
    const count = el('td', { className: `numeric${r.flags.includes('nearLimit') ? ' warn' : ''}`, textContent: `${r.restorePoints} / ${s.limit}` });
    const newest = el('td', { className: `numeric${r.flags.includes('failed') ? ' error' : ''}`, textContent: r.newestAt === undefined ? '' : `${age(r.newestAt)} · ${r.newestState || ''}` });
    const succeeded = el('td', { className: `numeric${r.flags.includes('stale') ? ' warn' : ''}`, textContent: age(r.newestSucceededAt) });
    const copy = el('td', { className: 'numeric', textContent: r.copy ? `${r.copy.location}${r.copy.at === undefined ? '' : ` · ${age(r.copy.at)} · ${r.copy.state || ''}`}` : '' });
    const flags = el('td', { className: 'flags' }, ...r.flags.map((f) => el('span', { className: `chip small flag-${f}`, textContent: s[`flag.${f}`] })));
    return el('tr', { className: state.selected.has(r.vmId) ? 'selected' : '' }, el('td', { className: 'select' }, box), el('td', {}, link), el('td', { textContent: subscriptionName(r) }), el('td', { textContent: r.location }), count, newest, succeeded, copy, flags);
  }

  let lastShown = [];
  function renderTable() {
    const rows = visibleRows();
    lastShown = rows;
    const table = el('table', { id: 'rows' }, header(rows), el('tbody', {}, ...rows.slice(0, state.limit).map(rowOf)));
    const old = document.getElementById('table-area');
    const more =
      rows.length > state.limit
        ? el('button', { className: 'secondary more', textContent: `${data.strings.showMore} (${rows.length - state.limit})`, onclick: () => ((state.limit += PAGE), save(), renderTable()) })
        : undefined;
    const area = el('div', { id: 'table-area' }, table, more);
    old.replaceWith(area);
    document.getElementById('counts').textContent = countsText(rows.length, data.rows.length);
    document.getElementById('clean-up').disabled = state.selected.size === 0;
    const hist = document.querySelector('.histogram');
    if (hist) hist.replaceWith(histogram(rows));
  }

  function render() {
    if (!data) {
      app.replaceChildren(el('p', { className: 'loading', textContent: '…' }));
      return;
    }
    // Selections of VMs no longer listed (after a Refresh) are dropped.
    const ids = new Set(data.rows.map((r) => r.vmId));
    for (const id of [...state.selected]) if (!ids.has(id)) state.selected.delete(id);
    const banner = outdated ? el('div', { className: 'banner' }, data.strings.outdated) : undefined;
    app.replaceChildren(toolbar(), banner || '', summary(data.rows), filters(0, data.rows.length), el('div', { id: 'table-area' }));
    renderTable();
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'report') {
      data = message;
      outdated = false;
      render();
    } else if (message.type === 'outdated') {
      outdated = true;
      render();
    }
  });
  setInterval(() => {
    const label = document.getElementById('read-at');
    if (label && data) label.textContent = readAgoText();
  }, 30000);
  render();
  vscode.postMessage({ type: 'ready' });
})();
