// How the services make HTTP requests. Under Node (browser mode, tests, the doctor) that is the
// global fetch; in the Electron app the shell passes its session's fetch, so logins, sync, the
// connectivity probe and 自检 go through IT's proxy (or Windows' own proxy settings) exactly as
// the window's own requests do.
export type HttpFetch = (url: URL, init: RequestInit) => Promise<Response>;

export const globalFetch: HttpFetch = (url, init) => fetch(url, init);
