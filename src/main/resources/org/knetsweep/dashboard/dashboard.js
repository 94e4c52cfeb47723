// knet dashboard: fills the pages from the JSON endpoints and draws every chart with Apache ECharts. Text from the
// tables only ever reaches the page as textContent, and the charts' tooltips render as canvas text (richText).
'use strict';
(function () {
  const body = document.body;
  const POLL_RUNNING_MS = 3000;
  const POLL_IDLE_MS = 15000;
  const ROW_LIMIT = 500;
  const charts = {};
  const picked = new Set();
  let sortColumn = 'finished_at';
  let sortDescending = true;
  let showAll = false;
  let lastData = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fmtAcc(v) { return v === null || v === undefined ? '–' : Number(v).toFixed(4); }
  function fmtTime(ms) { return ms === null || ms === undefined ? '–' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'); }
  function fmtDuration(ms) {
    if (ms === null || ms === undefined) return '–';
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }
  function fmtTest(d) {
    if (d.test_accuracy === null) return '–';
    let t = fmtAcc(d.test_accuracy);
    if (d.test_ci95_low !== null && d.test_ci95_high !== null) t += ' [' + fmtAcc(d.test_ci95_low) + ', ' + fmtAcc(d.test_ci95_high) + ']';
    return t;
  }
  function fmtCell(column, v) {
    if (v === null || v === undefined) return '';
    if (column === 'started_at' || column === 'finished_at') return fmtTime(v);
    if (typeof v === 'number' && !Number.isInteger(v)) return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : v.toFixed(4);
    return String(v);
  }
  function chart(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    if (!charts[id]) charts[id] = echarts.init(node, null, { renderer: 'canvas' });
    return charts[id];
  }
  const TOOLTIP = { trigger: 'item', renderMode: 'richText' };
  const GRID = { left: 60, right: 20, top: 40, bottom: 50 };

  function table(data) {
    const cols = data.columns;
    const index = {};
    cols.forEach((c, i) => { index[c] = i; });
    return { cols: cols, rows: data.rows, index: index, get: (row, c) => (index[c] === undefined ? null : row[index[c]]) };
  }

  // ---- start page -------------------------------------------------------------------------------------------------
  function renderSweeps(list) {
    const tbody = document.querySelector('#sweeps tbody');
    tbody.replaceChildren();
    if (list.length === 0) {
      const tr = el('tr'); const td = el('td', 'no sweeps under this root yet'); td.colSpan = 8; tr.append(td); tbody.append(tr);
      return;
    }
    for (const s of list) {
      const tr = el('tr');
      const a = el('a', s.id); a.href = '/sweep/' + encodeURIComponent(s.id);
      const first = el('td'); first.append(a); tr.append(first);
      tr.append(el('td', s.name));
      tr.append(el('td', s.status, 'status ' + s.status.toLowerCase().replace(/ /g, '-')));
      tr.append(el('td', s.done + (s.planned === null ? '' : ' / ' + s.planned)));
      tr.append(el('td', fmtAcc(s.best_val_accuracy)));
      tr.append(el('td', fmtTest(s)));
      tr.append(el('td', fmtTime(s.started_at)));
      tr.append(el('td', fmtDuration(s.wall_ms)));
      tbody.append(tr);
    }
  }
  function pollSweeps() {
    fetch('/api/sweeps', { cache: 'no-store' }).then(r => r.json()).then(d => {
      renderSweeps(d.sweeps);
      const running = d.sweeps.some(s => s.status === 'RUNNING');
      setTimeout(pollSweeps, running ? POLL_RUNNING_MS : POLL_IDLE_MS);
    }).catch(() => setTimeout(pollSweeps, POLL_IDLE_MS));
  }

  // ---- sweep page -------------------------------------------------------------------------------------------------
  const sweepId = body.dataset.sweep;
  const api = '/api/sweep/' + encodeURIComponent(sweepId);

  function renderSummary(d) {
    const status = document.getElementById('status');
    status.textContent = d.status;
    status.className = 'status ' + d.status.toLowerCase().replace(/ /g, '-');
    document.getElementById('done').textContent = d.done + (d.planned === null ? '' : ' / ' + d.planned);
    document.getElementById('best').textContent = fmtAcc(d.best_val_accuracy);
    document.getElementById('test').textContent = fmtTest(d);
    document.getElementById('started').textContent = fmtTime(d.started_at);
    document.getElementById('wall').textContent = fmtDuration(d.wall_ms);
    document.getElementById('updated').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + 'Z';
    const links = document.getElementById('links');
    links.replaceChildren();
    if (d.report) { const a = el('a', 'report'); a.href = d.report; links.append(a, ' '); }
    for (const m of d.models) {
      const a = el('a', 'model ' + m.trial_id); a.href = m.href; a.title = m.path;
      links.append(a, ' ');
    }
  }

  function renderBest(t) {
    const finished = t.rows.filter(r => t.get(r, 'finished_at') !== null && t.get(r, 'stage') !== 'final');
    finished.sort((a, b) => t.get(a, 'finished_at') - t.get(b, 'finished_at'));
    let best = null; let steps = 0;
    const byTime = []; const bySteps = []; const points = [];
    for (const r of finished) {
      const v = t.get(r, 'val_accuracy');
      steps += t.get(r, 'steps') || 0;
      if (v !== null) points.push([t.get(r, 'finished_at'), v, t.get(r, 'trial_id')]);
      if (v !== null && (best === null || v > best)) best = v;
      if (best !== null) { byTime.push([t.get(r, 'finished_at'), best]); bySteps.push([steps, best]); }
    }
    chart('best-time').setOption({
      title: { text: 'against time', textStyle: { fontSize: 13 } }, tooltip: TOOLTIP, grid: GRID,
      xAxis: { type: 'time', name: 'trial finished', nameLocation: 'middle', nameGap: 28 }, yAxis: { type: 'value', name: 'val accuracy', scale: true },
      series: [{ type: 'line', step: 'end', name: 'best so far', data: byTime, symbolSize: 4 },
        { type: 'scatter', name: 'trial', data: points, symbolSize: 5, itemStyle: { opacity: 0.4 } }]
    }, true);
    chart('best-steps').setOption({
      title: { text: 'against training steps (all trials)', textStyle: { fontSize: 13 } }, tooltip: TOOLTIP, grid: GRID,
      xAxis: { type: 'value', name: 'steps', nameLocation: 'middle', nameGap: 28 }, yAxis: { type: 'value', name: 'val accuracy', scale: true },
      series: [{ type: 'line', step: 'end', name: 'best so far', data: bySteps, symbolSize: 4 }]
    }, true);
  }

  function isNumeric(t, p) { return t.rows.every(r => t.get(r, p) === null || typeof t.get(r, p) === 'number'); }

  function renderParams(t, varied) {
    const holder = document.getElementById('params');
    const search = t.rows.filter(r => t.get(r, 'stage') !== 'final' && t.get(r, 'val_accuracy') !== null);
    const wanted = varied.map(p => 'param-' + p);
    for (const id of Object.keys(charts)) {
      if (id.startsWith('param-') && !wanted.includes(id)) { charts[id].dispose(); delete charts[id]; document.getElementById(id).remove(); }
    }
    if (varied.length === 0 && !holder.firstChild) holder.append(el('p', 'no parameter varies (yet)', 'muted'));
    for (const p of varied) {
      const id = 'param-' + p;
      if (!document.getElementById(id)) {
        const muted = holder.querySelector('p.muted'); if (muted) muted.remove();
        const d = el('div', null, 'chart'); d.id = id; holder.append(d);
      }
      const numeric = isNumeric(t, p);
      const stages = [...new Set(search.map(r => t.get(r, 'stage')))];
      chart(id).setOption({
        title: { text: p, textStyle: { fontSize: 13 } }, tooltip: TOOLTIP, grid: GRID, legend: { top: 0, right: 0 },
        xAxis: numeric ? { type: 'value', name: p, nameLocation: 'middle', nameGap: 28, scale: true }
          : { type: 'category', name: p, nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', name: 'val accuracy', scale: true },
        series: stages.map(s => ({ type: 'scatter', name: s, symbolSize: 7,
          data: search.filter(r => t.get(r, 'stage') === s).map(r => [numeric ? t.get(r, p) : String(t.get(r, p)), t.get(r, 'val_accuracy'), t.get(r, 'trial_id')]) }))
      }, true);
    }
    const parallel = document.getElementById('parallel');
    if (varied.length > 2) {
      parallel.classList.remove('hidden');
      const dims = varied.concat(['val_accuracy']);
      chart('parallel').setOption({
        title: { text: 'parallel coordinates', textStyle: { fontSize: 13 } },
        parallelAxis: dims.map((p, i) => isNumeric(t, p) ? { dim: i, name: p, scale: true }
          : { dim: i, name: p, type: 'category', data: [...new Set(search.map(r => String(t.get(r, p))))] }),
        visualMap: { show: true, type: 'continuous', dimension: dims.length - 1, right: 0, top: 'middle',
          min: Math.min(...search.map(r => t.get(r, 'val_accuracy'))), max: Math.max(...search.map(r => t.get(r, 'val_accuracy'))),
          inRange: { color: ['#d94e5d', '#eac736', '#50a3ba'] }, text: ['val acc', ''] },
        parallel: { left: 60, right: 110, top: 50, bottom: 30 },
        series: [{ type: 'parallel', lineStyle: { width: 1, opacity: 0.5 },
          data: search.map(r => dims.map(p => (isNumeric(t, p) ? t.get(r, p) : String(t.get(r, p))))) }]
      }, true);
      chart('parallel').resize();
    } else {
      parallel.classList.add('hidden');
    }
  }

  function renderCurves() {
    const ids = [...picked];
    if (ids.length === 0) {
      for (const c of ['curves-acc', 'curves-cost']) chart(c).setOption({ title: { text: 'no trial picked', textStyle: { fontSize: 13 } }, series: [] }, true);
      return;
    }
    const query = ids.map(i => 'trial=' + encodeURIComponent(i)).join('&');
    fetch(api + '/epochs?' + query, { cache: 'no-store' }).then(r => r.json()).then(d => {
      const acc = []; const cost = [];
      for (const [id, c] of Object.entries(d.curves)) {
        acc.push({ type: 'line', name: id + ' val', symbolSize: 3, data: c.epoch.map((e, i) => [e, c.val_accuracy[i]]) });
        acc.push({ type: 'line', name: id + ' train', symbolSize: 3, lineStyle: { type: 'dashed' }, data: c.epoch.map((e, i) => [e, c.train_accuracy[i]]) });
        cost.push({ type: 'line', name: id + ' val', symbolSize: 3, data: c.epoch.map((e, i) => [e, c.val_cost[i]]) });
        cost.push({ type: 'line', name: id + ' train', symbolSize: 3, lineStyle: { type: 'dashed' }, data: c.epoch.map((e, i) => [e, c.train_cost[i]]) });
      }
      const base = (title, y) => ({ title: { text: title, textStyle: { fontSize: 13 } }, tooltip: TOOLTIP, legend: { type: 'scroll', bottom: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: 70 }, xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 24, minInterval: 1 }, yAxis: { type: 'value', name: y, scale: true } });
      chart('curves-acc').setOption(Object.assign(base('accuracy per epoch', 'accuracy'), { series: acc }), true);
      chart('curves-cost').setOption(Object.assign(base('cost per epoch', 'cost'), { series: cost }), true);
    });
  }

  function renderRungs(d) {
    const section = document.getElementById('rungs-section');
    const t = table(d.rungs);
    if (t.rows.length === 0) { section.classList.add('hidden'); return; }
    section.classList.remove('hidden');
    const rungs = [...new Set(t.rows.map(r => t.get(r, 'rung')))].sort((a, b) => a - b);
    const statuses = [...new Set(t.rows.map(r => t.get(r, 'status')))];
    chart('rungs').setOption({
      title: { text: 'val accuracy at the end of each rung', textStyle: { fontSize: 13 } }, tooltip: TOOLTIP, grid: GRID, legend: { top: 0, right: 0 },
      xAxis: { type: 'category', name: 'rung', nameLocation: 'middle', nameGap: 28, data: rungs.map(String) }, yAxis: { type: 'value', name: 'val accuracy', scale: true },
      series: statuses.map(s => ({ type: 'scatter', name: s, symbolSize: 7,
        data: t.rows.filter(r => t.get(r, 'status') === s).map(r => [String(t.get(r, 'rung')), t.get(r, 'val_accuracy'), t.get(r, 'trial_id')]) }))
    }, true);
    chart('rungs').resize();
  }

  function renderCandidates(d) {
    const section = document.getElementById('candidates-section');
    const t = table(d.candidates);
    const boxes = []; const names = [];
    for (const r of t.rows) {
      if (t.get(r, 'ci95_low') === null) continue;
      names.push(t.get(r, 'stage') + ' ' + t.get(r, 'candidate_id') + ' (' + t.get(r, 'replicas') + ' seeds)');
      const lo = t.get(r, 'ci95_low'); const hi = t.get(r, 'ci95_high'); const m = t.get(r, 'mean_val_accuracy');
      boxes.push([lo, lo, m, hi, hi]);
    }
    if (d.test_ci95_low !== null && d.test_ci95_high !== null) {
      names.push('final test (' + (d.final_replicas || '?') + ' seeds)');
      boxes.push([d.test_ci95_low, d.test_ci95_low, d.test_accuracy, d.test_ci95_high, d.test_ci95_high]);
    }
    if (boxes.length === 0) { section.classList.add('hidden'); return; }
    section.classList.remove('hidden');
    chart('candidates').setOption({
      title: { text: 'mean and 95% interval (val accuracy; test for the final stage)', textStyle: { fontSize: 13 } },
      tooltip: TOOLTIP, grid: { left: 60, right: 20, top: 40, bottom: 90 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 20 } }, yAxis: { type: 'value', scale: true, name: 'accuracy' },
      series: [{ type: 'boxplot', data: boxes }]
    }, true);
    chart('candidates').resize();
    const holder = document.getElementById('candidates-table');
    holder.replaceChildren(buildTable(t, t.cols, t.rows, false));
  }

  function buildTable(t, cols, rows, pickable) {
    const tab = el('table', null, 'grid');
    const head = el('tr');
    if (pickable) head.append(el('th', 'pick'));
    for (const c of cols) {
      const th = el('th', c + (pickable && c === sortColumn ? (sortDescending ? ' ▼' : ' ▲') : ''));
      if (pickable) th.addEventListener('click', () => {
        if (sortColumn === c) sortDescending = !sortDescending; else { sortColumn = c; sortDescending = true; }
        renderTrials(lastData);
      });
      head.append(th);
    }
    const thead = el('thead'); thead.append(head); tab.append(thead);
    const tbody = el('tbody');
    for (const r of rows) {
      const tr = el('tr');
      if (pickable) {
        const id = t.get(r, 'trial_id');
        tr.dataset.trial = id;
        const box = el('input'); box.type = 'checkbox'; box.checked = picked.has(id);
        box.addEventListener('change', () => {
          if (box.checked) { if (picked.size < 20) picked.add(id); else box.checked = false; } else picked.delete(id);
          renderCurves();
        });
        const td = el('td'); td.append(box); tr.append(td);
      }
      for (const c of cols) {
        const v = t.get(r, c);
        tr.append(el('td', fmtCell(c, v), typeof v === 'number' ? 'num' : null));
      }
      tbody.append(tr);
    }
    tab.append(tbody);
    return tab;
  }

  const TRIAL_COLUMNS = ['trial_id', 'stage', 'status', 'val_accuracy', 'best_val_accuracy', 'test_accuracy', 'train_accuracy',
    'val_cost', 'log10_lambda', 'eta_min', 'eta_max', 'step_size', 'batch_size', 'cycles', 'hidden', 'batch_norm', 'init',
    'init_sigma', 'epochs', 'steps', 'rung', 'replica', 'wall_ms', 'finished_at', 'executor_id', 'attempt', 'error'];

  function renderTrials(d) {
    const t = table(d.trials);
    const cols = TRIAL_COLUMNS.filter(c => t.index[c] !== undefined);
    const rows = t.rows.slice();
    rows.sort((a, b) => {
      const x = t.get(a, sortColumn); const y = t.get(b, sortColumn);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = x < y ? -1 : 1;
      return sortDescending ? -c : c;
    });
    const shown = showAll ? rows : rows.slice(0, ROW_LIMIT);
    const holder = document.getElementById('trials');
    const parts = [buildTable(t, cols, shown, true)];
    if (rows.length > shown.length) {
      const more = el('button', 'show all ' + rows.length + ' trials');
      more.addEventListener('click', () => { showAll = true; renderTrials(lastData); });
      parts.push(more);
    }
    const count = el('p', null, 'muted'); count.id = 'trial-count'; count.textContent = rows.length + ' trials';
    holder.replaceChildren(count, ...parts);
  }

  function pollSweep() {
    fetch(api, { cache: 'no-store' }).then(r => r.json()).then(d => {
      const changed = lastData === null || lastData.done !== d.done || JSON.stringify(lastData.rungs) !== JSON.stringify(d.rungs)
        || lastData.status !== d.status;
      lastData = d;
      renderSummary(d);
      if (changed) {
        const t = table(d.trials);
        if (picked.size === 0) {
          const best = t.rows.filter(r => t.get(r, 'val_accuracy') !== null)
            .sort((a, b) => t.get(b, 'val_accuracy') - t.get(a, 'val_accuracy')).slice(0, 3);
          best.forEach(r => picked.add(t.get(r, 'trial_id')));
        }
        renderBest(t);
        renderParams(t, d.varied);
        renderRungs(d);
        renderCandidates(d);
        renderTrials(d);
        renderCurves();
      }
      setTimeout(pollSweep, d.status === 'RUNNING' ? POLL_RUNNING_MS : POLL_IDLE_MS);
    }).catch(() => setTimeout(pollSweep, POLL_IDLE_MS));
  }

  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  if (body.dataset.page === 'start') pollSweeps();
  if (body.dataset.page === 'sweep') pollSweep();
})();
