// A stand-in for Electron's Linux release archive, for packaging tests on machines that cannot reach Electron's
// release host. It has the layout electron-builder unpacks (binary, resources/, locales/, LICENSE, version) and a
// binary that is only a shell stub carrying the fuse sentinel and a fuse wire, so @electron/fuses can flip it. What
// it cannot prove: that the real Electron binary starts with our app.asar — only a machine with the real archive can.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults for the eight V1 fuses ('1' on, '0' off), so a flip is visible in every position. */
export const STAND_IN_FUSE_WIRE = '10110001';

interface ZipEntry {
  name: string;
  data: Buffer;
  mode: number;
}

/** A zip with stored (uncompressed) entries and Unix modes: the executable bit must survive the unpacking. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes hold a mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The stub binary: says what it is when run, and carries sentinel + version 1 + wire length + wire. */
function standInBinary(): Buffer {
  const script = "#!/bin/sh\necho 'Stand-in for the Electron binary (packaging tests only).' >&2\nexit 1\n# ";
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, STAND_IN_FUSE_WIRE.length]),
    Buffer.from(STAND_IN_FUSE_WIRE, 'latin1'),
  ]);
  return Buffer.concat([Buffer.from(script), wire, Buffer.from('\n')]);
}

/** Writes electron-v<version>-linux-x64.zip and its SHASUMS256.txt into dir (the mirror's folder); returns the zip's name. */
export function writeStandInElectron(dir: string, version: string): string {
  const name = `electron-v${version}-linux-x64.zip`;
  const archive = zip([
    { name: 'electron', data: standInBinary(), mode: 0o755 },
    { name: 'chrome-sandbox', data: Buffer.from('stand-in\n'), mode: 0o755 },
    { name: 'resources/default_app.asar', data: Buffer.from('stand-in\n'), mode: 0o644 },
    { name: 'locales/en-US.pak', data: Buffer.from('stand-in\n'), mode: 0o644 },
    { name: 'LICENSE', data: Buffer.from('Stand-in for the MIT licence text of Electron.\n'), mode: 0o644 },
    { name: 'version', data: Buffer.from(version), mode: 0o644 },
  ]);
  writeFileSync(join(dir, name), archive);
  // @electron/get verifies every download against the release's SHASUMS256.txt, served by the same mirror.
  const sum = createHash('sha256').update(archive).digest('hex');
  writeFileSync(join(dir, 'SHASUMS256.txt'), `${sum} *${name}\n`);
  return name;
}
