import { describe, expect, it } from 'vitest';
import { withDesktopConfirmations } from '../../core/desktop-confirmations';
import type { Handlers } from '../../shared/contract';

function fakeEngine() {
  const calls: string[] = [];
  const handlers = {
    'profiles.get': async () => ({ baseUrls: {}, functionHosts: [] }),
    'profiles.setOverride': async () => calls.push('setOverride'),
    'profiles.update': async () => calls.push('update'),
    'request.testFunction': async () => calls.push('testFunction'),
    'env.export': async () => calls.push('export'),
  } as unknown as Handlers;
  return { handlers, calls };
}

const guarded = (answer: boolean, paths: string[] = []) => {
  const engine = fakeEngine();
  const asked: string[] = [];
  const h = withDesktopConfirmations(engine.handlers, {
    confirm: async ({ host }) => {
      asked.push(host);
      return answer;
    },
    chosenPaths: new Set(paths),
  });
  return { h, asked, calls: engine.calls };
};

const override = { profileId: 'p', target: 'sms', url: 'https://evil.example/x', allowForeignHost: true } as never;

describe('desktop confirmations are made by main', () => {
  it('refuses a renderer-sent allowForeignHost when main dialog says no, saving nothing', async () => {
    const { h, asked, calls } = guarded(false);
    await expect(h['profiles.setOverride'](override)).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      h['request.testFunction']({ profileId: 'p', credentialId: 'c', url: 'https://fn.example/', allowForeignHost: true }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      h['profiles.update']({
        profileId: 'p',
        patch: { baseUrls: { sms: { url: 'https://evil.example', allowForeignHost: true } } },
      } as never),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(asked).toEqual(['evil.example', 'fn.example', 'evil.example']);
    expect(calls).toEqual([]);
  });
  it('passes the override on once main dialog says yes', async () => {
    const { h, calls } = guarded(true);
    await h['profiles.setOverride'](override);
    expect(calls).toEqual(['setOverride']);
  });
  it('refuses an export path main did not hand out, and accepts one it did', async () => {
    const { h, calls } = guarded(true, ['/home/u/app/.env']);
    await expect(h['env.export']({ profileId: 'p', path: '/home/u/.bashrc', set: 'sdk' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(calls).toEqual([]);
    await h['env.export']({ profileId: 'p', path: '/home/u/app/.env', set: 'sdk' });
    expect(calls).toEqual(['export']);
  });
});
