// @vitest-environment jsdom
/**
 * The renderer kit on its own: long values with break points, the reflowing table's frame, the error notice,
 * and the busy/error state of a call to the core.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import BreakableText from '../../../renderer/src/kit/BreakableText.svelte';
import ErrorNotice from '../../../renderer/src/kit/ErrorNotice.svelte';
import ReflowTable from '../../../renderer/src/kit/ReflowTable.svelte';
import { ActionState } from '../../../renderer/src/kit/action.svelte';
import { appError } from '../../../shared/app-errors';
import { ok, type Result } from '../../../shared/result';

afterEach(() => cleanup());

describe('BreakableText', () => {
  it('marks a break point after each separator and copies as the original text', () => {
    const { container } = render(BreakableText, { props: { text: 'urn:oasis:names' } });
    expect(container.querySelectorAll('wbr')).toHaveLength(2);
    expect(container.textContent).toBe('urn:oasis:names');
  });

  it('shows markup as text, never as HTML', () => {
    const { container } = render(BreakableText, { props: { text: '<img src=x onerror=alert(1)>/b' } });
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>/b');
  });
});

describe('ReflowTable', () => {
  it('holds the table in a box of its own, whose width decides the layout', () => {
    const table = createRawSnippet(() => ({ render: () => '<table><tbody><tr><th scope="row">Status</th><td data-label="Status">Missing</td></tr></tbody></table>' }));
    const { container } = render(ReflowTable, { props: { children: table } });
    const box = container.querySelector('.reflow-table');
    expect(box?.querySelector('table td')?.getAttribute('data-label')).toBe('Status');
    expect(screen.getByRole('cell', { name: 'Missing' })).toBeTruthy();
  });
});

describe('ErrorNotice', () => {
  it('draws nothing without an error', () => {
    const { container } = render(ErrorNotice, { props: { error: null } });
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('announces the message and the fix', () => {
    const error = appError('invalid-input', { message: 'The SSO URL is not an address.', hint: 'Enter https://<adfs host>/adfs/ls/.', field: 'ssoUrl' });
    render(ErrorNotice, { props: { error: error.ok ? null : error.error } });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The SSO URL is not an address.');
    expect(alert.textContent).toContain('Enter https://<adfs host>/adfs/ls/.');
  });

  it('leaves out an empty hint', () => {
    render(ErrorNotice, { props: { error: { code: 'internal', message: 'Broken.', hint: '' } } });
    expect(screen.getByRole('alert').querySelectorAll('p')).toHaveLength(1);
  });
});

describe('ActionState', () => {
  it('is busy while the call runs, and keeps no error after a success', async () => {
    const action = new ActionState();
    let release: () => void = () => undefined;
    const running = action.run(() => new Promise<Result<number>>((resolve) => (release = () => resolve(ok(42)))));
    expect(action.busy).toBe(true);
    release();
    expect(await running).toEqual(ok(42));
    expect(action.busy).toBe(false);
    expect(action.error).toBeNull();
  });

  it('keeps the core\'s error until the next call, which starts without it', async () => {
    const action = new ActionState();
    const failed = await action.run(async () => appError('not-found', { message: 'No such profile.', hint: 'Pick one.' }));
    expect(failed.ok).toBe(false);
    expect(action.error).toMatchObject({ code: 'not-found', message: 'No such profile.', hint: 'Pick one.' });
    let seen: unknown = 'not called';
    await action.run(async () => ((seen = action.error), ok(null)));
    expect(seen).toBeNull();
    expect(action.error).toBeNull();
  });

  it('turns a call that throws into an error with a hint, and is not left busy', async () => {
    const action = new ActionState();
    const result = await action.run(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(result.ok).toBe(false);
    expect(action.busy).toBe(false);
    expect(action.error?.message).toBe('The wizard did not answer: Failed to fetch');
    expect(action.error?.hint).toMatch(/restart the wizard/);
    action.clear();
    expect(action.error).toBeNull();
  });
});
