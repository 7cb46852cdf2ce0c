// The rest of every feature, run after leak-steps.ts's network steps: signing, callbacks, snippets without secrets, the
// replies meant to hold a secret, export, import, a rotation Sinch refuses, and bad input that carries a secret.
import type { Step, StepContext } from './leak-steps';
import { APP_KEY, KEY_ID, PROFILE_NAME, PROJECT_ID, SERVICE_PLAN_ID, signedCallbacks } from './leak-world';

const CALLBACK_BODY = '{"event":"ace","callid":"leak-scan","version":1}';

export function localSteps({ world, door, exportFile, ak, app, sp, mg, test }: StepContext): Step[] {
  const { profileId, secrets, hostile } = world;
  const importJson = JSON.stringify({
    projectId: PROJECT_ID,
    keyId: KEY_ID,
    keySecret: secrets.accessKey,
    applicationKey: APP_KEY,
    applicationSecret: secrets.application,
  });
  const signed = signedCallbacks(secrets, CALLBACK_BODY);
  /** The application callback as signed, with the body it is checked against (a changed body must fail). */
  const applicationCallbackStep = (word: 'valid' | 'invalid', body: string): Step => ({
    expect: word,
    label: `callback ${word}`,
    op: 'callbacks.verify',
    input: {
      kind: 'application',
      ...app,
      method: 'POST',
      path: '/callback',
      headers: signed.application,
      body,
      maxAgeSeconds: 3600,
    },
  });

  return [
    // Signing and callbacks.
    { label: 'sign', op: 'signing.sign', input: { ...app, method: 'POST', path: '/calling/v1/callouts', body: '{"a":1}' } },
    applicationCallbackStep('valid', CALLBACK_BODY),
    applicationCallbackStep('invalid', `${CALLBACK_BODY} `),
    ...[true, false].flatMap((valid): Step[] => {
      const body = valid ? CALLBACK_BODY : `${CALLBACK_BODY}!`;
      const word = valid ? 'valid' : 'invalid';
      return [
        {
          expect: word,
          label: `conversation webhook ${word}`,
          op: 'callbacks.verify',
          input: {
            kind: 'conversation',
            secret: secrets.conversationWebhook,
            headers: signed.conversation,
            body,
            maxAgeSeconds: 3600,
          },
        },
        {
          expect: word,
          label: `numbers callback ${word}`,
          op: 'callbacks.verify',
          input: {
            kind: 'numbers',
            secret: secrets.numbersWebhook,
            headers: signed.numbers,
            body,
          },
        },
        {
          expect: word,
          label: `mailgun webhook ${word}`,
          op: 'callbacks.verify',
          input: {
            kind: 'mailgun',
            signingKey: valid ? secrets.mailgunSigningKey : secrets.mailgun,
            body: signed.mailgun,
            maxAgeSeconds: 3600,
          },
        },
      ];
    }),

    // Snippets without secrets: every credential, syntax, set and language.
    ...(
      [
        [ak, 'numbers'],
        [ak, 'numberLookup'],
        [app, 'voice'],
        [app, 'verification'],
        [sp, 'smsServicePlan'],
        [mg, 'mailgun'],
      ] as const
    ).map(
      ([credential, productId]): Step => ({
        label: `curl ${productId}`,
        op: 'snippets.curl',
        input: test(credential, productId),
      }),
    ),
    { label: 'curl numbers basic', op: 'snippets.curl', input: test(ak, 'numbers', { scheme: 'basic' }) },
    ...['dotenv', 'posix', 'fish', 'powershell', 'cmd'].flatMap((syntax) =>
      ['sdk', 'functions'].map(
        (set): Step => ({ label: `env ${syntax} ${set}`, op: 'snippets.env', input: { profileId, syntax, set } }),
      ),
    ),
    ...['node', 'python', 'java', 'dotnet'].map(
      (language): Step => ({ label: `sdk ${language}`, op: 'snippets.sdk', input: { profileId, language } }),
    ),

    // Replies whose job is to hold a secret: checked to hold it, so the scan is known to find what is there.
    { label: 'reveal access key', op: 'secrets.reveal', input: ak, allowed: 'access key secret' },
    { label: 'reveal application', op: 'secrets.reveal', input: app, allowed: 'application secret' },
    { label: 'reveal API token', op: 'secrets.reveal', input: sp, allowed: 'service plan API token' },
    { label: 'reveal Mailgun', op: 'secrets.reveal', input: mg, allowed: 'Mailgun API key' },
    { label: 'curl masked', op: 'snippets.curl', input: test(ak, 'numbers', { mode: 'masked' }) },
    { label: 'curl signed', op: 'snippets.curl', input: test(app, 'voice', { mode: 'masked' }) },
    {
      label: 'curl with secrets',
      op: 'snippets.curl',
      input: test(ak, 'numbers', { mode: 'inline' }),
      allowed: 'access key secret',
    },
    {
      label: 'env with secrets',
      op: 'snippets.env',
      input: { profileId, syntax: 'posix', includeSecrets: true },
      allowed: 'Mailgun API key',
    },

    // Export (only the file may hold secrets) and import.
    { expect: 'ok', label: 'export sdk', op: 'env.export', input: { profileId, path: exportFile('sdk') } },
    {
      expect: 'ok',
      label: 'export functions',
      op: 'env.export',
      input: { profileId, path: exportFile('functions'), set: 'functions' },
    },
    { label: 'import preview', op: 'import.preview', input: { text: importJson } },
    { expect: 'ok', label: 'import apply', op: 'import.apply', input: { text: importJson, profileName: `Imported via ${door}` } },

    // Secret rotation to a value Sinch does not know, a refused exchange, and back.
    { expect: 'ok', label: 'rotate', op: 'credentials.update', input: { ...ak, patch: { secret: secrets.rotatedAccessKey } } },
    { expect: 'TOKEN_INVALID_CLIENT', label: 'token with rotated secret', op: 'token.refresh', input: ak },
    { label: 'test with rotated secret', op: 'request.test', input: test(ak, 'numbers') },
    { expect: 'ok', label: 'rotate back', op: 'credentials.update', input: { ...ak, patch: { secret: secrets.accessKey } } },

    // Bad input that carries a secret: refused without repeating it.
    {
      expect: 'VALIDATION',
      label: 'add with bad key ID',
      op: 'credentials.add',
      input: { profileId, credential: { kind: 'accessKey', keyId: 'not-a-uuid', secret: secrets.accessKey } },
    },
    {
      expect: 'VALIDATION',
      label: 'add with a space in the secret',
      op: 'credentials.add',
      input: { profileId, credential: { kind: 'accessKey', keyId: KEY_ID, secret: `${secrets.accessKey} x` } },
    },
    {
      expect: 'VALIDATION',
      label: 'add application secret that is not base64',
      op: 'credentials.add',
      input: { profileId, credential: { kind: 'applicationKey', applicationKey: APP_KEY, secret: secrets.accessKey } },
    },
    {
      expect: 'CONFLICT',
      label: 'add the same key twice',
      op: 'credentials.add',
      input: { profileId, credential: { kind: 'accessKey', keyId: KEY_ID, secret: secrets.rotatedAccessKey } },
    },
    // A trailing newline would be trimmed away (a valid secret); one inside is not.
    {
      expect: 'VALIDATION',
      label: 'rotate to a bad secret',
      op: 'credentials.update',
      input: { ...ak, patch: { secret: `${secrets.rotatedAccessKey}\nx` } },
    },
    { label: 'rotate to an empty secret', op: 'credentials.update', input: { ...app, patch: { secret: ' ' } } },
    { label: 'create duplicate profile', op: 'profiles.create', input: { name: PROFILE_NAME } },
    { label: 'unknown profile', op: 'profiles.get', input: { profileId: 'no-such-profile' } },
    { label: 'token of an application key', op: 'token.refresh', input: app },
    { label: 'voice with an access key', op: 'request.test', input: test(ak, 'voice') },
    { label: 'sign with an access key', op: 'signing.sign', input: { ...ak, method: 'GET', path: '/x' } },
    {
      label: 'verify with a Mailgun body that is not JSON',
      op: 'callbacks.verify',
      input: { kind: 'mailgun', signingKey: secrets.mailgunSigningKey, body: `not json ${secrets.mailgunSigningKey}` },
    },
    { label: 'import broken JSON', op: 'import.preview', input: { text: `{"keySecret": "${secrets.accessKey}` } },
    {
      expect: 'VALIDATION',
      label: 'import a bad application secret',
      op: 'import.apply',
      input: {
        text: `SINCH_APPLICATION_KEY=${APP_KEY}\nSINCH_APPLICATION_SECRET=${secrets.apiToken}!\n`,
        profileName: `Bad import ${door}`,
      },
    },
    { label: 'export to a relative path', op: 'env.export', input: { profileId, path: 'relative.env' } },
    {
      expect: 'EXPORT_FAILED',
      label: 'export into a missing folder',
      op: 'env.export',
      input: { profileId, path: `${world.exports}/missing/${door}.env` },
    },
    { label: 'test in a region the product lacks', op: 'request.test', input: test(sp, 'smsServicePlan', { region: 'zz' }) },
    {
      label: 'function on a foreign host not allowed',
      op: 'request.testFunction',
      input: { ...ak, url: `${hostile.url}/fn`, allowForeignHost: false },
    },
    { label: 'service plan id', op: 'profiles.list', input: { query: SERVICE_PLAN_ID } },
  ];
}
