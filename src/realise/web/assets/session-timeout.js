// Warns a signed-in person before their idle session ends and lets them stay signed in
// (WCAG 2.2.1 Timing Adjustable; ADR 0019), in the manner of GOV.UK and HMRC's timeout warning.
// The server ends the session on its own; this only tells the person in time. The limits come
// from data attributes on <body> (realise.accounts.session_limits.session_context). A file, not
// an inline script, because the Content-Security-Policy allows scripts from Realise only.
(() => {
  const body = document.body;
  const dialog = document.getElementById("session-timeout");
  const idleSeconds = Number(body.dataset.sessionIdleSeconds);
  if (!dialog || !idleSeconds || typeof dialog.showModal !== "function") return;
  const warningSeconds = Number(body.dataset.sessionWarningSeconds);
  const countdown = dialog.querySelector("[data-session-countdown]");
  const announce = dialog.querySelector("[data-session-announce]");

  // When the server will end the session. This page's own request was the last activity we know
  // of; before warning, the server is asked, since another tab may have used the session since.
  let deadline = Date.now() + idleSeconds * 1000;
  let busy = false; // a request to the server is under way
  let quietUntil = 0; // after a failed request, wait before asking again
  let returnFocus = null;
  let spoken = "";

  const secondsLeft = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));

  function inWords(seconds) {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? "" : "s"}`;
    }
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  }

  function csrfToken() {
    const prefix = `${body.dataset.csrfCookie}=`;
    const cookie = document.cookie.split("; ").find((c) => c.startsWith(prefix));
    return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : "";
  }

  function goToSignIn() {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(`${body.dataset.signInUrl}?next=${next}`);
  }

  async function ask(method) {
    const response = await fetch(body.dataset.sessionUrl, {
      method,
      credentials: "same-origin",
      headers: method === "POST" ? { "X-CSRFToken": csrfToken() } : {},
    });
    if (!response.ok) throw new Error(`The session check answered ${response.status}`);
    return response.json();
  }

  // Shows the time left; a screen reader hears it at each minute, then every 15 seconds.
  function update() {
    const left = secondsLeft();
    const words = inWords(left);
    countdown.textContent = words;
    const due = left >= 60 || left % 15 === 0;
    if (due && left > 0 && words !== spoken) {
      spoken = words;
      announce.textContent = `We will sign you out in ${words}.`;
    }
  }

  function show() {
    if (dialog.open) return;
    spoken = inWords(secondsLeft()); // the dialog's description says it when it opens
    announce.textContent = "";
    update();
    returnFocus = document.activeElement;
    dialog.showModal();
    dialog.focus();
  }

  function hide() {
    if (!dialog.open) return;
    dialog.close();
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  }

  // What the server says the session has left (GET does not count as using Realise).
  async function check() {
    busy = true;
    try {
      const status = await ask("GET");
      if (!status.signed_in) {
        goToSignIn();
        return;
      }
      deadline = Date.now() + status.seconds_left * 1000;
      if (status.seconds_left > warningSeconds) hide();
      else show();
    } catch {
      quietUntil = Date.now() + 10_000;
    } finally {
      busy = false;
    }
  }

  async function staySignedIn() {
    if (busy) return;
    busy = true;
    try {
      const status = await ask("POST");
      if (!status.signed_in) {
        goToSignIn();
        return;
      }
      deadline = Date.now() + status.seconds_left * 1000;
      hide();
    } catch {
      announce.textContent = "Realise could not be reached. Check your connection and try again.";
    } finally {
      busy = false;
    }
  }

  function signOut(event) {
    event.preventDefault();
    const form = document.createElement("form");
    form.method = "post";
    form.action = body.dataset.signOutUrl;
    const token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = csrfToken();
    form.append(token);
    body.append(form);
    form.submit();
  }

  function tick() {
    if (busy || Date.now() < quietUntil) return;
    if (dialog.open) update();
    if (secondsLeft() <= (dialog.open ? 0 : warningSeconds)) check();
  }

  dialog.querySelector("[data-session-stay]").addEventListener("click", staySignedIn);
  dialog.querySelector("[data-session-sign-out]").addEventListener("click", signOut);
  // Escape means "not now": the same as Stay signed in, never a silent sign-out.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    staySignedIn();
  });
  document.addEventListener("visibilitychange", tick); // timers sleep in a hidden tab
  window.setInterval(tick, 1000);
})();
