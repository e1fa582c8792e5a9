// Every campaign as a card, kept current by one server-sent event stream for them all (browsers allow
// only six connections per host, so a stream per campaign would starve the rest).
(function () {
  const container = document.getElementById('campaigns');
  const charts = {};
  const MINUTE = 60000;

  // A group without customers has no rate (null): shown as a dash, not as a measured 0.
  function pct(x) { return x == null ? '–' : (100 * x).toFixed(1) + '%'; }
  // Amounts as sent, in the shop's one currency (the stats name none): grouped for reading.
  const amount = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function money(x) { return x == null ? '–' : amount.format(x); }
  function signed(x) { return (x >= 0 ? '+' : '') + (100 * x).toFixed(1) + ' pts'; }
  function signedMoney(x) { return (x >= 0 ? '+' : '') + x.toFixed(2); }
  // Cards in reading order of their ids (bulk-2 before bulk-10), wherever a campaign comes in.
  const order = new Intl.Collator(undefined, { numeric: true });

  // Where the lift stands, and what a marketer must know to read it.
  function liftText(stats) {
    const t = stats.treatment, c = stats.control, lift = stats.lift.conversionRate, revenue = stats.lift.revenuePerCustomer;
    if (c.customers === 0 && !stats.controlShare) {
      return 'not measured: no control group (give the campaign a controlShare to measure it)';
    }
    // Control customers are shown the offers once the share is 0, and their conversions still count for control.
    const ended = stats.controlShare === 0 ? '. The hold-out has ended (control share 0): lift read from now on'
      + ' understates the effect.' : '';
    if (!lift.ci95) {
      return 'not enough data yet (' + t.customers + ' treatment / ' + c.customers + ' control customers)' + ended;
    }
    let line = signed(lift.difference) + ' conversion, 95% CI [' + signed(lift.ci95.low) + ', '
      + signed(lift.ci95.high) + ']' + (lift.significant ? ' – significant' : ' – not significant');
    if (revenue.difference != null) {
      line += '; revenue/customer ' + signedMoney(revenue.difference)
        + (revenue.ci95 ? ' [' + signedMoney(revenue.ci95.low) + ', ' + signedMoney(revenue.ci95.high) + ']' : '');
    }
    return line + ended;
  }

  // Why a card's numbers may have stopped moving: the campaign shows nothing while not running.
  const STATUS = { 'running': 'running', 'scheduled': 'scheduled: not started yet', 'ended': 'ended',
    'volume-cap-reached': 'volume cap reached', 'no-offers': 'no offer to show now', 'deleted': 'deleted' };
  // From the catalogue and the campaigns, read once at the start: the stats name offers by id only, and a
  // scheduled campaign's card should say when it starts. Missing (not readable, or newer): ids and plain words.
  const offerNames = {};
  const campaignStarts = {};

  async function readCatalogue() {
    const list = async (path, field) => {
      try {
        const response = await fetch(path, { headers: ApiKey.headers() });
        return response.ok ? ((await response.json())[field] || []) : [];
      } catch (e) { return []; }
    };
    const [offers, campaigns] = await Promise.all([list('/v1/offers', 'offers'), list('/v1/campaigns', 'campaigns')]);
    offers.forEach((o) => { if (o.name) { offerNames[o.offerId] = o.name; } });
    campaigns.forEach((c) => { if (c.validFrom != null) { campaignStarts[c.campaignId] = c.validFrom; } });
  }

  function statusText(stats) {
    const starts = campaignStarts[stats.campaignId];
    if (stats.status === 'scheduled' && starts != null) {
      return 'scheduled: starts ' + new Date(starts).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    }
    return STATUS[stats.status] || stats.status || '';
  }

  function card(id) {
    const div = document.createElement('div');
    div.className = 'card';
    div.id = 'card-' + id;
    div.innerHTML = '<h2></h2><p><span class="badge status"></span></p><table><tr><th></th><th>treatment</th><th>control</th></tr>'
      + '<tr><td>customers</td><td class="t-customers"></td><td class="c-customers"></td></tr>'
      + '<tr><td>impressions / held out</td><td class="impressions"></td><td class="held-out"></td></tr>'
      + '<tr><td>accepts / declines</td><td class="accepts"></td><td></td></tr>'
      + '<tr><td>accept rate</td><td class="accept-rate"></td><td></td></tr>'
      + '<tr><td>conversion rate (bought)</td><td class="t-conversion"></td><td class="c-conversion"></td></tr>'
      + '<tr><td>revenue</td><td class="t-revenue-total"></td><td class="c-revenue-total"></td></tr>'
      + '<tr><td>revenue / customer</td><td class="t-revenue"></td><td class="c-revenue"></td></tr></table>'
      + '<p>Lift: <span class="lift"></span></p>'
      // Which offer carries the campaign, and whom it reached: folded, so a wall of cards stays readable.
      + '<details class="per-offer"><summary>Per offer</summary><table><thead><tr><th>offer</th>'
      + '<th>impressions</th><th>accepts</th><th>accept rate</th><th>conversions</th><th>revenue</th></tr></thead>'
      + '<tbody></tbody></table></details>'
      + '<details class="per-segment"><summary>Customers by segment (when first counted)</summary><table><thead>'
      + '<tr><th>segment</th><th>treatment</th><th>control</th></tr></thead><tbody></tbody></table></details>'
      + '<div class="chart"><canvas role="img" aria-label="Impressions, accepts and conversions per minute">'
      + '</canvas></div>';
    const next = Array.from(container.children).find((other) => order.compare(other.dataset.campaignId, id) > 0);
    div.dataset.campaignId = id;
    container.insertBefore(div, next || null);
    charts[id] = new Chart(div.querySelector('canvas'), {
      type: 'line',
      data: { labels: [], datasets: [
        { label: 'impressions / min', data: [], borderColor: '#3e6fd8', tension: 0.2 },
        { label: 'accepts / min', data: [], borderColor: '#23a26d', tension: 0.2 },
        { label: 'conversions / min', data: [], borderColor: '#d8833e', tension: 0.2 }] },
      // A fixed height (style.css): at a card's width the default aspect left the plot a few pixels tall.
      options: { animation: false, maintainAspectRatio: false,
        plugins: { legend: { labels: { boxWidth: 12 } } },
        scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } }, y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
    return div;
  }

  function render(stats) {
    const div = document.getElementById('card-' + stats.campaignId) || card(stats.campaignId);
    const set = (cls, value) => { div.querySelector('.' + cls).textContent = value; };
    div.querySelector('h2').textContent = (stats.name || stats.campaignId) + ' (' + stats.campaignId + ')';
    const status = div.querySelector('.status');
    status.textContent = statusText(stats);
    status.classList.toggle('alert', stats.status !== 'running');
    const t = stats.treatment, c = stats.control;
    set('t-customers', t.customers); set('c-customers', c.customers);
    set('impressions', t.impressions); set('held-out', c.heldOut);
    set('accepts', t.accepts + ' / ' + t.declines); set('accept-rate', pct(t.acceptRate));
    set('t-conversion', pct(t.conversionRate)); set('c-conversion', pct(c.conversionRate));
    set('t-revenue-total', money(t.revenue)); set('c-revenue-total', money(c.revenue));
    set('t-revenue', money(t.revenuePerCustomer)); set('c-revenue', money(c.revenuePerCustomer));
    set('lift', liftText(stats));
    fillRows(div.querySelector('.per-offer tbody'), Object.keys(stats.offers || {}).sort(order.compare)
      .map((id) => { const o = stats.offers[id];
        const label = offerNames[id] ? offerNames[id] + ' (' + id + ')' : id;
        return [label, o.impressions, o.accepts, pct(o.acceptRate), o.conversions, money(o.revenue)]; }),
      'no offer shown yet');
    const segments = stats.customersBySegment || {};
    const treated = segments.treatment || {}, held = segments.control || {};
    fillRows(div.querySelector('.per-segment tbody'), Array.from(new Set(Object.keys(treated)
      .concat(Object.keys(held)))).sort(order.compare)
      .map((segment) => [segment, treated[segment] || 0, held[segment] || 0]), 'no customer counted yet');
    const chart = charts[stats.campaignId];
    const minutes = everyMinute(stats.windows);
    chart.data.labels = minutes.map((w) => new Date(w.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    chart.data.datasets[0].data = minutes.map((w) => w.impressions);
    chart.data.datasets[1].data = minutes.map((w) => w.accepts);
    chart.data.datasets[2].data = minutes.map((w) => w.conversions);
    chart.update();
    const last = stats.windows[stats.windows.length - 1];
    div.querySelector('canvas').setAttribute('aria-label', 'Impressions, accepts and conversions per minute'
      + (last ? '; latest minute: ' + last.impressions + ', ' + last.accepts + ' and ' + last.conversions : ''));
  }

  // Rows as text, never markup: offer ids come from whoever wrote the catalogue.
  function fillRows(body, rows, none) {
    body.replaceChildren(...(rows.length ? rows : [[none]]).map((cells) => {
      const tr = document.createElement('tr');
      cells.forEach((value) => { const td = document.createElement('td'); td.textContent = value; tr.append(td); });
      if (cells.length === 1) {
        tr.firstChild.colSpan = body.parentElement.querySelectorAll('th').length;
        tr.firstChild.className = 'muted';
      }
      return tr;
    }));
  }

  // Only minutes with activity are kept: the quiet ones between them are zeros, so the time axis is even.
  function everyMinute(windows) {
    const minutes = [];
    windows.forEach((w) => {
      const previous = minutes[minutes.length - 1];
      for (let start = previous ? previous.start + MINUTE : w.start; start < w.start; start += MINUTE) {
        minutes.push({ start, impressions: 0, accepts: 0, conversions: 0 });
      }
      minutes.push(w);
    });
    return minutes;
  }

  // A proxy in front may answer with an HTML error page: read as no problem detail, not as a broken page.
  async function bodyOf(response) {
    try { return await response.json(); } catch (e) { return {}; }
  }

  function retryLater(status, why) {
    status.textContent = why + ' Trying again in 5 seconds…';
    setTimeout(start, 5000);
  }

  async function start() {
    const status = document.getElementById('status');
    if (!ApiKey.present()) {
      status.textContent = 'Waiting for a key.';
      ApiKey.ask('The dashboard needs a marketer key: open the link the service printed, or paste the key.');
      return;
    }
    let response;
    try {
      response = await fetch('/v1/stats/campaigns', { headers: ApiKey.headers() });
    } catch (e) {
      retryLater(status, 'The service could not be reached.');
      return;
    }
    const body = await bodyOf(response);
    if (response.status === 401 || response.status === 403) {
      const why = response.status === 401 ? 'The key was not accepted.' : 'This key may not read campaign results.';
      status.textContent = why;
      ApiKey.ask(why + ' The dashboard needs a marketer key: open the link the service printed (the demo makes'
        + ' new keys at every start), or paste the key.');
      return;
    }
    if (!response.ok || !Array.isArray(body.campaigns)) {
      if (response.status >= 400 && response.status < 500) {
        status.textContent = body.detail || 'The service answered ' + response.status + '.';
        return;
      }
      retryLater(status, body.detail || 'The service answered ' + response.status + '.');
      return;
    }
    await readCatalogue();
    body.campaigns.forEach(render);
    const live = () => 'Live: ' + container.children.length + ' campaigns, updated as responses arrive.';
    status.textContent = body.campaigns.length ? live() : 'No campaigns yet.';
    const stream = new EventSource(ApiKey.streamUrl('/v1/stats/campaigns/stream'));
    stream.addEventListener('stats', (e) => { render(JSON.parse(e.data)); status.textContent = live(); });
    // The browser reconnects by itself; meanwhile the numbers shown are not live.
    stream.onerror = () => {
      status.textContent = stream.readyState === EventSource.CLOSED ? 'Live updates stopped; reload the page.'
        : 'Connection to the service lost; reconnecting… (numbers shown may be out of date)';
    };
    stream.onopen = () => { status.textContent = live(); };
    stream.addEventListener('removed', (e) => {
      const id = JSON.parse(e.data).campaignId;
      const div = document.getElementById('card-' + id);
      if (div) { charts[id].destroy(); delete charts[id]; div.remove(); }
      status.textContent = container.children.length ? live() : 'No campaigns yet.';
    });
  }
  start();
}());
