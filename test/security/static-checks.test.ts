// What Electronegativity does not check (docs/security-checklist.md#electronegativity; docs/security-checklist.md#static-gates item 2; checklist items 17 and 20), read from the
// sources' syntax trees and, for the preload, from running it against a stand-in for Electron: the preload exposes
// exactly the contract and never ipcRenderer or its event object; every ipcMain handler is registered by
// registerIpcHandlers, which checks the sender first; and every `eng-disable` that silences the scanner says why.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { channelOf, OPERATION_NAMES, SETTINGS_CHANGED_CHANNEL, TOKEN_CHANGED_CHANNEL } from '../../shared/operations';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN_SIDE = ['core', 'electron', 'cli', 'web'];

const filesUnder = (dir: string, pattern: RegExp): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .map((f) => join(dir, f));
const sourcesUnder = (dir: string) => filesUnder(dir, /\.(c|m)?tsx?$/);

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function nodesOf(root: ts.Node): ts.Node[] {
  const all: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    all.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return all;
}

const calls = (root: ts.Node) => nodesOf(root).filter(ts.isCallExpression);
const methodName = (call: ts.CallExpression) =>
  ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;
const receiverName = (call: ts.CallExpression) =>
  ts.isPropertyAccessExpression(call.expression) && ts.isIdentifier(call.expression.expression)
    ? call.expression.expression.text
    : undefined;
