// Every error a person can meet, keyed by a stable code. `message` says what happened, `action`
// what to do next. The code is what tests assert on; the text is what people read. Texts quoted
// from the social-insurance portals' own guides are kept word for word, since users know them.
// The entries live by area in domain/errors/<area>.ts; this file joins them into one catalogue.
import type { CatalogueEntries } from './errors/entry';
import { tokenErrors } from './errors/pkcs11-token';
import { certificateErrors } from './errors/client-certificates';
import { loginErrors } from './errors/certificate-login';
import { generalErrors } from './errors/general';
import { identityDocumentErrors } from './errors/identity-documents';
import { shellErrors } from './errors/electron-shell';
import { moduleErrors } from './errors/pkcs11-module';
import { serverErrors } from './errors/reference-server';
import { declarationCheckErrors } from './errors/declaration-checks';
import { syncProtocolErrors } from './errors/sync-protocol';
import { syncClientErrors } from './errors/sync-client';
import { workspaceErrors } from './errors/workspace-drafts';
import { serverTrustErrors } from './errors/server-trust';
import { accountErrors } from './errors/accounts';
import { skfErrors } from './errors/skf';
import { sm2Errors } from './errors/sm2';
import { itErrors } from './errors/it';
import { trustErrors } from './errors/trust';
import { workspaceDataErrors } from './errors/workspace-data';

export const errorCatalogue = {
  ...tokenErrors,
  ...certificateErrors,
  ...loginErrors,
  ...generalErrors,
  ...identityDocumentErrors,
  ...shellErrors,
  ...moduleErrors,
  ...serverErrors,
  ...declarationCheckErrors,
  ...syncProtocolErrors,
  ...syncClientErrors,
  ...workspaceErrors,
  ...serverTrustErrors,
  ...accountErrors,
  ...sm2Errors,
  ...skfErrors,
  ...itErrors,
  ...trustErrors,
  ...workspaceDataErrors,
} satisfies CatalogueEntries;

export type ErrorCode = keyof typeof errorCatalogue;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}

/** The `{name}` placeholders of one text, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

type Catalogue = typeof errorCatalogue;

/** The parameters one code's message and action need: exactly their placeholders. */
export type ErrorParamsOf<C extends ErrorCode> = {
  [Name in Placeholders<Catalogue[C]['message']> | Placeholders<Catalogue[C]['action']>]:
    string | number;
};
