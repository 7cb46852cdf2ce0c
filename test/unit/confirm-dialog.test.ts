// Main's native confirmation (electron/confirm-dialog.ts): what the user reads and which answer a stray key gives.
import { describe, expect, it } from 'vitest';
import { CONFIRM_BUTTON, confirmDialogOptions } from '../../electron/confirm-dialog';
import { menuLabel } from '../../electron/menu-labels';

describe("main's confirmation dialog", () => {
  it('names the exact host in the question and on the button that says yes', () => {
    const options = confirmDialogOptions(menuLabel<string>('en-US'), 'profileSecrets', { host: 'proxy.example' });
    expect(options.message).toBe("Send this profile's secrets to proxy.example?");
    expect(options.detail).toContain('proxy.example is not one of this product');
    expect(options.buttons).toEqual(['Cancel', 'Send to proxy.example']);
  });

  it('makes Cancel the default and the Escape answer, so only a deliberate click sends a secret', () => {
    const options = confirmDialogOptions(menuLabel<string>('en-US'), 'functionAccessKey', { host: 'fn.example' });
    expect(options.defaultId).toBe(0);
    expect(options.cancelId).toBe(0);
    expect(options.defaultId).not.toBe(CONFIRM_BUTTON);
    expect(options.buttons?.[CONFIRM_BUTTON]).toBe('Send to fn.example');
  });

  it('shows the real link target, in Simplified Chinese for a Chinese system', () => {
    const options = confirmDialogOptions(menuLabel<string>('zh-CN'), 'linkTarget', {
      path: '/repo/.env',
      target: '/home/dev/.bashrc',
    });
    expect(options.detail).toBe('/repo/.env 是指向 /home/dev/.bashrc 的符号链接。导出的机密将被写入 /home/dev/.bashrc。');
    expect(options.buttons).toEqual(['取消', '写入 /home/dev/.bashrc']);
  });

  it("names the AI client's settings file it would change, in the question and on the yes button", () => {
    const path = '/home/dev/.config/Claude/claude_desktop_config.json';
    const options = confirmDialogOptions(menuLabel<string>('en-US'), 'userConfigFile', { path });
    expect(options.message).toBe(`Add Sinch Keys to ${path}?`);
    expect(options.buttons).toEqual(['Cancel', `Write ${path}`]);
    expect(confirmDialogOptions(menuLabel<string>('zh-CN'), 'userConfigFile', { path }).buttons).toEqual([
      '取消',
      `写入 ${path}`,
    ]);
  });
});
