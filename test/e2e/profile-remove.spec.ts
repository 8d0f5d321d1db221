/**
 * Issue 16, item 11, in the UI: deleting a profile asks whether to delete its keys too; Cancel keeps them and
 * the status line says what stays, OK deletes the keychain entry, key files and certs.json with the folder.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, makeDataDir, startWizard, type RunningWizard } from './support/browser-mode';

function cli(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

/** A profile whose key is kept in an encrypted file in its folder (works with or without a keychain). */
function profileWithKey(dataDir: string): { id: string; folder: string } {
  const made = JSON.parse(cli(dataDir, ['--json', 'profile', 'add', '--name', 'Production', '--site-url', 'https://meet.example.com'])) as { value: { id: string } };
  writeFileSync(path.join(dataDir, 'pass'), 'a long passphrase\n');
  cli(dataDir, ['csr', '--key-type', 'ecdsa-p256', '--key-file', '--passphrase-file', path.join(dataDir, 'pass'), '--out', path.join(dataDir, 'site.csr')]);
  return { id: made.value.id, folder: path.join(dataDir, 'profiles', made.value.id) };
}

test.describe('deleting a profile in the UI', () => {
  let data: ReturnType<typeof makeDataDir>;
  let wizard: RunningWizard | undefined;
  test.beforeEach(() => {
    data = makeDataDir();
  });
  test.afterEach(async () => {
    await wizard?.stop();
    wizard = undefined;
    data.remove();
  });

  for (const removeKeys of [false, true]) {
    test(removeKeys ? 'OK on the keys question deletes them with the profile' : 'Cancel on the keys question keeps them and says where', async ({ page }) => {
      const { folder } = profileWithKey(data.dir);
      expect(existsSync(path.join(folder, 'certs.json'))).toBe(true);
      wizard = await startWizard(data.dir);
      await page.goto(wizard.url);
      const questions: string[] = [];
      page.on('dialog', (dialog) => {
        questions.push(dialog.message());
        void (questions.length === 1 || removeKeys ? dialog.accept() : dialog.dismiss());
      });
      await page.getByRole('button', { name: 'Edit profile' }).click();
      await page.getByRole('button', { name: 'Delete profile' }).click();
      const status = page.getByText(/Removed profile "Production"/);
      await expect(status).toBeVisible();
      expect(questions[1]).toContain('Also delete the private keys of "Production"');
      if (removeKeys) {
        await expect(status).toContainText('.p8.pem');
        await expect(status).not.toContainText('Kept on this computer');
        expect(existsSync(folder)).toBe(false);
      } else {
        await expect(status).toContainText(`Kept on this computer: the profile folder ${folder}`);
        await expect(status).toContainText('certs.json');
        expect(existsSync(path.join(folder, 'certs.json'))).toBe(true);
      }
    });
  }
});
