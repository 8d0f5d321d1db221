/** The report's Health section: before any run it says how to run one; after a run it shows the kept findings, problems first. */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import type { Result } from '../../../../shared/result.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('the Health section of the report', () => {
  it('says the check has not run, then shows the last run with its fixes', async () => {
    const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir: tempDir() });
    const { id } = value<{ id: string }>(await core.dispatch('profile.create', { name: 'Prod', siteUrl: 'https://meet.example.com' }));
    const before = value<{ html: string }>(await core.dispatch('report.generate', { id }));
    expect(before.html).toContain('Health check');
    expect(before.html).toContain('The health check has not run for this profile yet');

    value(await core.dispatch('health.run', { profileId: id, connectTo: ['127.0.0.1:1'] }));
    const after = value<{ html: string }>(await core.dispatch('report.generate', { id }));
    expect(after.html).toMatch(/Last run<\/[a-z]+>[\s\S]*?UTC: \d+ error\(s\)/);
    expect(after.html).toContain('127.0.0.1:1 refused the connection');
    expect(after.html).toContain('No IdP is imported for this profile');
    expect(after.html.indexOf('refused the connection')).toBeLessThan(after.html.indexOf('No good state is kept yet'));
  });
});