const where = (node: ts.Node) => {
  const file = node.getSourceFile();
  return `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
};
/** Identifiers that are used as values (not import specifiers or property names after a dot). */
const references = (root: ts.Node, name: string) =>
  nodesOf(root).filter(
    (n): n is ts.Identifier =>
      ts.isIdentifier(n) &&
      n.text === name &&
      !ts.isImportSpecifier(n.parent) &&
      !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n),
  );

const nameOf = (node: ts.Node | undefined): string => (node && ts.isIdentifier(node) ? node.text : '');

/** The declaration `const name = …` in a file, so a handler passed by name can be inspected. */
function initializerOf(file: ts.SourceFile, name: string): ts.Expression | undefined {
  const declaration = nodesOf(file).find(
    (n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name,
  );
  return declaration?.initializer;
}

describe('the preload exposes the contract and nothing else (checklist item 20)', () => {
  const preload = parse('electron/preload.ts');

  it('calls exposeInMainWorld exactly once in the whole app, in the preload, as window.sinchKeys', () => {
    const exposures = [...sourcesUnder('electron'), ...sourcesUnder('renderer')]
      .flatMap((file) => calls(parse(file)))
      .filter((call) => methodName(call) === 'exposeInMainWorld');
    expect(exposures.map(where)).toEqual([expect.stringMatching(/^electron\/preload\.ts:/)]);
    const [name] = exposures[0]?.arguments ?? [];
    expect(name && ts.isStringLiteral(name) && name.text).toBe('sinchKeys');
  });

  it('only ever calls invoke, on and removeListener on ipcRenderer; it never passes, returns, spreads or stores it', () => {
    const uses = references(preload, 'ipcRenderer');
    expect(uses.length).toBeGreaterThan(0);
    const misuse = uses.filter((id) => {
      const access = id.parent;
      const call = access.parent;
      return !(
        ts.isPropertyAccessExpression(access) &&
        access.expression === id &&
        ts.isCallExpression(call) &&
        call.expression === access &&
        ['invoke', 'on', 'removeListener'].includes(access.name.text)
      );
    });
    expect(misuse.map(where)).toEqual([]);
  });

  it('sends only on channels from the contract: channelOf(operation) and the two event channels', () => {
    const ipcCalls = calls(preload).filter((call) => receiverName(call) === 'ipcRenderer');
    for (const call of ipcCalls) {
      const [channel] = call.arguments;
      const fromContract =
        methodName(call) === 'invoke'
          ? channel !== undefined && ts.isCallExpression(channel) && channel.expression.getText() === 'channelOf'
          : channel !== undefined &&
            ts.isIdentifier(channel) &&
            ['TOKEN_CHANGED_CHANNEL', 'SETTINGS_CHANGED_CHANNEL'].includes(channel.text);
      expect(fromContract, `${where(call)}: ${call.getText()}`).toBe(true);
    }
  });

  it('never hands the IpcRendererEvent (whose sender leaks ipcRenderer) to the page', () => {
    const listeners = calls(preload)
      .filter((call) => receiverName(call) === 'ipcRenderer' && methodName(call) === 'on')
      .map((call) => call.arguments[1]);
    expect(listeners.length).toBeGreaterThan(0);
    for (const listener of listeners) {
      const fn = listener && ts.isIdentifier(listener) ? initializerOf(preload, listener.text) : listener;
      expect(fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))).toBe(true);
      const handler = fn as ts.ArrowFunction | ts.FunctionExpression;
      const event = nameOf(handler.parameters[0]?.name);
      expect(event).not.toBe('');
      expect(references(handler.body, event)).toEqual([]);
    }
  });

  it('copies nothing from process.env or Node into the page', () => {
    expect(
      nodesOf(preload)
        .filter((n) => n.getText() === 'process.env')
        .map(where),
    ).toEqual([]);
    const imports = preload.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
    expect(imports.sort()).toEqual(['../shared/bind-api', '../shared/operations', 'electron']);
  });

  it('at run time, exposes one function per operation plus the two subscriptions, each passing only the payload', async () => {
    // A stand-in for Electron's two preload APIs that records what the preload does with them.
    const exposed: { name: string; api: Record<string, unknown> }[] = [];
    const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
    const invoked: unknown[][] = [];
    const ipcRenderer = {
      invoke: async (...args: unknown[]) => invoked.push(args),
      on: (channel: string, fn: (event: unknown, payload: unknown) => void) => listeners.set(channel, fn),
      removeListener: (channel: string, fn: unknown) => listeners.get(channel) === fn && listeners.delete(channel),
    };
    const contextBridge = { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push({ name, api }) };
    const electron = { exposed, listeners, invoked, ipcRenderer };
    vi.doMock('electron', () => ({ contextBridge, ipcRenderer }));
    await import('../../electron/preload');

    expect(electron.exposed.map((e) => e.name)).toEqual(['sinchKeys']);
    const api = electron.exposed[0]?.api ?? {};
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'onSettingsChanged', 'onTokenChanged'].sort());
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
    for (const op of OPERATION_NAMES) await (api[op] as (input: unknown) => Promise<unknown>)({ probe: op });
    expect(electron.invoked).toEqual(OPERATION_NAMES.map((op) => [channelOf(op), { probe: op }]));

    const received: unknown[][] = [];
    const unsubscribe = (api.onTokenChanged as (fn: (...args: unknown[]) => void) => () => void)((...args) =>
      received.push(args),
    );
    electron.listeners.get(TOKEN_CHANGED_CHANNEL)?.({ sender: electron.ipcRenderer }, { keyId: 'k' });
    expect(received).toEqual([[{ keyId: 'k' }]]);
    unsubscribe();
    expect(electron.listeners.has(TOKEN_CHANGED_CHANNEL)).toBe(false);

    // The settings event carries nothing from main: the listener is called with no arguments at all.
    const changes: unknown[][] = [];
    const stop = (api.onSettingsChanged as (fn: (...args: unknown[]) => void) => () => void)((...args) => changes.push(args));
    electron.listeners.get(SETTINGS_CHANGED_CHANNEL)?.({ sender: electron.ipcRenderer }, { anything: 'sent' });
    expect(changes).toEqual([[]]);
    stop();
    expect(electron.listeners.has(SETTINGS_CHANGED_CHANNEL)).toBe(false);
  });
});

describe('every ipcMain handler goes through registerIpcHandlers, which checks the sender (checklist item 17)', () => {
  const mainSide = MAIN_SIDE.flatMap(sourcesUnder);

  it("imports Electron by name only, so no ipcMain can be reached unseen through a namespace, default import or require('electron')", () => {
    const loose: string[] = [];
    for (const file of mainSide) {
      const source = parse(file);
      for (const d of source.statements.filter(ts.isImportDeclaration)) {
        if ((d.moduleSpecifier as ts.StringLiteral).text !== 'electron') continue;
        const clause = d.importClause;
        if (clause?.name || (clause?.namedBindings && !ts.isNamedImports(clause.namedBindings))) loose.push(where(d));
      }
      for (const call of calls(source))
        if (call.expression.getText() === 'require' && call.arguments[0]?.getText().includes('electron')) loose.push(where(call));
    }
    expect(loose).toEqual([]);
  });

  it('hands ipcMain to registerIpcHandlers and to nothing else, and never uses per-window webContents.ipc', () => {
    const offenders: string[] = [];
    for (const file of mainSide) {
      const source = parse(file);
      for (const d of source.statements.filter(ts.isImportDeclaration)) {
        const bindings = d.importClause?.namedBindings;
        if ((d.moduleSpecifier as ts.StringLiteral).text !== 'electron' || !bindings || !ts.isNamedImports(bindings)) continue;
        for (const spec of bindings.elements.filter((e) => (e.propertyName ?? e.name).text === 'ipcMain'))
          for (const use of references(source, spec.name.text)) {
            const call = use.parent;
            const ok =
              ts.isCallExpression(call) && call.expression.getText() === 'registerIpcHandlers' && call.arguments[0] === use;
            if (!ok) offenders.push(where(use));
          }
      }
      for (const access of nodesOf(source).filter(ts.isPropertyAccessExpression))
        if (
          access.name.text === 'ipcMain' ||
          (access.name.text === 'ipc' && /webContents|contents/.test(access.expression.getText()))
        )
          offenders.push(where(access));
    }
    expect(offenders).toEqual([]);
  });

  it('registers each handler with ipcMain.handle only, and runs dispatch only after isTrustedSender(event.senderFrame)', () => {
    const ipc = parse('electron/ipc.ts');
    const register = nodesOf(ipc).find(
      (n): n is ts.FunctionDeclaration => ts.isFunctionDeclaration(n) && n.name?.text === 'registerIpcHandlers',
    );
    expect(register).toBeDefined();
    const ipcMainParam = nameOf(register?.parameters[0]?.name);
    const uses = calls(ipc).filter((call) => receiverName(call) === ipcMainParam);
    expect(uses.map(methodName)).toEqual(['handle']);

    const listener = uses[0]?.arguments[1];
    expect(listener && ts.isArrowFunction(listener)).toBe(true);
    const fn = listener as ts.ArrowFunction;
    const event = nameOf(fn.parameters[0]?.name);
    // The body is `isTrustedSender(event.senderFrame) ? dispatch(...) : UNTRUSTED`: nothing runs before the check.
    const body = fn.body;
    expect(ts.isConditionalExpression(body)).toBe(true);
    const guard = body as ts.ConditionalExpression;
    expect(guard.condition.getText()).toBe(`isTrustedSender(${event}.senderFrame)`);
    expect(calls(guard.whenTrue).map((c) => c.expression.getText())).toContain('dispatch');
    expect(calls(guard.whenFalse)).toEqual([]);
  });
});

describe('every eng-disable says why', () => {
  // The scanner reads `eng-disable` only on the flagged line (or line 1, for the whole file: not allowed here).
  const scanned = [
    ...filesUnder('electron', /\.(c|m)?tsx?$/),
    ...filesUnder('renderer', /\.(tsx?|html?)$/),
    ...(existsSync(join(ROOT, 'dist/renderer/index.html')) ? ['dist/renderer/index.html'] : []),
  ];
  const disables = scanned.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .map((text, i) => ({ at: `${file}:${i + 1}`, line: i + 1, text }))
      .filter((l) => l.text.includes('eng-disable')),
  );

  it('names real check IDs and gives a reason of a few words after a dash, on the flagged line, never file-wide', () => {
    const form = /(\/\/|\/\*|<!--)\s*eng-disable\s+[A-Z]+(_[A-Z]+)*_CHECK(\s*,?\s*[A-Z]+(_[A-Z]+)*_CHECK)*\s+(—|--)\s+\S.{15,}/;
    const bad = disables.filter((d) => d.line === 1 || !form.test(d.text)).map((d) => `${d.at}: ${d.text.trim()}`);
    expect(bad).toEqual([]);
    console.log(`eng-disable comments: ${disables.length}, each with a reason`);
  });
});

describe('every secret comparison goes through secretsEqual (shared/constant-time.ts)', () => {
  const everywhere = [...MAIN_SIDE, 'shared', 'renderer', ...(existsSync(join(ROOT, 'agent')) ? ['agent'] : [])].flatMap(
    sourcesUnder,
  );
  // Names that hold a secret, a signature or what one is checked against.
  const SECRET_NAME = /signature|expected|token|secret|cookie|session|proof|nonce/i;

  it('uses neither timingSafeEqual nor Buffer#equals anywhere, so no comparison has a second, unchecked form', () => {
    const offenders = everywhere.flatMap((file) =>
      calls(parse(file))
        .filter((call) => ['timingSafeEqual', 'equals'].includes(methodName(call) ?? call.expression.getText()))
        .map(where),
    );
    expect(offenders).toEqual([]);
  });

  it('never compares a secret-named value with === or !== where secrets are checked (webhooks and the doors)', () => {
    const checkers = ['core/webhook-verify.ts', ...['web', 'renderer/api', 'agent'].filter((d) => existsSync(join(ROOT, d)))];
    const harmless = (side: ts.Expression) =>
      side.kind === ts.SyntaxKind.NullKeyword ||
      side.kind === ts.SyntaxKind.TrueKeyword ||
      /^[A-Z][A-Z0-9_]*$/.test(side.getText()) ||
      side.getText() === 'undefined' ||
      ts.isStringLiteral(side) ||
      ts.isNumericLiteral(side) ||
      ts.isTypeOfExpression(side);
    const offenders = checkers
      .flatMap((f) => (f.endsWith('.ts') ? [f] : sourcesUnder(f)))
      .flatMap((file) =>
        nodesOf(parse(file))
          .filter(ts.isBinaryExpression)
          .filter((b) =>
            [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(b.operatorToken.kind),
          )
          .filter((b) => !harmless(b.left) && !harmless(b.right))
          .filter((b) => SECRET_NAME.test(b.left.getText()) || SECRET_NAME.test(b.right.getText()))
          .map((b) => `${where(b)}: ${b.getText()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('is what the webhook checks and browser mode call', () => {
    for (const [file, at_least] of [
      ['core/webhook-verify.ts', 4],
      ['web/launch-sessions.ts', 1],
      ['renderer/api/server-link.ts', 2],
    ] as const)
      expect(references(parse(file), 'secretsEqual').length, file).toBeGreaterThanOrEqual(at_least);
  });
});
