/* triagebot chat widget (PROTOCOL v1). One script tag, a shadow root, no dependencies, no build step.
   Server and user text only ever reach the page through textContent. docs/widget.md explains it all. */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  // A tag pasted twice (a site template and a page) must not give two launchers.
  if (!script || window.__triagebotWidget) return;
  window.__triagebotWidget = true;

  var data = script.dataset;
  var serverUrl, eraseUrl;
  try {
    serverUrl = new URL(data.server || '/ws', new URL(script.src || location.href, location.href));
    serverUrl.protocol = serverUrl.protocol === 'https:' || serverUrl.protocol === 'wss:' ? 'wss:' : 'ws:';
    // The erasure endpoint lives on the same server as the WebSocket.
    eraseUrl = new URL('/v1/session', serverUrl);
    eraseUrl.protocol = serverUrl.protocol === 'wss:' ? 'https:' : 'http:';
  } catch (e) {
    console.error('triagebot widget: data-server is not a URL: ' + data.server);
    return;
  }

  var text = {
    title: data.title || 'Ask our physio bot',
    launcher: data.launcherText || 'Chat with us',
    placeholder: data.placeholder || 'Type your message',
    disclaimer: data.disclaimer || 'Not a diagnosis. In an emergency, call your local emergency number now.'
  };
  var locale = data.locale || document.documentElement.lang || 'en';
  var storeKey = 'triagebot:' + serverUrl.href;

  var STYLE = [
    ':host{all:initial!important;display:block!important;position:fixed!important;z-index:var(--triagebot-z,2147483000)!important;',
    'bottom:16px!important;right:16px!important;left:auto!important;top:auto!important;width:auto!important;height:auto!important;',
    'visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important;margin:0!important;padding:0!important;',
    '--a:var(--triagebot-accent,#0b5c8a);--at:var(--triagebot-accent-text,#fff);--bg:var(--triagebot-background,#fff);',
    '--fg:var(--triagebot-text,#1b1f24);--bot:var(--triagebot-bot-bubble,#eef2f6);--r:var(--triagebot-radius,14px)}',
    ':host([data-position=left]){left:16px!important;right:auto!important}',
    '*{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0}',
    '.tb{font:15px/1.45 var(--triagebot-font,system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif);color:var(--fg)}',
    'button,a.btn{cursor:pointer;border:2px solid var(--a);border-radius:999px;background:var(--bg);color:var(--a);padding:7px 14px;',
    'font-weight:600;text-decoration:none;display:inline-block;text-align:center;min-height:40px}',
    'button:hover,a.btn:hover{background:var(--a);color:var(--at)}',
    ':focus-visible{outline:3px solid #c24f00;outline-offset:2px}',
    'button.solid,a.btn.solid{background:var(--a);color:var(--at)}',
    '.launcher{display:flex;align-items:center;gap:8px;background:var(--a);color:var(--at);box-shadow:0 4px 16px rgba(0,0,0,.25);padding:12px 20px;font-size:16px;margin-left:auto}',
    '.launcher svg{width:22px;height:22px;fill:currentColor}',
    '.panel{display:flex;flex-direction:column;width:380px;max-width:calc(100vw - 32px);height:680px;max-height:calc(100vh - 100px);margin-bottom:12px;',
    'background:var(--bg);border-radius:var(--r);box-shadow:0 8px 32px rgba(0,0,0,.3);overflow:hidden;animation:tb-in .18s ease-out}',
    '.panel[hidden],[hidden]{display:none!important}',
    '@keyframes tb-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}',
    '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}',
    'header{background:var(--a);color:var(--at);padding:10px 12px;display:grid;grid-template-columns:1fr auto auto;align-items:center;gap:4px 8px}',
    'header h2{font-size:17px;font-weight:700;min-width:0}',
    'header button{border-color:var(--at);background:transparent;color:var(--at);min-height:36px;padding:4px 12px;font-size:14px}',
    'header .x{width:36px;height:36px;padding:0;font-size:22px;line-height:1}',
    'header button:hover{background:var(--at);color:var(--a)}',
    '.status{grid-column:1/-1;font-size:13px;display:flex;align-items:center;gap:6px}',
    '.status::before{content:"";width:9px;height:9px;border-radius:50%;background:#f2c94c}',
    '.status.online::before{background:#6fdc8c}.status.offline::before{background:#ff8a80}',
    '.status button{min-height:28px;padding:1px 10px;font-size:13px}',
    '.body{flex:1 1 96px;min-height:72px;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}',
    '.msg{max-width:85%;padding:8px 12px;border-radius:var(--r);white-space:pre-wrap;overflow-wrap:anywhere}',
    '.bot{background:var(--bot);align-self:flex-start;border-bottom-left-radius:4px}',
    '.me{background:var(--a);color:var(--at);align-self:flex-end;border-bottom-right-radius:4px}',
    '.me.pending{border:2px dashed var(--at)}.state{display:block;font-size:12px;font-style:italic}',
    '.alert{flex:0 1 auto;max-height:42%;min-height:0;overflow-y:auto}.alert:not(:empty){min-height:120px}',
    '.note{align-self:center;font-size:13px;color:#4a5560;text-align:center}',
    '.note.err{color:#a0001c;font-weight:600}',
    '.card{border:3px solid var(--c);border-radius:var(--r);padding:12px;display:flex;flex-direction:column;gap:8px;background:var(--bg)}',
    '.card h3{font-size:17px;font-weight:700;color:var(--c)}',
    '.emergency{--c:#b00020}.urgent{--c:#8a4600}.physio{--c:var(--a)}.self_care{--c:#1d6b38}',
    '.emergency,.urgent{background:var(--c);color:#fff}.emergency h3,.urgent h3{color:#fff;font-size:19px}',
    '.emergency .btn,.urgent .btn{background:#fff;color:var(--c);border-color:#fff;font-size:17px}',
    '.alert .card{border-radius:0;border-width:0 0 3px}',
    'details{border:1px solid #c9d1d9;border-radius:8px;padding:6px 10px}',
    'summary{cursor:pointer;font-weight:600;padding:4px 0}',
    'ol{padding-left:22px;margin:6px 0}li{margin:2px 0}',
    '.small{font-size:13px;color:#4a5560}.emergency .small,.urgent .small{color:#fff}',
    '.replies{flex:0 1 auto;max-height:45%;min-height:48px;overflow-y:auto;display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px;border-top:1px solid #d5dbe1}',
    '.replies button{font-size:14px;padding:5px 12px;min-height:36px;text-align:left}',
    '.scale{display:flex;flex-wrap:wrap;gap:4px}',
    '.replies:empty{display:none}',
    '.scale button{min-width:38px;padding:5px 8px;text-align:center}',
    'form{display:flex;gap:6px;padding:8px 12px;border-top:1px solid #d5dbe1}',
    'input{flex:1;min-width:0;border:2px solid #6b7785;border-radius:999px;padding:8px 14px;background:#fff;color:#1b1f24}',
    'footer{padding:4px 12px 8px;font-size:12px;line-height:1.35;color:#4a5560;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}',
    'footer p{flex:1 1 200px}',
    'footer button{min-height:30px;padding:2px 10px;font-size:12px;border-width:1px}',
    '.sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '@media (max-width:480px){:host{bottom:0!important;right:0!important;left:0!important}',
    '.launcher{margin:0 12px 12px auto}.panel{width:100vw;max-width:100vw;height:100vh;height:100dvh;max-height:none;margin:0;border-radius:0}}'
  ].join('');

  // ---- DOM helpers: every string goes through textContent ----
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = String(content);
    return e;
  }
  function button(label, cls, onClick) {
    var b = el('button', cls, label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }
  function telHref(number) { return 'tel:' + String(number).replace(/[^0-9+*#]/g, ''); }
  function safeUrl(u) {
    try {
      var url = new URL(u, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) { return null; }
  }
  function randomId() {
    var b = new Uint8Array(9);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  // ---- the host element and its shadow root ----
  var host = document.createElement('triagebot-chat');
  if (data.position === 'left') host.setAttribute('data-position', 'left');
  if (data.accent && window.CSS.supports('color', data.accent)) host.style.setProperty('--triagebot-accent', data.accent);
  if (data.accentText && window.CSS.supports('color', data.accentText)) host.style.setProperty('--triagebot-accent-text', data.accentText);
  var root = host.attachShadow({ mode: 'open' });
  // A constructed stylesheet needs no inline <style>, so it works under a strict style-src.
  if (root.adoptedStyleSheets && window.CSSStyleSheet && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el('style', null, STYLE));
  }

  var wrap = el('div', 'tb');
  var launcher = el('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'tb-panel');
  var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.appendChild(path);
  launcher.appendChild(svg);
  launcher.appendChild(el('span', null, text.launcher));

  var panel = el('section', 'panel');
  panel.id = 'tb-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'tb-title');
  var head = el('header');
  var title = el('h2', null, text.title);
  title.id = 'tb-title';
  var restartBtn = button('Start again', null, function () { restart(); });
  var closeBtn = button('\u00d7', 'x', function () { setOpen(false); });
  closeBtn.setAttribute('aria-label', 'Close chat');
  var status = el('p', 'status');
  var statusText = el('span');
  statusText.setAttribute('role', 'status');
  var retryBtn = button('Continue here', null, function () { retryBtn.hidden = true; connect(); });
  retryBtn.hidden = true;
  status.appendChild(statusText);
  status.appendChild(retryBtn);
  head.appendChild(title);
  head.appendChild(restartBtn);
  head.appendChild(closeBtn);
  head.appendChild(status);

  var alertBox = el('div', 'alert');
  var body = el('div', 'body');
  body.setAttribute('role', 'log');
  body.setAttribute('aria-live', 'off');
  body.setAttribute('aria-label', 'Conversation');
  body.tabIndex = 0;
  var announcer = el('div', 'sr');
  announcer.setAttribute('aria-live', 'polite');
  var alarm = el('div', 'sr');
  alarm.setAttribute('role', 'alert');
  var replies = el('div', 'replies');
  replies.setAttribute('role', 'group');
  replies.setAttribute('aria-label', 'Suggested answers');

  var form = el('form');
  var inputId = 'tb-input';
  var label = el('label', 'sr', 'Your message');
  label.htmlFor = inputId;
  var input = el('input');
  input.id = inputId;
  input.type = 'text';
  input.maxLength = 1000;
  input.autocomplete = 'off';
  input.placeholder = text.placeholder;
  var send = el('button', 'solid', 'Send');
  send.type = 'submit';
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  var foot = el('footer');
  var disclaimer = el('p', null, text.disclaimer);
  var eraseBtn = button('Delete this conversation', null, function () { askErase(); });
  var confirmBox = el('div');
  confirmBox.hidden = true;
  confirmBox.appendChild(el('span', null, 'Delete this conversation for good? '));
  var eraseYes = button('Yes, delete', 'solid', function () { erase(); });
  var eraseNo = button('Cancel', null, function () { confirmBox.hidden = true; eraseBtn.hidden = false; eraseBtn.focus(); });
  confirmBox.appendChild(eraseYes);
  confirmBox.appendChild(eraseNo);
  foot.appendChild(disclaimer);
  foot.appendChild(eraseBtn);
  foot.appendChild(confirmBox);

  [head, alertBox, body, replies, form, foot, announcer, alarm].forEach(function (n) { panel.appendChild(n); });
  wrap.appendChild(panel);
  wrap.appendChild(launcher);
  root.appendChild(wrap);

  // ---- state kept across reloads (this tab only) ----
  var saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(storeKey)) || {}; } catch (e) { saved = {}; }
  var session = saved.session || null;
  var outbox = Array.isArray(saved.outbox) ? saved.outbox : [];  // {id, text, shown} or {restart: true}
  var open = !!saved.open;
  function persist() {
    var kept = outbox.map(function (i) { return i.restart ? { restart: true } : { id: i.id, text: i.text, shown: i.shown }; });
    try { sessionStorage.setItem(storeKey, JSON.stringify({ session: session, outbox: kept, open: open })); } catch (e) { /* storage full or blocked: the chat still works */ }
  }

  var refocus = false, ws = null, connected = false, inflight = null, lastTurn = 0, attempts = 0, timer = 0, hold = false, rateTimer = 0;

  function setStatus(kind, words) {
    status.className = 'status ' + kind;
    statusText.textContent = words;
  }

  function setOpen(value, quiet) {
    open = value;
    persist();
    panel.hidden = !value;
    launcher.hidden = value && window.matchMedia('(max-width:480px)').matches;
    launcher.setAttribute('aria-expanded', String(value));
    if (value) {
      if (!ws && !hold) connect();
      if (!quiet) input.focus();
      scrollDown();
    } else {
      launcher.hidden = false;
      launcher.focus();
    }
  }
  launcher.addEventListener('click', function () { setOpen(!open); });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.preventDefault(); setOpen(false); }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var t = input.value.trim();
    if (!t) return;
    input.value = '';
    say(t, t);
  });

  function scrollDown() { body.scrollTop = body.scrollHeight; }
  function addBubble(who, t) {
    var m = el('div', 'msg ' + (who === 'bot' ? 'bot' : 'me'), t);
    if (who !== 'bot') m.insertBefore(el('span', 'sr', 'You said: '), m.firstChild);
    body.appendChild(m);
    return m;
  }
  function addNote(t, isError) {
    var n = el('p', 'note' + (isError ? ' err' : ''), t);
    body.appendChild(n);
    scrollDown();
    return n;
  }
  function announce(t) {
    // Cleared first so the same words said twice are announced twice.
    announcer.textContent = '';
    setTimeout(function () { announcer.textContent = t; }, 30);
  }

  // ---- sending: everything goes through the outbox, one frame in flight at a time ----
  function say(payload, shown, fromChoice) {
    if (fromChoice) {
      refocus = true;
      input.focus();
    }
    var item = { id: randomId(), text: payload, shown: shown };
    item.node = addBubble('me', shown);
    markPending(item);
    outbox.push(item);
    persist();
    clearChoices();
    scrollDown();
    if (!ws && !hold) connect();
    pump();
  }
  function restart() {
    outbox.push({ restart: true });
    persist();
    if (!ws && !hold) connect();
    pump();
  }
  function markPending(item) {
    if (!item.node) return;
    var pending = !connected;
    item.node.classList.toggle('pending', pending);
    var tag = item.node.querySelector('.state');
    if (pending && !tag) item.node.appendChild(el('span', 'state', ' Waiting to send'));
    if (!pending && tag) tag.remove();
  }
  function pump() {
    if (!connected || inflight || !outbox.length) return;
    inflight = outbox[0];
    var frame = inflight.restart ? { type: 'restart' } : { type: 'message', text: inflight.text, id: inflight.id };
    ws.send(JSON.stringify(frame));
  }
  function delivered() {
    outbox.shift();
    inflight = null;
    persist();
  }

  // ---- the connection ----
  function connect() {
    clearTimeout(timer);
    hold = false;
    retryBtn.hidden = true;
    setStatus('', attempts ? 'Reconnecting\u2026' : 'Connecting\u2026');
    try {
      ws = new WebSocket(serverUrl.href);
    } catch (e) {
      ws = null;
      setStatus('offline', 'Cannot reach the chat server.');
      return;
    }
    var sock = ws;
    sock.onopen = function () {
      var start = { type: 'start', locale: locale };
      if (session) start.session = session;
      inflight = { start: true };
      sock.send(JSON.stringify(start));
    };
    sock.onmessage = function (e) {
      if (sock !== ws) return;
      var f;
      try { f = JSON.parse(e.data); } catch (err) { return; }
      if (f.type === 'reply') onReply(f);
      else if (f.type === 'error') onError(f);
    };
    sock.onclose = function (e) {
      if (sock !== ws) return;
      ws = null;
      connected = false;
      inflight = null;
      clearTimeout(rateTimer);
      outbox.forEach(markPending);
      if (e.code === 4001) {
        hold = true;
        setStatus('offline', 'This conversation continued in another window.');
        retryBtn.hidden = false;
      } else if (e.code === 4002) {
        // Erased (here or elsewhere): no reconnecting; the next message starts a new conversation.
        forget();
        setStatus('offline', 'This conversation was deleted.');
        addNote('This conversation was deleted. Type a message to start a new one.');
      } else if (e.code === 1001 && !open && !outbox.length) {
        // The server closed an idle connection: reconnect when the person comes back.
        setStatus('offline', 'Disconnected.');
      } else {
        var delay = Math.min(15000, 500 * Math.pow(2, attempts)) * (0.75 + Math.random() * 0.5);
        attempts++;
        setStatus('offline', 'Offline. Reconnecting in ' + Math.ceil(delay / 1000) + ' s\u2026');
        timer = setTimeout(connect, delay);
      }
    };
  }
  window.addEventListener('online', function () { if (!ws && !hold) connect(); });

  function onReply(f) {
    var wasStart = inflight && inflight.start;
    var item = wasStart ? null : inflight;
    // A new token outside a start means a new conversation (restart, or the "Start again" button).
    var fresh = !wasStart && !!(item && item.restart || f.session && session && f.session !== session);
    if (!inflight) return;  // PROTOCOL answers every frame once: nothing unasked is drawn
    if (f.session) session = f.session;
    if (wasStart) {
      inflight = null;
      connected = true;
      attempts = 0;
      setStatus('online', 'Connected');
      if (f.resumed && f.history) redraw(f.history);
      else if (!f.resumed) clearConversation();
      lastTurn = f.turn;
      render(f);
      outbox.forEach(markPending);
      persist();
      pump();
      return;
    }
    delivered();
    if (fresh) {
      if (item && item.node) item.node.remove();
      clearConversation();
      lastTurn = f.turn;
      render(f);
    } else if (f.turn <= lastTurn) {
      // A message sent again after a dropped connection, already handled: its answer is in the
      // history the resume redrew, so only its second bubble goes.
      if (item && item.node) item.node.remove();
    } else {
      if (item) markPending(item);
      lastTurn = f.turn;
      render(f);
    }
    persist();
    pump();
  }

  function onError(f) {
    var item = inflight;
    if (!item) return;
    if (f.code === 'rate_limited' && item) {
      setStatus('online', 'Sending slowly\u2026');
      rateTimer = setTimeout(function () {
        if (!connected || inflight !== item) return;
        setStatus('online', 'Connected');
        inflight = null;
        pump();
      }, Math.max(100, +f.retry_after_ms || 1000));
      return;
    }
    if (item && item.start) {
      // The server could not open the conversation (its store is down): try again later.
      addNote(f.message || 'The chat server had a problem.', true);
      inflight = null;
      if (ws) ws.close();
      return;
    }
    delivered();
    if (item && item.node) {
      item.node.classList.remove('pending');
      item.node.appendChild(el('span', 'sr', ' (not sent)'));
    }
    addNote('Not sent: ' + (f.message || f.code), true);
    announce('Not sent: ' + (f.message || f.code));
    pump();
  }

  // ---- drawing replies ----
  function clearConversation() {
    body.textContent = '';
    alertBox.textContent = '';
    clearChoices();
    disclaimer.textContent = text.disclaimer;
    outbox.forEach(function (item) { if (item.node) body.appendChild(item.node); });
  }
  function redraw(history) {
    body.textContent = '';
    alertBox.textContent = '';
    history.forEach(function (h) { addBubble(h.from === 'bot' ? 'bot' : 'me', h.text); });
    outbox.forEach(function (item) {
      if (item.restart) return;
      item.node = addBubble('me', item.shown);
    });
  }
  function clearChoices() { replies.textContent = ''; }

  function render(f) {
    var said = [];
    (f.messages || []).forEach(function (m) { addBubble('bot', m.text); said.push(m.text); });
    clearChoices();
    var inp = f.input || { kind: 'none' };
    if (inp.kind === 'scale') {
      var row = el('div', 'scale');
      row.setAttribute('role', 'group');
      row.setAttribute('aria-label', 'Choose a number from ' + inp.min + ' to ' + inp.max);
      for (var n = +inp.min; n <= +inp.max && n - inp.min <= 100; n++) {
        (function (v) { row.appendChild(button(String(v), null, function () { say(String(v), String(v), true); })); })(n);
      }
      replies.appendChild(row);
    }
    (f.quick_replies || []).forEach(function (q) {
      replies.appendChild(button(q.title, null, function () { say(q.payload, q.title, true); }));
    });
    input.inputMode = inp.kind === 'number' || inp.kind === 'scale' ? 'numeric' : 'text';
    input.placeholder = inp.kind === 'number' ? 'Type a number' + (inp.unit ? ' (' + inp.unit + ')' : '') : text.placeholder;
    if (f.outcome) showOutcome(f.outcome);
    if (said.length) announce(said.join(' '));
    scrollDown();
    // After a tapped answer, focus goes to the next question's first answer (keyboard users go on
    // with Tab and Enter), unless the person has started typing meanwhile.
    if (open && refocus && root.activeElement === input && !input.value) {
      var first = replies.querySelector('button');
      if (first) first.focus();
    }
    refocus = false;
  }

  function showOutcome(o) {
    var serious = o.level === 'emergency' || o.level === 'urgent';
    var card = el('div', 'card ' + (/^[a-z_]+$/.test(o.level) ? o.level : 'physio'));
    var heads = { emergency: 'Emergency: get help now', urgent: 'See a doctor today', physio: 'Book a physiotherapy assessment', self_care: 'Looking after it yourself' };
    card.appendChild(el('h3', null, o.title || heads[o.level] || 'What to do next'));
    if (o.advice) card.appendChild(el('p', null, o.advice));
    if (o.emergency_number) {
      var call = el('a', 'btn', (o.level === 'emergency' ? 'Call ' : 'Emergency: call ') + o.emergency_number);
      call.href = telHref(o.emergency_number);
      card.appendChild(call);
    }
    if (o.crisis_line) {
      var crisis = el(/^[0-9 +()-]+$/.test(o.crisis_line) ? 'a' : 'p', 'btn', 'Talk to someone now: ' + o.crisis_line);
      if (crisis.tagName === 'A') crisis.href = telHref(o.crisis_line);
      card.appendChild(crisis);
    }
    (o.exercises || []).forEach(function (x) {
      var d = el('details');
      d.appendChild(el('summary', null, x.name + (x.progression ? ' (once the others feel easy)' : '')));
      var ol = el('ol');
      (x.steps || []).forEach(function (s) { ol.appendChild(el('li', null, s)); });
      d.appendChild(ol);
      if (x.dose) d.appendChild(el('p', null, x.dose));
      if (x.feel) d.appendChild(el('p', 'small', 'You should feel: ' + x.feel));
      if (x.stop_if) d.appendChild(el('p', 'small', 'Stop if: ' + x.stop_if));
      card.appendChild(d);
    });
    var b = o.booking;
    if (b) {
      var url = safeUrl(b.url);
      if (b.text) card.appendChild(el('p', 'small', b.text));
      if (url) {
        var book = el('a', 'btn' + (serious ? '' : ' solid'), 'Book an assessment');
        book.href = url;
        book.target = '_blank';
        book.rel = 'noopener noreferrer';
        card.appendChild(book);
      }
      if (b.phone) {
        var ph = el('a', 'btn', 'Call the clinic: ' + b.phone);
        ph.href = telHref(b.phone);
        card.appendChild(ph);
      }
      if (b.reference) card.appendChild(el('p', 'small', 'Reference: ' + b.reference));
    }
    if (o.disclaimer) {
      card.appendChild(el('p', 'small', o.disclaimer));
      disclaimer.textContent = o.disclaimer;
    }
    if (serious) {
      // The most urgent advice stays at the top of the panel, above the conversation.
      alertBox.textContent = '';
      alertBox.appendChild(card);
      alarm.textContent = (o.title || heads[o.level]) + '. ' + (o.advice || '');
    } else {
      body.appendChild(card);
    }
  }

  // ---- erasure ----
  function askErase() {
    eraseBtn.hidden = true;
    confirmBox.hidden = false;
    eraseYes.focus();
  }
  function forget() {
    session = null;
    outbox = [];
    inflight = null;
    lastTurn = 0;
    try { sessionStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
    persist();
    body.textContent = '';
    alertBox.textContent = '';
    clearChoices();
    disclaimer.textContent = text.disclaimer;
  }
  function erase() {
    var token = session;
    confirmBox.hidden = true;
    eraseBtn.hidden = false;
    function done() {
      hold = true;
      var sock = ws;
      ws = null;
      connected = false;
      if (sock) sock.close();
      clearTimeout(timer);
      forget();
      setStatus('offline', 'Conversation deleted.');
      addNote('This conversation was deleted. Type a message to start a new one.');
      announce('This conversation was deleted.');
      hold = false;
      input.focus();
    }
    if (!token) return done();
    fetch(eraseUrl.href, { method: 'DELETE', headers: { Authorization: 'Bearer ' + token }, credentials: 'omit' })
      .then(function (r) {
        if (r.status === 204 || r.status === 404) done();
        else addNote('Could not delete the conversation (the server answered ' + r.status + '). Please try again.', true);
      }, function () {
        addNote('Could not delete the conversation: no connection. Please try again.', true);
      });
  }

  function mount() {
    document.body.appendChild(host);
    setStatus('', 'Not connected');
    if (open || data.open === 'true') setOpen(true, true);
    else if (outbox.length) connect();  // messages typed before a reload still go out
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
