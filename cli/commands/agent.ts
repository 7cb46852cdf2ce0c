// Commands for AI agents (issue 15): `mcp` and `proxy` start the agent door, `agent …` sets who may use it and shows
// what it did. The agent door is its own bundle, loaded only by `mcp` and `proxy`, so no other command pays for the
// MCP SDK at start-up (and no door imports another: this file knows the bundle only by its path and interface).
import { resolve } from 'node:path';
import { Option } from 'commander';
import { AuditLog } from '../../core/agent-audit';
import {
  AGENT_CLIENTS,
  AGENT_SERVERS,
  type AgentActivity,
  type AgentDoor,
  type AgentServer,
  type AgentStatus,
  type AuditEntry,
} from '../../shared/agent';
import { AppError, ok } from '../../shared/errors';
import type { AgentAccess, AgentAccessPatch } from '../../shared/profile';
import { type Cli, respond, respondWithExitCode } from '../run';

const AGENT_BUNDLE = new URL('../agent/sinch-keys-agent.mjs', import.meta.url);

async function loadDoor(): Promise<AgentDoor> {
  try {
    return ((await import(AGENT_BUNDLE.href)) as { door: AgentDoor }).door;
  } catch {
    throw new AppError('INTERNAL', 'The agent door is not built.', 'Run `npm run build` in the Sinch Keys checkout.');
  }
}

const untilSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

function describeAccess(name: string, a: AgentAccess): string {
  if (!a.enabled) return `Profile "${name}" is closed to AI agents.`;
  const writes = !a.allowWrites
    ? 'read-only (GET, HEAD)'
    : a.allowList.length
      ? `reads, and writes matching ${a.allowList.join(', ')}`
      : 'reads and writes';
  return `Profile "${name}" is open to AI agents: ${writes}, ${a.ratePerMinute} calls per minute.`;
}

function describeStatus(s: AgentStatus): string {
  const lines = s.profiles.map((p) => `  ${describeAccess(p.name, p.access)}`);
  return [
    s.stopped ? 'All agent access is STOPPED (`sinch-keys agent resume` turns it back on).' : 'Agent access is on.',
    ...(lines.length ? lines : ['  No profiles.']),
    `Audit log: ${s.auditPath ?? '(none)'}`,
  ].join('\n');
}

const entryLine = (e: AuditEntry) =>
  [
    e.time,
    `${e.door}:${e.client.name}${e.client.version ? `/${e.client.version}` : ''}`,
    e.profile ?? '-',
    e.tool,
    [e.method, e.path].filter(Boolean).join(' ') || '-',
    e.status ?? '-',
    e.decision + (e.code ? ` (${e.code})` : ''),
    `${e.latencyMs} ms`,
  ].join('  ');

