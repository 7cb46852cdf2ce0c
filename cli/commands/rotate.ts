// Key hygiene: `sinch-keys rotate` (guided: the new key is tested before it replaces the old one) and
// `sinch-keys max-key-age` (when keys are due for rotation).
import { PRODUCTS } from '../../shared/catalog';
import { AppError } from '../../shared/errors';
import { publicIdOf } from '../../shared/profile';
import type { RotationResult } from '../../shared/views';
import { askSecret } from '../io';
import { type Cli, pickCredential, respond } from '../run';

const PUBLIC_ID_PROMPT = {
  accessKey: 'New key ID',
  applicationKey: 'New application key',
  servicePlan: 'Service plan ID',
  mailgun: 'Mailgun domain',
} as const;

function describeRotation(r: RotationResult): string {
  const passed = r.after.filter((c) => c.verdict === 'works').map((c) => PRODUCTS[c.productId].name);
  if (r.rotated)
    return `Rotated: ${publicIdOf(r.credential)} now replaces the old key (it works with ${passed.join(', ') || 'no product'}); the old secret is gone from the keychain.`;
  return `Not rotated. ${r.reason ?? ''}`;
}

export function registerRotateCommands(cli: Cli): void {
  const { program, context } = cli;

  program
    .command('rotate <profile>')
    .description('replace a key with a new one after testing it where the old one works; a failing new key changes nothing')
    .option('--credential <id>', 'credential to rotate: its id, public ID or label (default: the newest whose last test worked)')
    .option('--key-id <id>', 'the new key ID / application key (asked for when left out; Enter keeps the current one)')
    .action((name: string, opts: { credential?: string; keyId?: string }) =>
      respond(
        cli,
        async () => {
          const profileId = await context.profileId(name);
          const profile = await context.call('profiles.get', { profileId });
          if (!profile.ok) return profile;
          const credential = pickCredential(profile.value.credentials, opts.credential, publicIdOf);
          if (!credential)
            throw new AppError('NOT_FOUND', `Profile "${profile.value.name}" has no credential "${opts.credential ?? ''}".`);
          const publicId =
            opts.keyId ??
            (await askSecret(cli.io, `${PUBLIC_ID_PROMPT[credential.kind]} (Enter keeps ${publicIdOf(credential)})`));
          const secret = await askSecret(cli.io, 'New secret');
          return context.call('credentials.rotate', {
            profileId,
            credentialId: credential.id,
            ...(publicId.trim() ? { publicId: publicId.trim() } : {}),
            secret,
          });
        },
        describeRotation,
        (r) => (r.rotated ? 0 : 5),
      ),
    );

  program
    .command('max-key-age <days>')
    .description('after how many days keys are flagged for rotation, for profiles that set none ("default": 90)')
    .action((days: string) =>
      respond(
        cli,
        () => context.call('settings.setMaxKeyAge', { maxKeyAgeDays: days === 'default' ? null : Number(days) }),
        (v) => `Keys older than ${v.maxKeyAgeDays} days are flagged for rotation.`,
      ),
    );
}
