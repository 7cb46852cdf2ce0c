// A real settings file on disk whose writes fail on demand, as a full disk or a read-only folder makes them fail.

import { join } from 'node:path';
import { DiskSettingsFile, unreadable } from '../../core/settings-file';
import { SETTINGS_FILE_NAME } from '../../core/settings-store';

export class FaultySettingsFile extends DiskSettingsFile {
  failWrites = false;

  constructor(dir: string) {
    super(join(dir, SETTINGS_FILE_NAME));
  }

  override write(text: string): void {
    if (this.failWrites) throw unreadable(this.path, Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    super.write(text);
  }
}
