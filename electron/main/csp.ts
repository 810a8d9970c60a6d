// The Content-Security-Policy of the app's own documents. No electron import here, so browser
// mode's Node server can send the same header.
export interface CspOptions {
  /** Development only: the Vite dev server needs inline module scripts and an HMR socket. */
  devServerOrigin?: string | null;
}

/** The Content-Security-Policy for the app's own documents. */
export function buildCsp(options: CspOptions = {}): string {
  const dev = options.devServerOrigin ?? null;
  const directives: Array<[string, string]> = [
    ['default-src', "'self'"],
    // React Refresh's preamble is an inline module script; only the dev server gets it.
    ['script-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    // Mantine sets styles inline.
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self' data:"],
    ['connect-src', dev ? `'self' ${dev.replace(/^http/, 'ws')}` : "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
