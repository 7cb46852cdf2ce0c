// Words in the UI must go through i18n, and styles through the stylesheet (the CSP has style-src 'self' only):
// these scans of renderer/*.tsx catch a hard-coded sentence or an inline style before a reviewer has to.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '../../renderer');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

const LETTER = /[A-Za-z\u3400-\u9fff]/;
const HUMAN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'label']);

/** Parsed with the TypeScript compiler, so code that merely looks like markup (generics, arrows) is never mistaken. */
function scan(source: string): { texts: string[]; attributes: string[] } {
  const file = ts.createSourceFile('component.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const texts: string[] = [];
  const attributes: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) texts.push(node.text.trim());
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(file);
      if (HUMAN_ATTRIBUTES.has(name) && LETTER.test(node.initializer.text)) attributes.push(`${name}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { texts, attributes };
}
const jsxTextLiterals = (source: string) => scan(source).texts;
const attributeLiterals = (source: string) => scan(source).attributes;

describe('renderer components', () => {
  const files = tsxFiles(RENDERER);

  it('there are components to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('the scan recognises a hard-coded word between tags and in a label attribute', () => {
    expect(jsxTextLiterals('<p className="x">Delete profile</p>')).toEqual(['Delete profile']);
    expect(jsxTextLiterals('const f = (p: Promise<Map<string, number>>) => <span>{t("a")}</span>;')).toEqual([]);
    expect(attributeLiterals('<input aria-label="Search" placeholder={t("x")} alt="" />')).toEqual(['aria-label="Search"']);
  });

  it('no JSX text literal is hard-coded: every word comes from t()', () => {
    const found = files.flatMap((file) =>
      jsxTextLiterals(readFileSync(file, 'utf8')).map((text) => `${relative(RENDERER, file)}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('no label, placeholder, title or alt text is hard-coded', () => {
    const found = files.flatMap((file) =>
      attributeLiterals(readFileSync(file, 'utf8')).map((text) => `${relative(RENDERER, file)}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('no component sets an inline style, which the CSP would block', () => {
    const found = files.filter((file) => /\sstyle=\{/.test(readFileSync(file, 'utf8'))).map((file) => relative(RENDERER, file));
    expect(found).toEqual([]);
  });
});
