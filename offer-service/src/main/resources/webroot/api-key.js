// Every call from these pages carries the API key of the page's role. The key comes from the link the service
// prints (#key=...) and is kept for this tab only; when it is missing or refused the page asks for one.
window.ApiKey = (function () {
  const slot = 'nbo-api-key:' + location.pathname;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromLink) {
    sessionStorage.setItem(slot, fromLink);
    // Keeps the key out of the address bar, bookmarks and screenshots.
    history.replaceState(null, '', location.pathname + location.search);
  }

  function current() { return sessionStorage.getItem(slot) || ''; }

  function headers(extra) { return Object.assign({ 'X-API-Key': current() }, extra || {}); }

  // EventSource cannot send headers, so streams take the key as a query parameter.
  function streamUrl(url) { return url + (url.includes('?') ? '&' : '?') + 'api_key=' + encodeURIComponent(current()); }

  function ask(message) {
    document.getElementById('key-message').textContent = message;
    document.getElementById('key-form').hidden = false;
  }

  document.getElementById('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(slot, document.getElementById('api-key').value.trim());
    location.reload();
  });

  return { current, headers, streamUrl, ask, present: () => current() !== '' };
}());
