// docs/security-checklist.md#electron-checklist item 7: the renderer makes no network calls (main does), so everything is 'self' or 'none'.
// Sent as a response header (frame-ancestors is ignored in a <meta> tag).
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
