// The names of the contract's operations and the IPC channels made from them, without their schemas: the preload
// (and anything else that only routes calls) imports this and never pulls in zod. shared/contract.ts gives each
// name its schema, and the compiler refuses a schema without a name here, or a name without a schema.

export const OPERATION_NAMES = [
  'app.info',
  'keychain.status',
  'profiles.list',
  'profiles.get',
  'profiles.create',
  'profiles.update',
  'profiles.remove',
  'profiles.setOverride',
  'credentials.add',
  'credentials.update',
  'credentials.remove',
  'credentials.rotate',
  'fleet.check',
  'settings.setMaxKeyAge',
  'secrets.reveal',
  'token.status',
  'token.refresh',
  'request.test',
  'request.cancel',
  'request.testFunction',
  'signing.sign',
  'callbacks.verify',
  'snippets.curl',
  'snippets.env',
  'snippets.sdk',
  'env.export',
  'env.choosePath',
  'clipboard.copy',
  'import.preview',
  'import.apply',
  'doctor.report',
  'doctor.repair',
  'agent.status',
  'agent.setAccess',
  'agent.setStopped',
  'agent.activity',
  'agent.clientConfig',
  'agent.chooseProjectDir',
] as const;

export type Operation = (typeof OPERATION_NAMES)[number];

/** IPC channel of an operation; the only place channel strings are made. */
export const channelOf = (op: Operation): string => `sinch-keys:${op}`;
export const TOKEN_CHANGED_CHANNEL = 'sinch-keys:event:token.changed';
export const SETTINGS_CHANGED_CHANNEL = 'sinch-keys:event:settings.changed';
