import fs from 'node:fs';

/**
 * Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser download cannot run
 * here. CHROMIUM_PATH overrides.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `Chromium not found (looked at ${candidates.join(', ')}). Install Debian's package: apt-get install -y chromium, or set CHROMIUM_PATH.`,
    );
  }
  return found;
}
