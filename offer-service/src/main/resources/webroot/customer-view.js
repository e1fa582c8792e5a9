// How the agent's screen words a customer's profile: what happened lately, what they said, what they agreed to.
// Pure functions of the profile the service sends, so the screen and its tests read the same sentences.
const CustomerView = (function () {
  // Amounts as people read them (12,435.49 EUR), in the one currency the profile sums in.
  function money(amount, currency) {
    return amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      + (currency ? ' ' + currency : '');
  }

  function amountOf(amount, currency) {
    return typeof amount === 'number' ? ' of ' + money(amount, currency) : '';
  }

  function complaintWords(complaint) {
    if (!complaint || !complaint.text) { return ''; }
    return '“' + complaint.text + '”' + (complaint.topic ? ' about ' + complaint.topic : '');
  }

  // Today's entries by time of day; older ones with their date, so an old visit never looks like a recent one.
  function when(at) {
    const date = new Date(at);
    return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
  }

  // Every decision shows its offers again, so one call can show the same offer several times: one line per offer
  // and channel, with how often, when last, and every answer given to any of those showings.
  function offersShown(recentOffers) {
    const byOffer = new Map();
    recentOffers.forEach((o) => {
      const key = o.offerId + '|' + o.channel;
      const seen = byOffer.get(key) || { at: 0, times: 0, answers: new Set(), name: o.name, offerId: o.offerId,
        channel: o.channel };
      seen.at = Math.max(seen.at, o.at);
      seen.times += 1;
      o.responses.forEach((r) => seen.answers.add(r));
      // A purchase the offer led to is a conversion without any response naming it.
      if (o.converted && !o.responses.includes('convert')) { seen.answers.add('converted'); }
      byOffer.set(key, seen);
    });
    return [...byOffer.values()].map((s) => ({ at: s.at, text: 'offer ' + (s.name ? s.name + ' (' + s.offerId + ')'
      : s.offerId) + ' shown on ' + s.channel + (s.times > 1 ? ' ' + s.times + ' times' : '')
      + (s.answers.size ? ': ' + [...s.answers].join(', ') : '') }));
  }

  // The last pages, the offers shown (from the contact history) and, of purchases, refunds and feedback, the
  // latest of each kind: together, what the caller did lately, newest first.
  function activity(view) {
    const items = view.recentPages.map((p) => ({ at: p.at, text: p.type.replaceAll('_', ' ') + ' '
      + (p.page || p.productId || '') + (p.category ? ' (' + p.category + ')' : '') }));
    const latest = (at, text) => { if (at) { items.push({ at, text }); } };
    const spend = view.spend;
    latest(spend.lastPurchaseAt, 'last purchase' + amountOf(spend.lastPurchaseAmount, spend.currency)
      + ' (' + spend.purchases + ' in all)');
    latest(spend.lastRefundAt, 'last refund' + amountOf(spend.lastRefundAmount, spend.currency)
      + ' (' + spend.refunds + ' in all)');
    const feedback = view.feedback;
    latest(feedback.lastComplaintAt, 'last complaint (' + feedback.complaints + ' in all)'
      + (feedback.lastComplaint ? ': ' + complaintWords(feedback.lastComplaint) : ''));
    // The latest score and rating by their own times; a detractor score or praise at that moment is named with it.
    const changed = view.changedAt || {};
    const scores = [];
    if (typeof feedback.lastNps === 'number') { scores.push({ at: changed['feedback:nps'], text: 'NPS ' + feedback.lastNps }); }
    if (typeof feedback.lastRating === 'number') {
      scores.push({ at: changed['feedback:rating'], text: 'rating ' + feedback.lastRating + ' of 5' });
    }
    const scoreAt = (at) => scores.find((score) => score.at === at);
    [[feedback.lastDetractorAt, 'last detractor score'], [feedback.lastPositiveAt, 'last positive feedback']]
      .forEach(([at, label]) => {
        const score = scoreAt(at);
        if (score) { score.named = true; }
        latest(at, label + (score ? ': ' + score.text : ''));
      });
    scores.filter((score) => !score.named).forEach((score) => latest(score.at, score.text));
    return items.concat(offersShown(view.derived.recentOffers)).sort((a, b) => b.at - a.at);
  }

  function consents(view) {
    const changed = view.changedAt || {};
    const entries = Object.entries(view.consents).sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.length ? entries.map(([name, given]) => name + ': ' + (given ? 'given' : 'withdrawn')
      + (changed['consent:' + name] ? ', ' + when(changed['consent:' + name]) : '')) : ['none recorded'];
  }

  function attributes(view) {
    const entries = Object.entries(view.attributes || {}).sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.length ? entries.map(([name, value]) => name + ': ' + value) : ['none recorded'];
  }

  // Every cause not answered yet, with what a complaint said: the agent answers all of them, not only the latest.
  function openIssues(relationship, feedback) {
    return relationship.openIssues.map((issue) => issue.cause + ' since ' + new Date(issue.since).toLocaleString()
      + (issue.cause === 'complaint' && feedback.lastComplaint ? (issue.since === feedback.lastComplaintAt ? ', saying '
        : ', the latest saying ') + complaintWords(feedback.lastComplaint) : '')).join('; ');
  }

  return { money, when, activity, consents, attributes, openIssues };
}());
