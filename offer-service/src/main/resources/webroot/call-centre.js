// The agent's screen: the 360 view updates live from the customer stream; actions are decided on demand,
// because every decision counts as a presentation towards the customer's contact caps.
(function () {
  const $ = (id) => document.getElementById(id);
  // The service's id rule: anything else would be refused, so the page says so instead of asking.
  const ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;
  const KEY_HELP = ' This screen needs an agent key: open the link the service printed (the demo makes new keys at'
    + ' every start), or paste the key.';
  let customerId = null;
  let stream = null;
  // One call is one conversation: asking again with nothing new (Refresh, a reload, the same lookup) replays its
  // decision (a requestId) instead of counting the same actions as shown again, which would use up their caps
  // while the caller is on the line. The service keeps a decision for a requestId 10 minutes.
  const REPLAY_MS = 9.5 * 60 * 1000;
  let call = null;
  // The open issue as the profile last showed it, and whether the last actions held a recovery action for it:
  // the banner asks for one only where one is listed, and says so where none could be.
  let openIssue = null;
  let recoveryListed = null;

  function callOf(id) {
    let kept = null;
    try { kept = JSON.parse(sessionStorage.getItem('nbo-call:' + id)); } catch (e) { kept = null; }
    if (kept && Date.now() - kept.at < REPLAY_MS) {
      // An answer recorded since the decision put it out of date: decided again, as the call's opening was.
      return kept.decidedOn === 'answered'
        ? Object.assign(kept, { decidedOn: undefined, latest: undefined, at: 0, seq: 0 })
        : Object.assign(kept, { latest: kept.decidedOn, seq: 0 });
    }
    return { ref: 'call-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10), turn: 0,
      decidedOn: undefined, latest: undefined, issue: null, at: 0, seq: 0 };
  }

  function keep(kept) {
    sessionStorage.setItem('nbo-call:' + customerId, JSON.stringify({ ref: kept.ref, turn: kept.turn,
      decidedOn: kept.decidedOn, issue: kept.issue, at: kept.at }));
  }

  function text(id, value) { $(id).textContent = value; }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function clear(message) {
    if (stream) { stream.close(); stream = null; }
    customerId = null;
    call = null;
    openIssue = null;
    recoveryListed = null;
    ['relationship', 'activity-section', 'actions-section'].forEach((id) => { $(id).hidden = true; });
    $('actions').replaceChildren();
    text('status', message);
  }

  // What, in the view, makes the last decision out of date: new events, answers, or an issue opened or closed.
  function signature(view) {
    const r = view.derived.relationship;
    // Sorted: the service gives no order to the counts, and another instance may list them otherwise.
    const counts = Object.entries(view.responseCounts || {}).sort(([a], [b]) => (a < b ? -1 : 1));
    return [view.eventCount, JSON.stringify(counts), r.openIssueSince || ''].join('|');
  }

  function renderProfile(view) {
    if (!view.found) {
      // Ids are case-sensitive and a typo is a new id: said before anything is offered or recorded for it.
      text('status', 'No history yet for ' + customerId + ': a new caller, or a mistyped id (ids are'
        + ' case-sensitive). Actions are cold-start choices.');
      $('relationship').hidden = true;
      $('activity-section').hidden = true;
      followChanges('none', null);
      return;
    }
    const r = view.derived.relationship;
    text('status', 'Live: updates as new events arrive.');
    text('customer-name', view.subjectId + (view.resolvedFrom ? ' (was ' + view.resolvedFrom + ')' : ''));
    text('quadrant', r.quadrant);
    text('level', r.level + ' – ' + r.levelName);
    text('stage', r.stage);
    text('loyalty', r.loyalty);
    // Rounded half up, as the explanations round it, so the two never disagree in the last digit.
    text('churn-risk', (Math.round(r.churnRisk * 100) / 100).toFixed(2));
    // Amounts are summed in one currency; the profile names the latest purchase's.
    text('spend', CustomerView.money(view.derived.netSpend, view.spend.currency)
      + ' over ' + plural(view.spend.purchases, 'purchase'));
    text('event-count', String(view.eventCount));
    // Every cause still open, with what a complaint said: what the agent has to answer.
    openIssue = r.openIssueSince ? { text: CustomerView.openIssues(r, view.feedback) } : null;
    showIssue();
    $('explanations').replaceChildren(...(r.explanations || []).map(listItem));
    $('activity').replaceChildren(...CustomerView.activity(view)
      .map((item) => listItem(CustomerView.when(item.at) + ' ' + item.text)));
    $('consents').replaceChildren(...CustomerView.consents(view).map(listItem));
    $('attributes').replaceChildren(...CustomerView.attributes(view).map(listItem));
    $('relationship').hidden = false;
    $('activity-section').hidden = false;
    followChanges(signature(view), r.openIssueSince || null);
  }

  // A profile with no events ('none') is a state too: a new customer's first complaint changes what comes first.
  function followChanges(now, issue) {
    if (!call) { return; }
    if (call.latest === undefined) {
      // The first view of a new call: what its opening decision was made on.
      call.latest = now;
      call.issue = issue;
      // A decision that came back before this view was made on it.
      if (call.decidedOn === undefined && call.at > 0) {
        call.decidedOn = now;
        keep(call);
      }
      return;
    }
    call.latest = now;
    if (issue !== call.issue) {
      // An issue opened or closed during the call changes what comes first: decided again at once.
      call.issue = issue;
      loadActions(true, issue ? 'An issue was opened during the call: actions decided again.'
        : 'The open issue was resolved: actions decided again.');
    } else if (now !== call.decidedOn && !$('actions-section').hidden) {
      text('actions-note', 'New activity since these actions were decided: Refresh to decide again.');
    }
  }

  function listItem(content) {
    const li = document.createElement('li');
    li.textContent = content;
    return li;
  }

  // A proxy in front may answer with an HTML error page: read as no problem detail, not as a broken page.
  async function bodyOf(response) {
    try { return await response.json(); } catch (e) { return {}; }
  }

  async function loadActions(anew, why) {
    if (!call) { return; }
    const expired = call.at > 0 && Date.now() - call.at >= REPLAY_MS;
    const replay = !anew && !expired && call.at > 0 && call.latest === call.decidedOn;
    if (!replay) { call.turn += 1; }
    const asked = call;
    const id = customerId;
    // What this decision is made on, and which request it is: an answer that comes back after a later one left
    // is dropped, so a slow replay cannot cover a newer decision.
    const basis = call.latest;
    const seq = ++call.seq;
    let response;
    try {
      response = await fetch('/v1/customers/' + encodeURIComponent(id) + '/offers?channel=call-centre&limit=3'
        + '&requestId=' + encodeURIComponent(asked.ref + '.' + asked.turn), { headers: ApiKey.headers() });
    } catch (e) {
      if (asked === call && seq === asked.seq) {
        failed('The service could not be reached: the actions shown are the last decided; press Refresh to try'
          + ' again.');
      }
      return;
    }
    const decision = await bodyOf(response);
    if (asked !== call || seq !== asked.seq) { return; }
    if (response.status === 401 || response.status === 403) {
      ApiKey.ask((decision.detail || 'The key was not accepted.') + KEY_HELP);
    }
    if (!response.ok || !Array.isArray(decision.offers)) {
      failed((decision.detail || 'The service answered ' + response.status) + ': press Refresh to try again.');
      return;
    }
    const replayed = response.headers.get('X-Replayed') === 'true';
    asked.decidedOn = basis === undefined ? asked.latest : basis;
    asked.at = replayed ? asked.at : Date.now();
    keep(asked);
    const recorded = asked.recorded && Date.now() - asked.recorded.at < 60000 ? asked.recorded.text + ' ' : '';
    asked.recorded = null;
    let note = why || '';
    if (replayed) {
      note = 'Nothing new since these actions were decided: the same ones, not counted again.';
    } else if (replay || expired) {
      note = 'Decided again: the service no longer held this call\'s actions (kept 10 minutes, and not over a'
        + ' restart).';
    }
    const focusWasHere = document.activeElement === document.body || $('actions').contains(document.activeElement);
    renderActions(decision);
    text('actions-note', recorded + note);
    $('actions-section').hidden = false;
    if (recorded && focusWasHere) { $('actions-note').focus(); }
  }

  // The last actions stay: they were decided, and may still be offered; only the note says what went wrong.
  function failed(message) {
    $('actions-section').hidden = false;
    text('actions-note', message);
  }

  function showIssue() {
    const issue = $('open-issue');
    issue.hidden = !openIssue;
    if (!openIssue) {
      issue.textContent = '';
      return;
    }
    issue.textContent = 'Open issue: ' + openIssue.text + (recoveryListed === false
      ? ': no service-recovery action can be offered right now (none is defined for this channel, or its'
        + ' campaign\'s caps or suppression hold it back); put the customer\'s issue first.'
      : ': offer a service-recovery action first.');
  }

  function renderActions(decision) {
    recoveryListed = decision.offers.some((offer) => offer.kind === 'service-recovery');
    showIssue();
    const actions = $('actions');
    if (!decision.offers.length) {
      actions.textContent = 'No action fits right now.';
      return;
    }
    actions.replaceChildren(...decision.offers.map((offer) => {
      const div = document.createElement('div');
      div.className = 'action';
      div.dataset.offerId = offer.offerId;
      const title = document.createElement('strong');
      title.textContent = offer.name;
      // The order is the answer: a service-recovery action comes first whatever its score.
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = '#' + offer.rank;
      badge.title = 'rank ' + offer.rank + ', score ' + offer.score.toFixed(3);
      // The first reason says why, for the caller; the model's evidence is there for whoever asks.
      const reasons = document.createElement('ul');
      reasons.className = 'reasons';
      offer.reasons.slice(0, 1).forEach((r) => reasons.appendChild(listItem(r)));
      const more = document.createElement('details');
      more.className = 'reasons';
      const summary = document.createElement('summary');
      summary.textContent = 'All reasons';
      const all = document.createElement('ul');
      offer.reasons.forEach((r) => all.appendChild(listItem(r)));
      more.append(summary, all);
      const result = document.createElement('span');
      result.className = 'outcome';
      result.setAttribute('role', 'status');
      const buttons = ['accept', 'decline'].map((outcome) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = outcome;
        b.textContent = outcome === 'accept' ? 'Accepted' : 'Declined';
        b.setAttribute('aria-label', b.textContent + ': ' + offer.name);
        b.onclick = () => record(decision, offer, outcome, result, buttons);
        return b;
      });
      div.append(badge, ' ', title, reasons, more, ...buttons, result);
      return div;
    }));
  }

  async function record(decision, offer, outcome, result, buttons) {
    const answered = call;
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
      if (response.status === 401 || response.status === 403) {
        ApiKey.ask('The answer was not recorded: the key was refused.' + KEY_HELP);
      }
    } catch (e) {
      status = 'service unreachable';
    }
    result.textContent = status === null ? ' Recorded: ' + outcome : ' Not recorded (' + status + ')';
    if (status !== null) {
      buttons.forEach((b) => { b.disabled = false; });
    } else if (answered && answered === call) {
      // An answer changes what fits next: the next Refresh decides again. Said again if the list is redrawn.
      answered.decidedOn = 'answered';
      answered.recorded = { at: Date.now(), text: 'Recorded: ' + outcome + ' for ' + offer.name + '.' };
      keep(answered);
    }
  }

  async function open(id) {
    if (!ID.test(id)) {
      clear('"' + id + '" is not a customer id: ids are 1–128 letters, digits and ._:@/+=-, starting with a'
        + ' letter or digit.');
      history.replaceState(null, '', location.pathname);
      return;
    }
    clear('Loading ' + id + '…');
    customerId = id;
    history.replaceState(null, '', location.pathname + '?customer=' + encodeURIComponent(id));
    let check;
    try {
      // The key is checked before anything is decided: a key of another role would make real decisions (counted
      // towards the caller's caps) on a screen that cannot show the customer.
      check = await fetch('/v1/customers/' + encodeURIComponent(id), { method: 'HEAD', headers: ApiKey.headers() });
    } catch (e) {
      if (customerId === id) { clear('The service could not be reached: look the customer up again in a moment.'); }
      return;
    }
    if (customerId !== id) { return; }
    if (check.status === 401 || check.status === 403) {
      const why = check.status === 401 ? 'The key was not accepted.' : 'This key may not open the customer view.';
      clear(why + ' This screen needs an agent key.');
      ApiKey.ask(why + KEY_HELP);
      return;
    }
    if (check.status >= 500) {
      clear('The service answered ' + check.status + ': look the customer up again in a moment.');
      return;
    }
    call = callOf(id);
    stream = new EventSource(ApiKey.streamUrl('/v1/customers/' + encodeURIComponent(id) + '/stream'));
    stream.addEventListener('profile', (e) => renderProfile(JSON.parse(e.data)));
    // The browser reconnects by itself after a network error; the page says so instead of claiming to be live.
    stream.onerror = () => {
      text('status', stream.readyState === EventSource.CLOSED ? 'Live updates stopped; look the customer up again.'
        : 'Connection to the service lost; reconnecting…');
    };
    loadActions(false);
  }

  $('lookup-form').addEventListener('submit', (e) => { e.preventDefault(); open($('customer-id').value.trim()); });
  $('refresh-actions').addEventListener('click', () => loadActions(false));
  // Read as written: URLSearchParams would turn a + in an id (which ids may hold) into a space.
  const link = /[?&]customer=([^&]*)/.exec(location.search);
  let fromUrl = null;
  if (link) {
    try { fromUrl = decodeURIComponent(link[1]).trim(); } catch (e) { fromUrl = link[1].trim(); }
  }
  if (fromUrl) { $('customer-id').value = fromUrl; }
  if (!ApiKey.present()) {
    ApiKey.ask('No key yet.' + KEY_HELP);
  } else if (fromUrl) {
    open(fromUrl);
  } else {
    $('customer-id').focus();
  }
}());
