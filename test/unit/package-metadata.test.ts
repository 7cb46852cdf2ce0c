// The .deb is refused by electron-builder without a homepage and an author e-mail, and those cannot be tried here
// (its packaging tool is downloaded from GitHub). They live in package.json alone (README "Packaging"): one place to
// set before publishing, not a second copy in electron-builder.yml that goes stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json'));

describe('package metadata for the Linux packages', () => {
  it('package.json names an https homepage and an author with an e-mail, as the .deb needs', () => {
    expect(new URL(pkg.homepage).protocol).toBe('https:');
    expect(pkg.author).toEqual({ name: expect.any(String), email: expect.stringMatching(/^[^\s@]+@[^\s@]+\.[a-z]+$/) });
  });

  it('electron-builder.yml does not override them, so package.json stays the one place', () => {
    const yml = read('electron-builder.yml');
    expect(yml).not.toMatch(/^\s*(maintainer|vendor|homepage):/m);
  });
});
