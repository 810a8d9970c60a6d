// The single source of every renderer → main call. Main binds each method to a handler after
// checking the sender and parsing the input; preload and the browser bridge carry it unchanged;
// the renderer's typed client is derived from it. Add a method here, nowhere else.
import { z } from 'zod';
import { errorInfoSchema } from '../../domain/errors';
import { appInfoSchema, loginStageSchema, sessionViewSchema, tokenSnapshotSchema } from './views';
import { workspaceEvents, workspaceMethods } from './views-workspace';
import { syncEvents, syncMethods } from './views-sync';
import { accountsEvents, accountsMethods } from './views-accounts';
import { itEvents, itMethods } from './views-it';
import { trustMethods } from './views-trust';

export const none = z.object({}).strict();

const loginInput = z
  .object({
    certificateId: z.string().min(1).max(300),
    /** Null for a PIN-pad token. Travels once, to the token; never stored or logged. */
    pin: z.string().max(64).nullable(),
    confirmedFinalTry: z.boolean(),
  })
  .strict();

// Sections per area; each area's views live in views*.ts beside this file, and its handlers in
// electron/services/<area>/<area>-handlers.ts.
export const api = {
  // --- app ---
  'app.info': { input: none, output: appInfoSchema },
  // --- tokens and login ---
  'tokens.snapshot': { input: none, output: tokenSnapshotSchema },
  'auth.login': { input: loginInput, output: sessionViewSchema },
  /** Unlocks a session whose token was pulled out and put back: same certificate, its PIN. */
  'auth.resume': { input: loginInput, output: sessionViewSchema },
  'auth.chooseUnit': {
    input: z.object({ unitNo: z.string().min(1).max(32) }).strict(),
    output: sessionViewSchema,
  },
  'auth.session': { input: none, output: sessionViewSchema.nullable() },
  'auth.logout': { input: none, output: z.object({ loggedOut: z.literal(true) }) },
  // --- workspace ---
  ...workspaceMethods,
  // --- sync ---
  ...syncMethods,
  ...accountsMethods,
  ...itMethods,
  // --- audit log, backup and restore ---
  ...trustMethods,
} as const;

/** Events main pushes to the renderer. */
export const events = {
  'tokens.changed': tokenSnapshotSchema,
  'auth.progress': z.object({ stage: loginStageSchema }),
  'session.changed': sessionViewSchema.nullable(),
  // --- workspace ---
  ...workspaceEvents,
  // --- sync ---
  ...syncEvents,
  ...accountsEvents,
  ...itEvents,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Api[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(api) as MethodName[];
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** The envelope every call answers with, over IPC and over the browser bridge alike. */
export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorInfoSchema }),
]);
export type { Bridge, CallResult } from './channels';
export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './channels';
