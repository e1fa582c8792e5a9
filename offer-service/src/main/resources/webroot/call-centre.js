// The agent's screen: the 360 view updates live from the customer stream; actions are decided on demand,
// because every decision counts as a presentation towards the customer's contact caps.
(function () {
  const $ = (id) => document.getElementById(id);
  let customerId = null;
  let stream = null;

  function text(id, value) { $(id).textContent = value; }

  function renderProfile(view) {
    if (!view.found) {
      text('status', 'No history yet for ' + customerId + ': actions are cold-start choices.');
      $('relationship').hidden = true;
      $('activity-section').hidden = true;
      return;
    }
    const r = view.derived.relationship;
    text('status', 'Live: updates as new events arrive.');
    text('customer-name', view.subjectId + (view.resolvedFrom ? ' (was ' + view.resolvedFrom + ')' : ''));
    text('quadrant', r.quadrant);
    text('level', r.level + ' – ' + r.levelName);
    text('stage', r.stage);
    text('loyalty', r.loyalty);
    text('churn-risk', r.churnRisk.toFixed(2));
    // Amounts are summed in one currency; the profile names the latest purchase's.
    text('spend', view.derived.netSpend.toFixed(2) + (view.spend.currency ? ' ' + view.spend.currency : '')
      + ' over ' + view.spend.purchases + ' purchases');
    text('event-count', String(view.eventCount));
    const issue = $('open-issue');
    issue.hidden = !r.openIssueSince;
    issue.textContent = r.openIssueSince ? 'Open issue (' + r.openIssueCause + ') since '
      + new Date(r.openIssueSince).toLocaleString() + ': offer a service-recovery action first.' : '';
    $('activity').replaceChildren(...activityOf(view).map((item) => {
      const li = document.createElement('li');
      li.textContent = when(item.at) + ' ' + item.text;
      return li;
    }));
    const consents = $('consents');
    const entries = Object.entries(view.consents);
    consents.replaceChildren(...(entries.length ? entries : [['none recorded', '']]).map(([k, v]) => {
      const li = document.createElement('li');
      li.textContent = k + (v === '' ? '' : ': ' + (v ? 'given' : 'withdrawn'));
      return li;
    }));
    $('relationship').hidden = false;
    $('activity-section').hidden = false;
  }

  // The view holds the last pages, the last offers shown (from the contact history) and, of purchases and
  // feedback, only the latest of each kind: together, what the caller did lately, newest first.
  function activityOf(view) {
    const items = view.recentPages.map((p) => ({ at: p.at, text: p.type + ' ' + (p.page || p.productId || '')
      + (p.category ? ' (' + p.category + ')' : '') }));
    const latest = (at, text) => { if (at) items.push({ at, text }); };
    latest(view.spend.lastPurchaseAt, 'last purchase (' + view.spend.purchases + ' in all)');
    latest(view.feedback.lastComplaintAt, 'last complaint (' + view.feedback.complaints + ' in all)');
    latest(view.feedback.lastDetractorAt, 'last detractor score');
    latest(view.feedback.lastPositiveAt, 'last positive feedback');
    view.derived.recentOffers.forEach((o) => {
      // A purchase the offer led to is a conversion without any response naming it.
      const answers = o.converted && !o.responses.includes('convert') ? o.responses.concat('converted') : o.responses;
      items.push({ at: o.at, text: 'offer ' + o.offerId + ' shown on ' + o.channel
        + (answers.length ? ': ' + answers.join(', ') : '') });
    });
    return items.sort((a, b) => b.at - a.at);
  }

  // Today's entries by time of day; older ones with their date, so an old visit never looks like a recent one.
  function when(at) {
    const date = new Date(at);
    return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
  }

  async function loadActions() {
    let response;
    try {
      response = await fetch('/v1/customers/' + encodeURIComponent(customerId) + '/offers?channel=call-centre&limit=3',
        { headers: ApiKey.headers() });
    } catch (e) {
      $('actions').textContent = 'The service could not be reached; try again in a moment.';
      return;
    }
    const decision = await response.json();
    if (response.status === 401 || response.status === 403) {
      ApiKey.ask(decision.detail);
    }
    const actions = $('actions');
    if (!response.ok) {
      actions.textContent = decision.detail || 'Could not decide';
      return;
    }
    actions.replaceChildren(...decision.offers.map((offer) => {
      const div = document.createElement('div');
      div.className = 'action';
      div.dataset.offerId = offer.offerId;
      const title = document.createElement('strong');
      title.textContent = offer.name;
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'score ' + offer.score.toFixed(3);
      const reasons = document.createElement('ul');
      reasons.className = 'reasons';
      offer.reasons.forEach((r) => { const li = document.createElement('li'); li.textContent = r; reasons.appendChild(li); });
      const result = document.createElement('span');
      result.className = 'outcome';
      const buttons = ['accept', 'decline'].map((outcome) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = outcome;
        b.textContent = outcome === 'accept' ? 'Accepted' : 'Declined';
        b.onclick = () => record(decision, offer, outcome, result, buttons);
        return b;
      });
      div.append(title, ' ', badge, reasons, ...buttons, result);
      return div;
    }));
    if (!decision.offers.length) {
      actions.textContent = 'No action fits right now.';
    }
    $('actions-section').hidden = false;
  }

  async function record(decision, offer, outcome, result, buttons) {
    buttons.forEach((b) => { b.disabled = true; });
    let status;
    try {
      const response = await fetch('/v1/responses', {
        method: 'POST',
        headers: ApiKey.headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ decisionId: decision.decisionId, customerId: decision.customerId, offerId: offer.offerId,
          campaignId: offer.campaignId, outcome: outcome, channel: 'call-centre', timestamp: new Date().toISOString() })
      });
      status = response.ok ? null : String(response.status);
    } catch (e) {
      status = 'service unreachable';
    }
    result.textContent = status === null ? ' Recorded: ' + outcome : ' Not recorded (' + status + ')';
    if (status !== null) { buttons.forEach((b) => { b.disabled = false; }); }
  }

  async function open(id) {
    customerId = id;
    if (stream) { stream.close(); }
    text('status', 'Loading ' + id + '…');
    // The key is checked before anything is decided: a key of another role would make real decisions (counted
    // towards the caller's caps) on a screen that cannot show the customer.
    const check = await fetch('/v1/customers/' + encodeURIComponent(id), { method: 'HEAD', headers: ApiKey.headers() });
    if (check.status === 401 || check.status === 403) {
      const why = check.status === 401 ? 'The key was not accepted.' : 'This key may not open the customer view.';
      text('status', why + ' This screen needs an agent key.');
      ApiKey.ask(why + ' This screen needs an agent key: open the link the service printed, or paste the key.');
      return;
    }
    stream = new EventSource(ApiKey.streamUrl('/v1/customers/' + encodeURIComponent(id) + '/stream'));
    stream.addEventListener('profile', (e) => renderProfile(JSON.parse(e.data)));
    // The browser reconnects by itself after a network error; the page says so instead of claiming to be live.
    stream.onerror = () => {
      text('status', stream.readyState === EventSource.CLOSED ? 'Live updates stopped; reload the page to try again.'
        : 'Connection to the service lost; reconnecting…');
    };
    loadActions();
  }

  $('lookup-form').addEventListener('submit', (e) => { e.preventDefault(); open($('customer-id').value.trim()); });
  $('refresh-actions').addEventListener('click', loadActions);
  // Read as written: URLSearchParams would turn a + in an id (which ids may hold) into a space.
  const link = /[?&]customer=([^&]*)/.exec(location.search);
  let fromUrl = null;
  if (link) {
    try { fromUrl = decodeURIComponent(link[1]); } catch (e) { fromUrl = link[1]; }
  }
  if (fromUrl) { $('customer-id').value = fromUrl; }
  if (!ApiKey.present()) {
    ApiKey.ask('This screen needs an agent key: open the link the service printed, or paste the key.');
  } else if (fromUrl) {
    open(fromUrl);
  }
}());
