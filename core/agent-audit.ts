// The agent audit log: one JSON line per agent call, allowed or refused, in the user-data folder. Appends are single
// write(2) calls on an O_APPEND descriptor kept open (opening the file per call cost as much as the rest of the
// audit), so several agent processes can share it and each line lands whole at the end. Entries carry no secret, token or
// body by construction (shared/agent.ts); strings an agent controls are clipped so a line stays a line.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { type AgentActivity, type AuditEntry, auditEntrySchema } from '../shared/agent';
import { AppError } from '../shared/errors';

export const AUDIT_FILE_NAME = 'agent-audit.jsonl';
/** The tail that `agent log` and the Agent activity view read: the newest entries, not a years-long file. */
const TAIL_BYTES = 1024 * 1024;
const MAX_FIELD = 300;

/** The audit file next to the settings file; none for the CLI's memory-only environment profile. */
export const auditPathFor = (settingsPath: string): string | null =>
  isAbsolute(settingsPath) ? join(dirname(settingsPath), AUDIT_FILE_NAME) : null;

const clip = (text: string) => (text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD - 1)}…` : text);

function clipped(entry: AuditEntry): AuditEntry {
  const out: AuditEntry = { ...entry, client: { name: clip(entry.client.name), version: clip(entry.client.version) } };
  for (const key of ['profile', 'product', 'method', 'path', 'code'] as const) {
    const value = out[key];
    if (value !== undefined) out[key] = clip(value);
  }
  return out;
}

export class AuditLog {
  #fd: number | undefined;

  constructor(readonly path: string | null) {}

  /** Throws when the entry cannot be written: an agent call that cannot be audited must not go unnoticed. */
  append(entry: AuditEntry): void {
    if (this.path === null) return;
    try {
      // A file deleted or replaced since it was opened would swallow every entry unseen: write to the new one.
      if (this.#fd !== undefined && fstatSync(this.#fd).nlink === 0) this.close();
      this.#fd ??= openSync(this.path, 'a', 0o600);
      writeSync(this.#fd, `${JSON.stringify(clipped(entry))}\n`);
    } catch (err) {
      this.close();
      throw new AppError(
        'INTERNAL',
        `Could not write the agent audit log ${this.path}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}.`,
        'Check the disk has space and the folder is writable.',
      );
    }
  }

  /** Lets the file go; the next append opens it again. */
  close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    closeSync(fd);
  }

  /** The newest `limit` entries, oldest first. */
  read(limit = 200): AgentActivity {
    if (this.path === null || !existsSync(this.path)) return { entries: [], unreadable: 0 };
    const size = statSync(this.path).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const lines = this.#readFrom(start, size).split('\n');
    // A tail read starts mid-line unless it starts at the beginning of the file.
    if (start > 0) lines.shift();
    return parseLines(lines.filter((l) => l !== '').slice(-limit));
  }

  /** Calls `onEntries` with every entry appended from now on, until the signal aborts. */
  follow(onEntries: (activity: AgentActivity) => void, signal: AbortSignal, pollMs = 300): Promise<void> {
    const { path } = this;
    if (path === null) return Promise.resolve();
    let offset = existsSync(path) ? statSync(path).size : 0;
    let partial = '';
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        const size = existsSync(path) ? statSync(path).size : 0;
        if (size < offset) offset = 0; // the file was replaced; start over on the new one
        if (size === offset) return;
        const text = partial + this.#readFrom(offset, size);
        offset = size;
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        const activity = parseLines(lines.filter((l) => l !== ''));
        if (activity.entries.length || activity.unreadable) onEntries(activity);
      }, pollMs);
      signal.addEventListener(
        'abort',
        () => {
          clearInterval(timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  #readFrom(start: number, end: number): string {
    const fd = openSync(this.path as string, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      readSync(fd, buffer, 0, buffer.length, start);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  }
}

function parseLines(lines: string[]): AgentActivity {
  const entries: AuditEntry[] = [];
  let unreadable = 0;
  for (const line of lines) {
    let parsed: ReturnType<typeof auditEntrySchema.safeParse>;
    try {
      parsed = auditEntrySchema.safeParse(JSON.parse(line));
    } catch {
      unreadable++;
      continue;
    }
    if (parsed.success) entries.push(parsed.data);
    else unreadable++;
  }
  return { entries, unreadable };
}
