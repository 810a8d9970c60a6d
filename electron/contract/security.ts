// The renderer's Content-Security-Policy, one string for the Electron shell and browser mode.
// Mantine injects inline styles, hence 'unsafe-inline' for styles only; scripts are ours alone.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // 'self' covers the browser bridge's ws:// on the same host and port.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