const describeActivity = (a: AgentActivity) =>
  [
    ...(a.entries.length ? a.entries.map(entryLine) : ['No agent calls yet.']),
    ...(a.unreadable ? [`(${a.unreadable} lines of the audit file are not audit entries)`] : []),
  ].join('\n');

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerAgentCommands(cli: Cli): void {
  const { program, context } = cli;
  const profileIdOf = async (name: string) => context.profileId(name);
  const version = async () => {
    const info = await context.call('app.info', {});
    return info.ok ? info.value.version : '0.0.0';
  };

  program
    .command('mcp')
    .description('run the MCP server for AI agents over stdio (profiles must be opened with `agent enable`)')
    .option('--profile <name>', 'serve this profile only')
    .action((opts: { profile?: string }) =>
      // stdout belongs to the MCP protocol; only a failure to start is printed, in the usual error envelope.
      respondWithExitCode(cli, async () => {
        const door = await loadDoor();
        const run = await door.runMcp({
          env: context.env,
          version: await version(),
          ...(opts.profile ? { profile: opts.profile } : {}),
        });
        return run.ok ? ok(0) : run;
      }),
    );

  program
    .command('proxy <profile>')
    .description('forward http://127.0.0.1:<port>/<product>/<path> to Sinch with the profile credentials added')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', (v) => Number.parseInt(v, 10))
    .action((profile: string, opts: { port?: number }) =>
      // Its output is the address and token, printed once it listens; a failure is the usual error envelope.
      respondWithExitCode(cli, async () => {
        const door = await loadDoor();
        const started = await door.runProxy({
          env: context.env,
          version: await version(),
          profile,
          ...(opts.port === undefined ? {} : { port: opts.port }),
        });
        if (!started.ok) return started;
        const handle = started.value;
        const info = { url: handle.url, header: 'x-sinch-keys-token', token: handle.token };
        cli.io.stdout.write(
          cli.json()
            ? `${JSON.stringify(info)}\n`
            : `Sinch Keys proxy for "${profile}" on ${info.url} (Ctrl+C stops it)\n` +
                `Send every request with the header ${info.header}: ${info.token}\n` +
                `Example: curl -H '${info.header}: ${info.token}' ${info.url}/numbers/v1/projects/{projectId}/activeNumbers\n`,
        );
        await untilSignal();
        await handle.close();
        return ok(0);
      }),
    );

  const agent = program.command('agent').description('decide which profiles AI agents may use, and see what they did');

  agent
    .command('enable <profile>')
    .description('open a profile to AI agents (read-only unless --allow-writes)')
    .option('--allow-writes', 'also allow POST, PUT, PATCH and DELETE')
    .option('--allow <rule>', 'with --allow-writes, only writes matching "METHOD /path/pattern" (repeatable)', collect)
    .option('--rate <n>', 'calls per minute (default 60)', (v) => Number.parseInt(v, 10))
    .action((name: string, opts: { allowWrites?: boolean; allow?: string[]; rate?: number }) =>
      respond(
        cli,
        async () => {
          if (opts.allow && !opts.allowWrites)
            throw new AppError('VALIDATION', '--allow lists the writes agents may make: give --allow-writes too.');
          // What is typed is what holds: `enable` without --allow-writes makes the profile read-only again.
          const patch: AgentAccessPatch = { enabled: true, allowWrites: Boolean(opts.allowWrites), allowList: opts.allow ?? [] };
          if (opts.rate !== undefined) patch.ratePerMinute = opts.rate;
          const access = await context.call('agent.setAccess', { profileId: await profileIdOf(name), patch });
          return access.ok ? ok({ name, access: access.value }) : access;
        },
        (v) => describeAccess(v.name, v.access),
      ),
    );

  agent
    .command('disable <profile>')
    .description('close a profile to AI agents; a running server refuses its next call')
    .action((name: string) =>
      respond(
        cli,
        async () => {
          const access = await context.call('agent.setAccess', {
            profileId: await profileIdOf(name),
            patch: { enabled: false },
          });
          return access.ok ? ok({ name, access: access.value }) : access;
        },
        (v) => describeAccess(v.name, v.access),
      ),
    );

  agent
    .command('status')
    .description('which profiles AI agents may use')
    .action(() => respond(cli, () => context.call('agent.status', {}), describeStatus));

  for (const [word, stopped, what] of [
    ['stop', true, 'refuse every agent call, for every profile, until `agent resume`'],
    ['resume', false, 'let agents use the profiles opened to them again'],
  ] as const)
    agent
      .command(word)
      .description(what)
      .action(() => respond(cli, () => context.call('agent.setStopped', { stopped }), describeStatus));

  agent
    .command('log')
    .description('what agents asked for and what was decided (the audit log)')
    .option('--limit <n>', 'newest entries to show', (v) => Number.parseInt(v, 10), 50)
    .option('--follow', 'keep printing new entries (Ctrl+C stops)')
    .action((opts: { limit: number; follow?: boolean }) =>
      respond(
        cli,
        async () => {
          const activity = await context.call('agent.activity', { limit: opts.limit });
          if (!opts.follow || !activity.ok) return activity;
          const status = await context.call('agent.status', {});
          if (!status.ok) return status;
          const print = (a: AgentActivity) =>
            cli.io.stdout.write(
              cli.json() ? a.entries.map((e) => `${JSON.stringify(e)}\n`).join('') : `${describeActivity(a)}\n`,
            );
          print(activity.value);
          const stop = new AbortController();
          untilSignal().then(() => stop.abort());
          await new AuditLog(status.value.auditPath).follow(print, stop.signal);
          return ok(null);
        },
        (a) => (a ? describeActivity(a) : ''),
      ),
    );

  agent
    .command('config')
    .description("print (or merge with --write) an AI client's MCP config entry that runs Sinch Keys — no secret in it")
    .addOption(new Option('--client <client>', 'the AI client').choices([...AGENT_CLIENTS]).makeOptionMandatory())
    .option('--profile <name>', 'the entry serves this profile only')
    .addOption(new Option('--server <server>', "our MCP server, or Sinch's @sinch/mcp").choices([...AGENT_SERVERS]))
    .option('--project-dir <dir>', 'project folder for Claude Code and VS Code (default: the current folder)')
    .option('--write', 'merge the entry into the file (other entries are kept)')
    .action(
      (opts: {
        client: (typeof AGENT_CLIENTS)[number];
        profile?: string;
        server?: AgentServer;
        projectDir?: string;
        write?: boolean;
      }) =>
        respond(
          cli,
          async () =>
            context.call('agent.clientConfig', {
              client: opts.client,
              server: opts.server ?? 'sinch-keys',
              ...(opts.profile ? { profileId: await profileIdOf(opts.profile) } : {}),
              projectDir: resolve(opts.projectDir ?? process.cwd()),
              write: Boolean(opts.write),
            }),
          (p) =>
            p.written
              ? `Added "${p.entryName}" to ${p.path}${p.before === null ? ' (new file)' : ' (other entries kept)'}. Restart ${p.client} to use it.`
              : `# ${p.path} would become (add --write to merge it):\n${p.after}`,
        ),
    );
}
