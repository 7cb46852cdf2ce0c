// Types for scripts/after-pack.mjs (plain JavaScript, so electron-builder can load it without a TypeScript loader).
export default function afterPack(context: {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { getResourcesDir(appOutDir: string): string };
}): Promise<void>;
