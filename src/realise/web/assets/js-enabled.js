// Runs first thing in <body>, before anything is drawn: tells GOV.UK Frontend's styles that
// JavaScript runs here (and, where modules are supported, that its components will start), so
// that pages enhanced by script do not flash their unenhanced look. A file, not an inline script,
// because the Content-Security-Policy allows scripts from Realise's own origin only.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
