// Every campaign as a card, kept current by one server-sent event stream for them all (browsers allow
// only six connections per host, so a stream per campaign would starve the rest).
(function () {
  const container = document.getElementById('campaigns');
  const charts = {};

  // A group without customers has no rate (null): shown as a dash, not as a measured 0.
  function pct(x) { return x == null ? '–' : (100 * x).toFixed(1) + '%'; }
  function money(x) { return x == null ? '–' : x.toFixed(2); }
  function signed(x) { return (x >= 0 ? '+' : '') + (100 * x).toFixed(1) + ' pts'; }

  function card(id) {
    const div = document.createElement('div');
    div.className = 'card';
    div.id = 'card-' + id;
    div.innerHTML = '<h2></h2><table><tr><th></th><th>treatment</th><th>control</th></tr>'
      + '<tr><td>customers</td><td class="t-customers"></td><td class="c-customers"></td></tr>'
      + '<tr><td>impressions / held out</td><td class="impressions"></td><td class="held-out"></td></tr>'
      + '<tr><td>accepts</td><td class="accepts"></td><td></td></tr>'
      + '<tr><td>accept rate</td><td class="accept-rate"></td><td></td></tr>'
      + '<tr><td>conversion rate</td><td class="t-conversion"></td><td class="c-conversion"></td></tr>'
      + '<tr><td>revenue / customer</td><td class="t-revenue"></td><td class="c-revenue"></td></tr></table>'
      + '<p>Lift: <span class="lift"></span></p><canvas height="120"></canvas>';
    container.appendChild(div);
    charts[id] = new Chart(div.querySelector('canvas'), {
      type: 'line',
      data: { labels: [], datasets: [
        { label: 'impressions / min', data: [], borderColor: '#3e6fd8', tension: 0.2 },
        { label: 'accepts / min', data: [], borderColor: '#23a26d', tension: 0.2 },
        { label: 'conversions / min', data: [], borderColor: '#d8833e', tension: 0.2 }] },
      options: { animation: false, scales: { y: { beginAtZero: true } } }
    });
    return div;
  }

  function render(stats) {
    const div = document.getElementById('card-' + stats.campaignId) || card(stats.campaignId);
    const set = (cls, value) => { div.querySelector('.' + cls).textContent = value; };
    div.querySelector('h2').textContent = (stats.name || stats.campaignId) + ' (' + stats.campaignId + ')';
    const t = stats.treatment, c = stats.control, lift = stats.lift.conversionRate;
    set('t-customers', t.customers); set('c-customers', c.customers);
    set('impressions', t.impressions); set('held-out', c.heldOut);
    set('accepts', t.accepts); set('accept-rate', pct(t.acceptRate));
    set('t-conversion', pct(t.conversionRate)); set('c-conversion', pct(c.conversionRate));
    set('t-revenue', money(t.revenuePerCustomer)); set('c-revenue', money(c.revenuePerCustomer));
    set('lift', !lift.ci95 ? 'not enough data yet (' + t.customers + ' treatment / ' + c.customers + ' control customers)'
      : signed(lift.difference) + ' conversion, 95% CI [' + signed(lift.ci95.low) + ', ' + signed(lift.ci95.high) + ']'
        + (lift.significant ? ' – significant' : ''));
    const chart = charts[stats.campaignId];
    chart.data.labels = stats.windows.map((w) => new Date(w.start).toLocaleTimeString());
    chart.data.datasets[0].data = stats.windows.map((w) => w.impressions);
    chart.data.datasets[1].data = stats.windows.map((w) => w.accepts);
    chart.data.datasets[2].data = stats.windows.map((w) => w.conversions);
    chart.update();
  }

  async function start() {
    const status = document.getElementById('status');
    if (!ApiKey.present()) {
      status.textContent = 'Waiting for a key.';
      ApiKey.ask('The dashboard needs a marketer key: open the link the service printed, or paste the key.');
      return;
    }
    const response = await fetch('/v1/stats/campaigns', { headers: ApiKey.headers() });
    const body = await response.json();
    if (response.status === 401 || response.status === 403) {
      const why = response.status === 401 ? 'The key was not accepted.' : 'This key may not read campaign results.';
      status.textContent = why;
      ApiKey.ask(why + ' The dashboard needs a marketer key: open the link the service printed, or paste the key.');
      return;
    }
    if (!response.ok) {
      status.textContent = body.detail;
      return;
    }
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
