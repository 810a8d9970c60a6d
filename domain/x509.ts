// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect
// metadata polyfill before it loads; and it needs a WebCrypto provider (the platform's own).
// Client and server import x509 only from here.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

// The library types its provider with the DOM `Crypto`; Node's global WebCrypto is the same API.
type ProviderCrypto = ReturnType<typeof x509.cryptoProvider.get>;
x509.cryptoProvider.set(globalThis.crypto as unknown as ProviderCrypto);

export { x509 };
