// The CLI bundle's entry: exports `main` for bin/sinch-keys.mjs to call. Importing it runs nothing.
import { createContext } from './context';
import { processIo } from './io';
import { runCli } from './program';

export async function main(argv: string[] = process.argv): Promise<void> {
  process.exitCode = await runCli(argv.slice(2), createContext(), processIo);
}
