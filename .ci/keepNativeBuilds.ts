// After `npm ci`: keeps each native addon that was compiled from source here (no prebuilt binary
// can be fetched on this machine) where its installer, prebuild-install, looks before fetching:
// npm's cache, under _prebuilds, named as the download it would have made. The next `npm ci` on
// this machine unpacks it instead of compiling SQLite again (about a minute of two cores); a new
// machine, or a new version, ABI, platform or architecture, has no entry and compiles as before.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** The parts of prebuild-install (CommonJS, untyped) used here. */
interface PrebuildUtil {
  getDownloadUrl(options: object): string;
  cachedPrebuild(url: string): string;
}
type PrebuildRc = (pkg: object) => object;
/** Packages whose install script is `prebuild-install || node-gyp rebuild`, and their binary. */
const ADDONS = [{ name: 'better-sqlite3', binary: 'build/Release/better_sqlite3.node' }];

for (const addon of ADDONS) {
  const packageDir = path.join(root, 'node_modules', addon.name);
  const binary = path.join(packageDir, addon.binary);
  if (!fs.existsSync(binary)) continue;
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  // prebuild-install as the package depends on it: its own naming, so the key always matches.
  const installer = path.dirname(
    require.resolve('prebuild-install/package.json', { paths: [packageDir] }),
  );
  const util = require(path.join(installer, 'util.js')) as PrebuildUtil;
  const options = { ...(require(path.join(installer, 'rc.js')) as PrebuildRc)(pkg), pkg };
  const cached = util.cachedPrebuild(util.getDownloadUrl(options));
  if (fs.existsSync(cached)) continue;
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  execFileSync('tar', ['-czf', partial, '-C', packageDir, addon.binary]);
  fs.renameSync(partial, cached);
  console.log(`kept the ${addon.name} ${pkg.version} build for the next install`);
}
